// Writes _stage_results and _stage_scores from a dense assignment: integer columns are
// bulk-appended, then joined to the id dictionaries in SQL, so each string id crosses the
// JS/DuckDB boundary once. Returns the number of assignments.
import type { Assignment } from '../rank/assignmentFromScores.ts';
import type { Store } from '../store/store.ts';

export async function stageTorResults(store: Store, customerIds: string[], offerIds: string[], audience: Int32Array, a: Assignment): Promise<number> {
  const m = offerIds.length, n = audience.length, K = a.allocation.perCustomer;
  await store.run(`CREATE OR REPLACE TEMP TABLE _cust (r INTEGER, customer_id VARCHAR)`);
  await store.appendColumns('_cust', [Int32Array.from(audience, (_, r) => r), Array.from(audience, (c) => customerIds[c])]);
  await store.run(`CREATE OR REPLACE TEMP TABLE _offer (o INTEGER, offer_id VARCHAR)`);
  await store.appendColumns('_offer', [Int32Array.from(offerIds, (_, i) => i), offerIds]);
  // Every (row, offer) with its objective value (NaN → NULL where ineligible) and rank.
  const sr = new Int32Array(n * m), so = new Int32Array(n * m), sk = new Int32Array(n * m), sv = new Float64Array(n * m);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < m; j++) {
      const i = r * m + j, o = a.ranked[i], v = a.value[r * m + o];
      sr[i] = r; so[i] = o; sk[i] = j + 1; sv[i] = Number.isFinite(v) ? v : NaN;
    }
  }
  await store.run(`CREATE OR REPLACE TEMP TABLE _scores (r INTEGER, o INTEGER, rank INTEGER, score DOUBLE)`);
  await store.appendColumns('_scores', [sr, so, sk, sv]);
  // Assignments: rows × K, −1 where a customer got fewer offers.
  const ar: number[] = [], ap: number[] = [], ao: number[] = [], av: number[] = [], reasons: string[] = [];
  for (let r = 0; r < n; r++) {
    for (let p = 0; p < K; p++) {
      const o = a.allocation.offers[r * K + p];
      if (o < 0) continue;
      ar.push(r); ap.push(p + 1); ao.push(o); av.push(a.allocation.values[r * K + p]); reasons.push(a.reasons[r * K + p]);
    }
  }
  await store.run(`CREATE OR REPLACE TEMP TABLE _assigned (r INTEGER, priority INTEGER, o INTEGER, score DOUBLE, reason VARCHAR)`);
  await store.appendColumns('_assigned', [Int32Array.from(ar), Int32Array.from(ap), Int32Array.from(ao), Float64Array.from(av), reasons]);
  await store.run(`CREATE OR REPLACE TEMP TABLE _stage_scores AS
    SELECT c.customer_id, f.offer_id, CASE WHEN isnan(s.score) THEN NULL ELSE s.score END AS score, s.rank
    FROM _scores s JOIN _cust c USING (r) JOIN _offer f USING (o)`);
  await store.run(`CREATE OR REPLACE TEMP TABLE _stage_results AS
    SELECT c.customer_id, x.priority, f.offer_id, x.score, x.reason FROM _assigned x JOIN _cust c USING (r) JOIN _offer f USING (o)`);
  for (const t of ['_cust', '_offer', '_scores', '_assigned']) await store.run(`DROP TABLE IF EXISTS ${t}`);
  return ar.length;
}
