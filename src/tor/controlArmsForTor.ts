// The control group of a TOR compute (docs/experiments.md). Every customer of the result gets an arm:
// a customer already assigned in the experiment keeps it (experiment_arms, first assignment wins), so
// recomputes and later campaigns of one experiment never move anyone. A new customer draws
//   u = md5_lower64(experiment | seed | customer_id) / 2^64  ∈ [0, 1)
// and is control when u < pct/100 (no strata). Stratified, each stratum (the customer's segment, or its
// first-priority offer) gets exactly round(pct/100 · n_stratum) controls in total (pct: the segment's own
// control_pct from the TOR's offer map, when it sets one): the new customers
// with the smallest u fill what the stratum's existing controls leave. Both are deterministic and
// independent of row order. Control customers keep the offers they would have got (reports compare
// like with like); exports leave them out unless asked.
import type { TorControl } from '../domain/types.ts';
import { segmentMembersFromStore } from '../segments/segmentMembersFromStore.ts';
import { quoteLiteral, type Store } from '../store/store.ts';

export interface ControlArms {
  experiment: string;
  /** Staged table of arms first assigned by this compute: (customer_id, arm, stratum); committed with the result. */
  newArms: string;
  treatment: number;
  control: number;
}

/** Hash fraction u ∈ [0,1) of a customer in an experiment (SQL), see the header. */
export function armHashSql(experiment: string, seed: string, customerCol: string): string {
  return `(md5_number_lower(${quoteLiteral(`${experiment}|${seed}|`)} || ${customerCol})::DOUBLE / 18446744073709551616.0)`;
}

/** The first segment (in list order) each customer belongs to, as a temp table (customer_id, segment). */
async function governingSegments(store: Store, asOf: Date, table: string): Promise<void> {
  const members = await segmentMembersFromStore(store, asOf);
  const ids: string[] = [],
    segs: string[] = [];
  const seen = new Set<string>();
  for (const [seg, set] of members)
    for (const c of set) {
      if (seen.has(c)) continue;
      seen.add(c);
      ids.push(c);
      segs.push(seg);
    }
  await store.run(`CREATE OR REPLACE TEMP TABLE ${table} (customer_id VARCHAR, segment VARCHAR)`);
  if (ids.length) await store.appendColumns(table, [ids, segs]);
}

/**
 * Sets `arm` (and a missing `segment`) on the staged results table and stages the new arms.
 * `staged` has customer_id, priority, offer_id, segment.
 */
export async function controlArmsForTor(
  store: Store,
  torId: string,
  control: TorControl,
  staged: string,
  asOf: Date,
  segmentPct: ReadonlyMap<string, number> = new Map(),
): Promise<ControlArms> {
  const experiment = control.experiment ?? torId;
  const T = { seg: `${staged}_gseg`, cust: `${staged}_cust`, arms: `${staged}_arms` };
  // Every control TOR records a segment per customer, so reports can break results down by segment.
  await governingSegments(store, asOf, T.seg);
  await store.run(`UPDATE ${staged} s SET segment = g.segment FROM ${T.seg} g WHERE s.segment IS NULL AND g.customer_id = s.customer_id`);
  // Share held out per customer: the map's control_pct for the customer's segment, else the TOR's.
  const pctSql = segmentPct.size
    ? `CASE arg_min(segment, priority) ${[...segmentPct].map(([seg, p]) => `WHEN ${quoteLiteral(seg)} THEN ${p / 100}`).join(' ')} ` +
      `ELSE ${control.pct / 100} END`
    : `${control.pct / 100}`;
  const stratum =
    control.stratify === 'segment'
      ? `coalesce(arg_min(segment, priority), '(none)')`
      : control.stratify === 'priority'
        ? `arg_min(offer_id, priority)`
        : `''`;
  await store.run(
    `CREATE OR REPLACE TEMP TABLE ${T.cust} AS
     SELECT s.customer_id, any_value(s.stratum) AS stratum, any_value(a.arm) AS arm, ${armHashSql(experiment, control.seed, 's.customer_id')} AS u,
       any_value(s.q) AS q
     FROM (SELECT customer_id, ${stratum} AS stratum, ${pctSql} AS q FROM ${staged} GROUP BY customer_id) s
     LEFT JOIN experiment_arms a ON a.experiment_id = ? AND a.customer_id = s.customer_id
     GROUP BY s.customer_id`,
    [experiment],
  );
  const drawn =
    control.stratify === 'none'
      ? `CASE WHEN u < q THEN 'control' ELSE 'treatment' END`
      : // rank among the stratum's new customers by u; fill the stratum's control quota left by existing arms
        `CASE WHEN row_number() OVER (PARTITION BY stratum, arm IS NULL ORDER BY u, customer_id)
            <= greatest(0, round(avg(q) OVER (PARTITION BY stratum) * count(*) OVER (PARTITION BY stratum))
                 - sum(CASE WHEN arm = 'control' THEN 1 ELSE 0 END) OVER (PARTITION BY stratum))
          THEN 'control' ELSE 'treatment' END`;
  await store.run(
    `CREATE OR REPLACE TEMP TABLE ${T.arms} AS
     SELECT customer_id, stratum, arm AS kept, ${drawn} AS drawn FROM ${T.cust}`,
  );
  await store.run(`UPDATE ${staged} s SET arm = coalesce(a.kept, a.drawn) FROM ${T.arms} a WHERE a.customer_id = s.customer_id`);
  const counts = await store.one<{ t: bigint; c: bigint }>(
    `SELECT count(*) FILTER (WHERE coalesce(kept, drawn) = 'treatment') AS t, count(*) FILTER (WHERE coalesce(kept, drawn) = 'control') AS c
     FROM ${T.arms}`,
  );
  await store.run(`CREATE OR REPLACE TEMP TABLE ${T.cust} AS SELECT customer_id, drawn AS arm, stratum FROM ${T.arms} WHERE kept IS NULL`);
  for (const t of [T.seg, T.arms]) await store.run(`DROP TABLE IF EXISTS ${t}`);
  return { experiment, newArms: T.cust, treatment: Number(counts?.t ?? 0), control: Number(counts?.c ?? 0) };
}
