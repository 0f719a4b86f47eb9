// Writes recommendation lists: one row per (customer, rank) with the columns
//   primary_key (= user_unique_id:ranking), user_unique_id, last_update_date,
//   recommended_item_id, ranking (1..n), score ([0, 1], rank 1 = 1.0)
// plus requested product attribute columns, to CSV or Parquet (by extension; DuckDB COPY to a
// temporary name, then rename), to the table product_recommendations, or to a PostgreSQL table
// (replaced atomically: src/export/postgresTable.ts).
import { noSpaceError } from '../export/noSpaceError.ts';
import { removeStaleTempSiblings } from '../export/staleTempFiles.ts';
import { tempPathFor } from '../export/writeAtomic.ts';
import { renameSync, rmSync } from 'node:fs';
import { isoLocal } from '../snapshot/interactions.ts';
import { quoteIdent, quoteLiteral, type Store } from '../store/store.ts';
import { replacePostgresTable, type PostgresTableTarget } from '../export/postgresTable.ts';

export const RECS_TABLE = 'product_recommendations';
export const RECS_COLUMNS = ['primary_key', 'user_unique_id', 'last_update_date', 'recommended_item_id', 'ranking', 'score'] as const;

export interface RecsRows {
  /** Dense user index per list; items/scores are users.length × n (item −1 = empty slot, skipped). */
  users: Int32Array;
  items: Int32Array;
  scores: Float32Array;
  n: number;
  customerIds: string[];
  productIds: string[];
  /** Product attribute columns to append (must exist on products). */
  attributes: string[];
  updatedAt: Date;
}

export type RecsTarget = { kind: 'file'; path: string } | { kind: 'table' } | ({ kind: 'postgres' } & PostgresTableTarget);

/**
 * Where a file is written before it is renamed into place (also what a cancelled job cleans up):
 * a fixed tag per process, so onAbort finds it; hidden and `.tmp`-ended (export/staleTempFiles.ts).
 */
export function recsTempFile(path: string): string {
  return tempPathFor(path, 'recs');
}

/** Loads the lists into temp tables (appenders, integer codes) and returns the SELECT of output rows. */
async function stage(store: Store, rows: RecsRows): Promise<string> {
  await store.run(`CREATE OR REPLACE TEMP TABLE _recs (ui INTEGER, rnk INTEGER, pi INTEGER, score DOUBLE)`);
  await store.run(`CREATE OR REPLACE TEMP TABLE _recs_u (ui INTEGER, id VARCHAR)`);
  await store.run(`CREATE OR REPLACE TEMP TABLE _recs_p (pi INTEGER, id VARCHAR)`);
  // Typed columns, appended in bulk: ui/rnk/pi are Int32 codes, one row per non-empty slot.
  let m = 0;
  for (let k = 0; k < rows.items.length; k++) if (rows.items[k] >= 0) m++;
  const ui = new Int32Array(m),
    rnk = new Int32Array(m),
    pi = new Int32Array(m),
    sc = new Float64Array(m);
  const usedItems = new Uint8Array(rows.productIds.length);
  let w = 0;
  for (let r = 0; r < rows.users.length; r++) {
    for (let j = 0; j < rows.n; j++) {
      const it = rows.items[r * rows.n + j];
      if (it < 0) continue;
      usedItems[it] = 1;
      ui[w] = r;
      rnk[w] = j + 1;
      pi[w] = it;
      sc[w] = rows.scores[r * rows.n + j];
      w++;
    }
  }
  await store.appendColumns('_recs', [ui, rnk, pi, sc], { temp: true });
  const users = Int32Array.from({ length: rows.users.length }, (_, r) => r);
  await store.appendColumns('_recs_u', [users, Array.from(rows.users, (u) => rows.customerIds[u])], { temp: true });
  const used: number[] = [];
  for (let i = 0; i < usedItems.length; i++) if (usedItems[i]) used.push(i);
  await store.appendColumns('_recs_p', [Int32Array.from(used), used.map((i) => rows.productIds[i])], { temp: true });
  const attrCols = rows.attributes.map((c) => `, pr.${quoteIdent(c)}`).join('');
  const attrJoin = rows.attributes.length ? `LEFT JOIN products pr ON pr.product_id = p.id` : '';
  return `SELECT u.id || ':' || r.rnk AS primary_key, u.id AS user_unique_id,
            ${quoteLiteral(isoLocal(rows.updatedAt))}::TIMESTAMP AS last_update_date,
            p.id AS recommended_item_id, r.rnk AS ranking, r.score AS score${attrCols}
          FROM _recs r JOIN _recs_u u USING (ui) JOIN _recs_p p USING (pi) ${attrJoin}
          ORDER BY u.id, r.rnk`;
}

