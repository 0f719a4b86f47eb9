// Writes the staged result tables (results and all scores) from a dense assignment: integer columns are
// bulk-appended, then joined to the id dictionaries in SQL, so each string id crosses the
// JS/DuckDB boundary once. Returns the number of assignments.
import type { Assignment } from '../rank/assignmentFromScores.ts';
import type { Store } from '../store/store.ts';

let stageSeq = 0;

/** Names of the staged tables a compute hands to commitTorResults. */
export interface StagedTables {
  results: string;
  scores: string;
  assignments: number;
}

/** Per assignment (rows × K, like the allocation): the governing segment, the map rule and the rendered message; null = none. */
export interface AssignmentNotes {
  segment: (string | null)[];
  mapRule: (string | null)[];
  message: (string | null)[];
}

export async function stageTorResults(
  store: Store,
  customerIds: string[],
  offerIds: string[],
  audience: Int32Array,
  a: Assignment,
  notes?: AssignmentNotes,
): Promise<StagedTables> {
  // Unique names per call: two TORs computing in one process must not share temp tables.
  const n_ = ++stageSeq;
  const T = {
    cust: `_cust${n_}`,
    offer: `_offer${n_}`,
    scores: `_scores${n_}`,
    assigned: `_assigned${n_}`,
    stageScores: `_stage_scores${n_}`,
    stageResults: `_stage_results${n_}`,
  };
  const m = offerIds.length,
    n = audience.length,
    K = a.allocation.perCustomer;
  await store.run(`CREATE OR REPLACE TEMP TABLE ${T.cust} (r INTEGER, customer_id VARCHAR)`);
  await store.appendColumns(T.cust, [Int32Array.from(audience, (_, r) => r), Array.from(audience, (c) => customerIds[c])]);
  await store.run(`CREATE OR REPLACE TEMP TABLE ${T.offer} (o INTEGER, offer_id VARCHAR)`);
  await store.appendColumns(T.offer, [Int32Array.from(offerIds, (_, i) => i), offerIds]);
  // Every (row, offer) with its objective value (NaN → NULL where ineligible) and rank.
  const sr = new Int32Array(n * m),
    so = new Int32Array(n * m),
    sk = new Int32Array(n * m),
    sv = new Float64Array(n * m);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < m; j++) {
      const i = r * m + j,
        o = a.ranked[i],
        v = a.value[r * m + o];
      sr[i] = r;
      so[i] = o;
      sk[i] = j + 1;
      sv[i] = Number.isFinite(v) ? v : NaN;
    }
  }
  await store.run(`CREATE OR REPLACE TEMP TABLE ${T.scores} (r INTEGER, o INTEGER, rank INTEGER, score DOUBLE)`);
  await store.appendColumns(T.scores, [sr, so, sk, sv]);
  // Assignments: rows × K, −1 where a customer got fewer offers.
  const ar: number[] = [],
    ap: number[] = [],
    ao: number[] = [],
    av: number[] = [],
    reasons: string[] = [];
  // '' for none ('' → NULL in SQL below): string columns cross to a worker's store as dictionary codes, without nulls
  const seg: string[] = [],
    rule: string[] = [],
    msg: string[] = [];
  for (let r = 0; r < n; r++) {
    for (let p = 0; p < K; p++) {
      const o = a.allocation.offers[r * K + p];
      if (o < 0) continue;
      ar.push(r);
      ap.push(p + 1);
      ao.push(o);
      av.push(a.allocation.values[r * K + p]);
      reasons.push(a.reasons[r * K + p]);
      seg.push(notes?.segment[r * K + p] ?? '');
      rule.push(notes?.mapRule[r * K + p] ?? '');
      msg.push(notes?.message[r * K + p] ?? '');
    }
  }
  await store.run(`CREATE OR REPLACE TEMP TABLE ${T.assigned} (r INTEGER, priority INTEGER, o INTEGER, score DOUBLE, reason VARCHAR,
    segment VARCHAR, map_rule VARCHAR, message VARCHAR)`);
  await store.appendColumns(T.assigned, [
    Int32Array.from(ar),
    Int32Array.from(ap),
    Int32Array.from(ao),
    Float64Array.from(av),
    reasons,
    seg,
    rule,
    msg,
  ]);
  await store.run(`CREATE OR REPLACE TEMP TABLE ${T.stageScores} AS
    SELECT c.customer_id, f.offer_id, CASE WHEN isnan(s.score) THEN NULL ELSE s.score END AS score, s.rank
    FROM ${T.scores} s JOIN ${T.cust} c USING (r) JOIN ${T.offer} f USING (o)`);
  await store.run(`CREATE OR REPLACE TEMP TABLE ${T.stageResults} AS
    SELECT c.customer_id, x.priority, f.offer_id, x.score, x.reason,
      NULLIF(x.segment, '') AS segment, NULLIF(x.map_rule, '') AS map_rule, NULLIF(x.message, '') AS message, NULL::VARCHAR AS arm FROM ${T.assigned} x JOIN ${T.cust} c USING (r) JOIN ${T.offer} f USING (o)`);
  for (const t of [T.cust, T.offer, T.scores, T.assigned]) await store.run(`DROP TABLE IF EXISTS ${t}`);
  return { results: T.stageResults, scores: T.stageScores, assignments: ar.length };
}
