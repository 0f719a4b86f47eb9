// B1 on two interaction files (`evaluate --train A --test B`, no store involved): the history is the
// train file, the truth the test file — the split is evaluated as given. A temporal split keeps its
// times; a split whose test lines are not all after the train lines (a random per-user split) is
// evaluated as given too, with a note: the test lines are all placed at the as-of instant.
// Without timestamps, models that weigh time (recency, repurchase timing, windows, blend's validation
// window) need some order: each customer's train lines are spread evenly, in file order, over the
// year before the test, so the last ones are the most recent and blend learns its weights on each
// customer's later lines (a per-customer holdout). Orders: the file's order_id, else one per
// customer and time (each undated line is its own order).
import { UserError } from '../domain/errors.ts';
import type { PurchaseLines } from '../models/interactionLogFromLines.ts';
import type { ModelConfig } from '../models/modelCatalog.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import { Store } from '../store/store.ts';
import { b1FromLines, specsFor, type B1Options, type B1Report } from './b1.ts';
import { interactionsFromFile, type InteractionFileOptions } from './interactionsFromFile.ts';
import { DAY } from '../math/day.ts';

/** Undated train lines are spread over this many days before the test (blend validates on the last 91). */
const SPREAD_DAYS = 364;
/** The as-of instant when no train line is dated (the report shows it); --as-of overrides. */
const UNDATED_AS_OF = Date.UTC(2000, 0, 1);
/** Blend's default validation window; a shorter dated history gets a quarter of its span instead. */
const BLEND_VALIDATION_DAYS = 91;

export interface B1FileOptions extends B1Options, InteractionFileOptions {}

export async function b1FromFiles(trainPath: string, testPath: string, opts: B1FileOptions): Promise<B1Report> {
  const store = await Store.open(':memory:');
  try {
    const train = await interactionsFromFile(store, 'train', trainPath, opts);
    const test = await interactionsFromFile(store, 'test', testPath, opts);
    if (train.rows === 0) throw new UserError(`${trainPath}: no purchase lines (lines need a positive quantity)`);
    if (test.rows === 0) throw new UserError(`${testPath}: no purchase lines (lines need a positive quantity)`);
    const span = (await store.one<{ lo: number | null; hi: number | null }>(
      `SELECT epoch_ms(min(ts))::DOUBLE AS lo, epoch_ms(max(ts))::DOUBLE AS hi FROM train`,
    ))!;
    const dated = span.lo !== null && span.hi !== null && span.hi > span.lo;
    const notes: string[] = [];
    if (!dated && ((opts.trainWindow && opts.trainWindow !== 'all') || opts.exclude)) {
      throw new UserError(`--train-window and --exclude-period need dated train lines (${trainPath}: no ts, or one time for all)`);
    }
    let cut: number;
    if (dated) {
      cut = Math.max(span.hi! + 1, opts.asOf?.getTime() ?? -Infinity);
      const early = test.hasTs
        ? Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM test WHERE epoch_ms(ts)::DOUBLE < ${cut}`))!.n)
        : 0;
      if (early > 0) {
        notes.push(
          `${early} of ${test.rows} test lines are not after the last train line (${isoLocal(new Date(span.hi!))}): ` +
            `not a temporal split (e.g. random per customer), so it is evaluated as given — history = ${trainPath}, truth = ${testPath}`,
        );
      }
    } else {
      cut = opts.asOf?.getTime() ?? UNDATED_AS_OF;
      notes.push(
        `${trainPath} has ${train.hasTs ? 'one timestamp for every line' : 'no timestamps'}: each customer's train lines are ` +
          `spread in file order over the ${SPREAD_DAYS} days before the test (models that use time see that order), ` +
          `as-of ${isoLocal(new Date(cut)).slice(0, 10)}`,
      );
    }
    const lines = await linesInTime(store, dated, cut);
    const spanDays = dated ? (span.hi! - span.lo!) / DAY : SPREAD_DAYS;
    const blend: ModelConfig = spanDays < 2 * BLEND_VALIDATION_DAYS ? { validationDays: spanDays / 4 } : {};
    const specs = await specsFor(null, opts.models, 91, blend);
    for (const n of notes) opts.log?.(`note: ${n}`);
    const report = await b1FromLines(lines, cut, Infinity, specs, opts);
    const all = [...notes, ...(report.notes ?? [])];
    return all.length ? { ...report, notes: all } : report;
  } finally {
    store.close();
  }
}

/** Train and test lines as time-sorted purchase lines: train at its times (or spread), test at `cut`. */
async function linesInTime(store: Store, dated: boolean, cut: number): Promise<PurchaseLines> {
  // k-th of a customer's n undated lines (file order, k = 1..n): cut − 1 day − spread·(n − k)/n.
  const trainT = dated
    ? 'epoch_ms(ts)::DOUBLE'
    : `${cut - DAY} - ${SPREAD_DAYS * DAY}::DOUBLE * (count(*) OVER (PARTITION BY u) - row_number() OVER (PARTITION BY u ORDER BY rn))
         / count(*) OVER (PARTITION BY u)`;
  const cols = await store.columns(
    `WITH l AS (SELECT u, i, q, o, rn, 0 AS part, ${trainT} AS t FROM train
                UNION ALL SELECT u, i, q, o, rn, 1 AS part, ${cut}::DOUBLE AS t FROM test),
          uu AS (SELECT u, (row_number() OVER (ORDER BY u) - 1)::INTEGER AS ui FROM (SELECT DISTINCT u FROM l)),
          ii AS (SELECT i, (row_number() OVER (ORDER BY i) - 1)::INTEGER AS ii FROM (SELECT DISTINCT i FROM l))
     SELECT uu.ui, ii.ii, t, q,
            -- an order: the file's order id, else one per customer and time
            (dense_rank() OVER (ORDER BY part, o, u, CASE WHEN o IS NULL THEN t END) - 1)::INTEGER AS oi
     FROM l JOIN uu USING (u) JOIN ii USING (i) ORDER BY t, part, rn`,
    { ui: 'i32', ii: 'i32', t: 'f64', q: 'f64', oi: 'i32' },
  );
  const nUsers = cols.ui.reduce((m, v) => Math.max(m, v + 1), 0),
    nItems = cols.ii.reduce((m, v) => Math.max(m, v + 1), 0);
  return { nUsers, nItems, user: cols.ui, item: cols.ii, order: cols.oi, quantity: cols.q, amount: Float64Array.from(cols.q), ts: cols.t };
}
