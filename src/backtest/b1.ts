// B1 backtest service (I/O edge): reads purchase lines from the store (or two interaction files via
// DuckDB), splits them at the as-of date, runs evaluateModels and saves each model's quality.
import { UserError } from '../domain/errors.ts';
import { modelCatalog, modelWithConfig, type ModelConfig } from '../models/modelCatalog.ts';
import type { PurchaseLines } from '../models/interactionLogFromLines.ts';
import { getMeta, setMeta } from '../store/meta.ts';
import { Store, quoteLiteral } from '../store/store.ts';
import { defaultAsOf, interactionsFromStore, isoLocal, purchaseLinesFromInteractions } from '../snapshot/interactions.ts';
import { b1SplitFromLines, evaluateModels, type B1Row, type B1Variant, type ModelSpec } from './evaluateModels.ts';

const DAY = 86_400_000;

/** What `evaluate` compares when no model is named. */
export const DEFAULT_EVAL_MODELS = ['popularity', 'repurchase', 'itemKnn', 'userKnn', 'blend'];

export interface B1Options {
  /** history ends here (exclusive); default: the store's default as-of date */
  asOf?: Date;
  /** test window length ('91d', '12w', '3m', '1y') or 'end' (all lines after as-of; the default) */
  horizon?: string;
  models: string[];
  /** history lines in [from, to) are left out */
  exclude?: { from: Date; to: Date };
  /** '365d' etc. = only that much history before as-of; 'all' (default) */
  trainWindow?: string;
  k?: number;
  variants?: B1Variant[];
  log?: (msg: string) => void;
  /** fraction done in [0, 1] and the current stage */
  progress?: (fraction: number, stage: string) => void;
}

export interface B1Report {
  asOf: string;
  end: string;
  k: number;
  rows: B1Row[];
}

/** Days in '91d' / '12w' / '3m' (×30.44) / '1y' (×365); UserError otherwise. */
export function daysFromDuration(s: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([dwmy])$/.exec(s.trim());
  if (!m) throw new UserError(`--${flag} must look like 91d, 12w, 3m or 1y (got '${s}')`);
  const mult = { d: 1, w: 7, m: 30.44, y: 365 }[m[2] as 'd' | 'w' | 'm' | 'y'];
  return Math.round(+m[1] * mult);
}

/** Model specs with saved configs (meta `config:<model>`) and the horizon applied. */
async function specsFor(store: Store | null, names: string[], horizonDays: number): Promise<ModelSpec[]> {
  const specs: ModelSpec[] = [];
  for (const name of names) {
    const saved = store ? await getMeta<ModelConfig>(store, `config:${name}`) : undefined;
    const config: ModelConfig = { ...(name === 'blend' || name === 'repurchase' ? { horizonDays } : {}), ...(saved ?? {}) };
    try { modelWithConfig(name, config); } catch (e) { throw new UserError((e as Error).message); }
    specs.push({ name, make: () => modelWithConfig(name, config) });
  }
  return specs;
}

export async function b1FromLines(lines: PurchaseLines, asOf: number, end: number, specs: ModelSpec[], opts: B1Options): Promise<B1Report> {
  const trainFrom = opts.trainWindow && opts.trainWindow !== 'all' ? asOf - daysFromDuration(opts.trainWindow, 'train-window') * DAY : undefined;
  const split = b1SplitFromLines(lines, asOf, end, {
    trainFrom, exclude: opts.exclude ? { from: opts.exclude.from.getTime(), to: opts.exclude.to.getTime() } : undefined,
  });
  if (split.usersAll.length === 0) throw new UserError('no test customers: nobody has both history before the as-of date and purchases in the test window');
  opts.log?.(`B1: ${split.usersAll.length} test customers (all items), ${split.usersNew.length} (new items)`);
  const rows = await evaluateModels(split, specs, opts.k ?? 10, opts.variants ?? ['all', 'new'], opts.log,
    (f, stage) => opts.progress?.(0.1 + 0.9 * f, stage));
  const iso = (t: number) => (Number.isFinite(t) ? isoLocal(new Date(t)) : 'end');
  return { asOf: iso(asOf), end: iso(end), k: opts.k ?? 10, rows };
}

/** B1 on the store's order lines; saves `quality:<model>` for every model. */
export async function b1FromStore(store: Store, opts: B1Options): Promise<B1Report> {
  const asOf = opts.asOf ?? (await defaultAsOf(store));
  if (!asOf) throw new UserError('the store has no order lines: import some first');
  opts.progress?.(0, 'reading purchases');
  const horizonDays = !opts.horizon || opts.horizon === 'end' ? null : daysFromDuration(opts.horizon, 'horizon');
  const end = horizonDays === null ? Infinity : asOf.getTime() + horizonDays * DAY;
  const x = await interactionsFromStore(store, horizonDays === null ? {} : { to: new Date(end) });
  const lastTs = x.ts.length ? x.ts[x.ts.length - 1] : asOf.getTime();
  const specs = await specsFor(store, opts.models, Math.max(1, Math.round(((horizonDays === null ? lastTs : end) - asOf.getTime()) / DAY)));
  const report = await b1FromLines(purchaseLinesFromInteractions(x), asOf.getTime(), end, specs, opts);
  for (const name of opts.models) {
    const rows = report.rows.filter((r) => r.model === name);
    await setMeta(store, `quality:${name}`, { measuredAt: new Date().toISOString(), asOf: report.asOf, end: report.end, k: report.k, rows });
  }
  return report;
}

