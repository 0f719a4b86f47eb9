// The fired-actions file of `rules apply --out`: customer_id, rule, offer_id, fired_at (RFC 4180).
import type { Firing } from './evaluateRules.ts';

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function firingsCsv(firings: Firing[]): string {
  const rows = firings.map((f) => [f.customer_id, f.rule, f.offer_id, f.fired_at].map(cell).join(','));
  return ['customer_id,rule,offer_id,fired_at', ...rows].join('\n') + '\n';
}
