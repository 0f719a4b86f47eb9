// What an ingestion of order lines answers, the same in-process and through the API: each
// customer's refreshed list, how long the refresh took, whether product_recommendations changed.
import type { RecsRows } from './recsOutput.ts';

export interface IngestedCustomer {
  customerId: string;
  recommendations: { ranking: number; product_id: string; score: number }[];
}

export interface IngestOutput {
  lines: number;
  customers: IngestedCustomer[];
  /** Store + fold-in + new lists, in milliseconds. */
  ms: number;
  tableUpdated: boolean;
  /** False when no recommendations exist yet (the lines are stored; run recommend). */
  refreshed: boolean;
}

export function ingestedCustomers(rows: RecsRows): IngestedCustomer[] {
  return Array.from(rows.users, (u, r) => {
    const recommendations = [];
    for (let j = 0; j < rows.n; j++) {
      const it = rows.items[r * rows.n + j];
      if (it >= 0) recommendations.push({ ranking: j + 1, product_id: rows.productIds[it], score: rows.scores[r * rows.n + j] });
    }
    return { customerId: rows.customerIds[u], recommendations };
  });
}
