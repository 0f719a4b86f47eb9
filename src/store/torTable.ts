// Reads and writes TORs (table `tors`) and their latest good results (tor_results, tor_scores).
import type { Tor, TorSettings, TorStatus } from '../domain/types.ts';
import { NotFoundError } from '../domain/errors.ts';
import { getMeta, setMeta } from './meta.ts';
import type { Store } from './store.ts';

interface TorRow {
  tor_id: string;
  name: string;
  settings: string;
  offers: string;
  status: string;
  priority_count: number;
  created_at: Date;
  updated_at: Date;
  error: string | null;
  progress: number | null;
  computed_at: Date | null;
  quality: string | null;
  stats: string | null;
}

export interface TorRecord extends Tor {
  progress: number | null;
  computedAt: Date | null;
  /** Prediction quality of the last compute (per-offer AUC, lift), when the model reports it. */
  quality: unknown;
  /** Figures of the last compute: audience size, timings, objective value … */
  stats: Record<string, unknown> | null;
}

const SELECT = `SELECT tor_id, name, settings::VARCHAR AS settings, offers::VARCHAR AS offers, status, priority_count,
  created_at, updated_at, error, progress, computed_at, quality::VARCHAR AS quality, stats::VARCHAR AS stats FROM tors`;

function torFromRow(r: TorRow): TorRecord {
  return {
    torId: r.tor_id,
    name: r.name,
    settings: JSON.parse(r.settings) as TorSettings,
    offers: JSON.parse(r.offers) as string[],
    status: r.status as TorStatus,
    error: r.error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    progress: r.progress,
    computedAt: r.computed_at,
    quality: r.quality ? JSON.parse(r.quality) : null,
    stats: r.stats ? JSON.parse(r.stats) : null,
  };
}

export async function nextTorId(store: Store): Promise<string> {
  const n = ((await getMeta<number>(store, 'tor_seq')) ?? 0) + 1;
  await setMeta(store, 'tor_seq', n);
  return `tor-${n}`;
}

export async function insertTor(store: Store, t: Tor): Promise<void> {
  await store.run(
    `INSERT INTO tors (tor_id, name, settings, offers, status, priority_count, created_at, updated_at, error)
     VALUES (?, ?, ?, ?, ?, ?, now()::TIMESTAMP, now()::TIMESTAMP, NULL)`,
    [t.torId, t.name, JSON.stringify(t.settings), JSON.stringify(t.offers), t.status, t.settings.perCustomer],
  );
}

export async function getTor(store: Store, torId: string): Promise<TorRecord> {
  const row = await store.one<TorRow>(`${SELECT} WHERE tor_id = ?`, [torId]);
  if (!row) throw new NotFoundError(`no TOR with id '${torId}'`);
  return torFromRow(row);
}

export async function listTors(store: Store): Promise<TorRecord[]> {
  return (await store.all<TorRow>(`${SELECT} ORDER BY created_at, tor_id`)).map(torFromRow);
}

export async function updateTorDefinition(
  store: Store,
  torId: string,
  patch: { name?: string; offers?: string[]; settings?: TorSettings; status?: TorStatus },
): Promise<void> {
  const t = await getTor(store, torId);
  const settings = patch.settings ?? t.settings;
  await store.run(
    `UPDATE tors SET name = ?, offers = ?, settings = ?, priority_count = ?, status = ?, updated_at = now()::TIMESTAMP WHERE tor_id = ?`,
    [
      patch.name ?? t.name,
      JSON.stringify(patch.offers ?? t.offers),
      JSON.stringify(settings),
      settings.perCustomer,
      patch.status ?? t.status,
      torId,
    ],
  );
}

export async function setTorStatus(
  store: Store,
  torId: string,
  status: TorStatus,
  extra: { error?: string | null; progress?: number | null } = {},
): Promise<void> {
  await store.run(`UPDATE tors SET status = ?, error = ?, progress = ?, updated_at = now()::TIMESTAMP WHERE tor_id = ?`, [
    status,
    extra.error ?? null,
    extra.progress ?? null,
    torId,
  ]);
}

export async function setTorProgress(store: Store, torId: string, progress: number): Promise<void> {
  await store.run(`UPDATE tors SET progress = ? WHERE tor_id = ?`, [progress, torId]);
}

export async function deleteTor(store: Store, torId: string): Promise<void> {
  await getTor(store, torId);
  await store.transaction(async () => {
    await store.run(`DELETE FROM tor_results WHERE tor_id = ?`, [torId]);
    await store.run(`DELETE FROM tor_scores WHERE tor_id = ?`, [torId]);
    await store.run(`DELETE FROM tor_compute_runs WHERE tor_id = ?`, [torId]);
    await store.run(`DELETE FROM tors WHERE tor_id = ?`, [torId]);
  });
}

/**
 * Replaces a TOR's results in one transaction from staged tables (see tor/stageTorResults.ts):
 * results (customer_id, priority, offer_id, score, reason) and scores (customer_id, offer_id, score, rank),
 * and marks it ready. A failure leaves the previous results and status untouched.
 */
export async function commitTorResults(
  store: Store,
  torId: string,
  staged: { results: string; scores: string; arms?: { experiment: string; table: string } },
  quality: unknown,
  stats: unknown,
): Promise<void> {
  await store.transaction(async () => {
    // New control-group arms are kept with the result that first used them (ON CONFLICT: another
    // campaign of the same experiment may have assigned the customer meanwhile; the first wins).
    if (staged.arms)
      await store.run(
        `INSERT INTO experiment_arms SELECT ?, customer_id, arm, stratum, now()::TIMESTAMP FROM ${staged.arms.table} ON CONFLICT DO NOTHING`,
        [staged.arms.experiment],
      );
    await store.run(`DELETE FROM tor_results WHERE tor_id = ?`, [torId]);
    await store.run(`DELETE FROM tor_scores WHERE tor_id = ?`, [torId]);
    await store.run(
      `INSERT INTO tor_results (tor_id, customer_id, priority, offer_id, score, reason, segment, map_rule, message, arm)
      SELECT ?, customer_id, priority, offer_id, score, reason, segment, map_rule, message, arm FROM ${staged.results}`,
      [torId],
    );
    await store.run(`INSERT INTO tor_scores SELECT ?, customer_id, offer_id, score, rank FROM ${staged.scores}`, [torId]);
    await store.run(
      `UPDATE tors SET status = 'ready', error = NULL, progress = 1, computed_at = now()::TIMESTAMP,
       updated_at = now()::TIMESTAMP, quality = ?, stats = ? WHERE tor_id = ?`,
      [JSON.stringify(quality ?? null), JSON.stringify(stats ?? null), torId],
    );
  });
  await store.run(`DROP TABLE IF EXISTS ${staged.results}`);
  await store.run(`DROP TABLE IF EXISTS ${staged.scores}`);
  if (staged.arms) await store.run(`DROP TABLE IF EXISTS ${staged.arms.table}`);
}