/**
 * B1 on two interaction files (header with user and item columns — or customer_id / product_id —
 * and an optional ts column). Train lines without ts count as one order each before the test lines.
 */
export async function b1FromFiles(trainPath: string, testPath: string, opts: B1Options): Promise<B1Report> {
  const store = await Store.open(':memory:');
  try {
    for (const [name, path] of [['train', trainPath], ['test', testPath]] as const) {
      try {
        await store.run(`CREATE TABLE ${name}_raw AS SELECT * FROM read_csv(${quoteLiteral(path)}, header = true, all_varchar = true)`);
      } catch (e) {
        throw new UserError(`${path}: cannot read as CSV: ${(e as Error).message.split('\n')[0]}`);
      }
      const cols = (await store.all<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = '${name}_raw'`)).map((c) => c.name);
      const userCol = cols.find((c) => c === 'user' || c === 'customer_id');
      const itemCol = cols.find((c) => c === 'item' || c === 'product_id');
      if (!userCol || !itemCol) throw new UserError(`${path}: needs a 'user' (or customer_id) and an 'item' (or product_id) column (found: ${cols.join(', ')})`);
      const hasTs = cols.includes('ts');
      if (hasTs) {
        const bad = await store.one<{ line: number; v: string }>(
          `SELECT line, v FROM (SELECT row_number() OVER () + 1 AS line, ts AS v FROM ${name}_raw) WHERE v IS NOT NULL AND TRY_CAST(v AS TIMESTAMP) IS NULL LIMIT 1`);
        if (bad) throw new UserError(`${path}:${bad.line}: column ts: '${bad.v}' is not a timestamp`);
      }
      const empty = await store.one<{ line: number; c: string }>(
        `SELECT line, c FROM (SELECT row_number() OVER () + 1 AS line, CASE WHEN "${userCol}" IS NULL OR "${userCol}" = '' THEN '${userCol}' ELSE '${itemCol}' END AS c,
           "${userCol}" AS u, "${itemCol}" AS i FROM ${name}_raw) WHERE u IS NULL OR u = '' OR i IS NULL OR i = '' LIMIT 1`);
      if (empty) throw new UserError(`${path}:${empty.line}: column ${empty.c}: empty value`);
      await store.run(`CREATE TABLE ${name} AS SELECT "${userCol}" AS u, "${itemCol}" AS i, ${hasTs ? 'TRY_CAST(ts AS TIMESTAMP)' : 'NULL::TIMESTAMP'} AS ts,
        row_number() OVER () AS rn FROM ${name}_raw`);
    }
    // train lines without ts get 1-minute spaced times ending one day before the test; test lines the as-of time
    const t = await store.one<{ maxTs: Date | null }>(`SELECT max(ts) AS maxTs FROM train`);
    const asOf = opts.asOf?.getTime() ?? (t?.maxTs ? new Date(t.maxTs).getTime() + 1 : Date.UTC(2000, 0, 2));
    const cols = await store.columns(
      `WITH l AS (SELECT u, i, ts, rn, 0 AS part FROM train UNION ALL SELECT u, i, ts, rn, 1 AS part FROM test),
            uu AS (SELECT u, (row_number() OVER (ORDER BY u) - 1)::INTEGER AS ui FROM (SELECT DISTINCT u FROM l)),
            ii AS (SELECT i, (row_number() OVER (ORDER BY i) - 1)::INTEGER AS ii FROM (SELECT DISTINCT i FROM l))
       SELECT uu.ui, ii.ii, CASE WHEN part = 1 THEN coalesce(epoch_ms(ts)::DOUBLE, ${asOf}) ELSE coalesce(epoch_ms(ts)::DOUBLE, ${asOf - DAY} - (count(*) OVER (PARTITION BY part) - rn + 1) * 60000) END AS t,
              uu.ui AS o, part
       FROM l JOIN uu USING (u) JOIN ii USING (i) ORDER BY t, part, rn`,
      { ui: 'i32', ii: 'i32', t: 'f64', o: 'i32', part: 'i32' },
    );
    const n = cols.ui.length;
    // an order = one (user, time)
    const order = new Int32Array(n);
    const key = new Map<string, number>();
    for (let l = 0; l < n; l++) { const kk = `${cols.ui[l]}:${cols.t[l]}`; let o = key.get(kk); if (o === undefined) { o = key.size; key.set(kk, o); } order[l] = o; }
    let trainMax = -Infinity;
    for (let l = 0; l < n; l++) if (cols.part[l] === 0) trainMax = Math.max(trainMax, cols.t[l]);
    const cut = Math.max(trainMax + 1, asOf);
    for (let l = 0; l < n; l++) if (cols.part[l] === 1 && cols.t[l] < cut) throw new UserError(`${testPath}: test lines must come after every train line (a test line has ts before ${isoLocal(new Date(cut))})`);
    const nUsers = cols.ui.reduce((m, v) => Math.max(m, v + 1), 0), nItems = cols.ii.reduce((m, v) => Math.max(m, v + 1), 0);
    const ones = new Float64Array(n).fill(1);
    const lines: PurchaseLines = { nUsers, nItems, user: cols.ui, item: cols.ii, order, quantity: ones, amount: ones, ts: cols.t };
    const specs = await specsFor(null, opts.models, 91);
    return await b1FromLines(lines, cut, Infinity, specs, opts);
  } finally {
    store.close();
  }
}

/** Names `evaluate` and `tune` accept. */
export function tunableModels(): string[] {
  return Object.keys(modelCatalog);
}