async function dropStage(store: Store): Promise<void> {
  for (const t of ['_recs', '_recs_u', '_recs_p']) await store.run(`DROP TABLE IF EXISTS temp.${t}`);
}

/** Writes all lists; returns the number of rows written. */
export async function writeRecommendations(store: Store, rows: RecsRows, target: RecsTarget): Promise<number> {
  try {
    const sql = await stage(store, rows);
    const count = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM _recs`))!.n);
    if (target.kind === 'postgres') {
      await replacePostgresTable(store, { sql, params: [] }, target);
    } else if (target.kind === 'table') {
      await store.transaction(async () => {
        await store.run(`CREATE OR REPLACE TABLE ${RECS_TABLE} AS ${sql}`);
      });
    } else {
      const parquet = /\.parquet$/i.test(target.path);
      const tmp = recsTempFile(target.path);
      await removeStaleTempSiblings(target.path);
      try {
        await store.run(`COPY (${sql}) TO ${quoteLiteral(tmp)} (FORMAT ${parquet ? 'parquet' : 'csv'}${parquet ? '' : ', HEADER true'})`);
        renameSync(tmp, target.path);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw noSpaceError(e, target.path) ?? e;
      }
    }
    return count;
  } finally {
    await dropStage(store);
  }
}

/** Replaces one customer's rows in product_recommendations (after a purchase); no-op if the table does not exist. */
export async function replaceCustomerRecommendations(store: Store, rows: RecsRows): Promise<boolean> {
  const exists = await store.one(`SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'`, [RECS_TABLE]);
  if (!exists) return false;
  // A few lists without attribute columns (real-time ingestion): plain parameters, no staging tables.
  if (!rows.attributes.length && rows.users.length * rows.n <= 1000) {
    await replaceFewLists(store, rows);
    return true;
  }
  try {
    const sql = await stage(store, rows);
    await store.transaction(async () => {
      for (let r = 0; r < rows.users.length; r++) {
        await store.run(`DELETE FROM ${RECS_TABLE} WHERE user_unique_id = ?`, [rows.customerIds[rows.users[r]]]);
      }
      await store.run(`INSERT INTO ${RECS_TABLE} BY NAME ${sql}`);
    });
    return true;
  } finally {
    await dropStage(store);
  }
}

async function replaceFewLists(store: Store, rows: RecsRows): Promise<void> {
  const updated = isoLocal(rows.updatedAt);
  const values: string[] = [],
    params: (string | number)[] = [];
  for (let r = 0; r < rows.users.length; r++) {
    const id = rows.customerIds[rows.users[r]];
    for (let j = 0; j < rows.n; j++) {
      const it = rows.items[r * rows.n + j];
      if (it < 0) continue;
      values.push('(?, ?, ?::TIMESTAMP, ?, ?, ?)');
      params.push(`${id}:${j + 1}`, id, updated, rows.productIds[it], j + 1, rows.scores[r * rows.n + j]);
    }
  }
  const ids = Array.from(rows.users, (u) => rows.customerIds[u]);
  await store.transaction(async () => {
    await store.run(`DELETE FROM ${RECS_TABLE} WHERE user_unique_id IN (${ids.map(() => '?').join(', ')})`, ids);
    if (values.length) {
      await store.run(`INSERT INTO ${RECS_TABLE} (${RECS_COLUMNS.join(', ')}) VALUES ${values.join(', ')}`, params);
    }
  });
}
