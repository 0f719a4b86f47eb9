// The TOR compute job: history as of the TOR's date → scores → ranked assignment → staged results
// → one transaction that swaps them in. A failure sets Error and keeps the last good result.
import { ConflictError, UserError } from '../domain/errors.ts';
import { rankedOffersFromScores } from '../rank/rankOffers.ts';
import { offerPopularity } from '../rank/offerPopularity.ts';
import { defaultAsOf, parseDateArg } from '../snapshot/interactions.ts';
import { getOffers } from '../store/offerTable.ts';
import type { Store } from '../store/store.ts';
import { commitTorResults, getTor, setTorProgress, setTorStatus } from '../store/torTable.ts';
import { assertTransition } from './torLifecycle.ts';
import { torHistoryFromStore } from './offerLinesForTor.ts';
import { torScorer } from './torScorers.ts';
import { reasonsForAssignments } from './torReasons.ts';
import { offerExtrasFromStore } from './offerExtrasFromStore.ts';
import { parentLevelCodes } from './parentLevelCodes.ts';

const nullIfNaN = (x: number) => (Number.isNaN(x) ? null : x);

export interface ComputeSummary {
  torId: string;
  asOf: string;
  customers: number;
  assignments: number;
  seconds: number;
}

/** TORs computing in this process. A 'computing' status without an entry here was interrupted. */
const running = new Set<string>();

export function isComputing(torId: string): boolean {
  return running.has(torId);
}

export async function computeTor(store: Store, torId: string, onProgress: (fraction: number, stage: string) => void = () => {}): Promise<ComputeSummary> {
  if (running.has(torId)) throw new ConflictError(`TOR ${torId} is already computing; wait for it to finish`);
  running.add(torId); // synchronously, before any await, so a concurrent call sees it
  let tor;
  try {
    tor = await getTor(store, torId);
    // A stored 'computing' with no live job here means an earlier process died mid-compute.
    if (tor.status !== 'computing') assertTransition(torId, tor.status, 'computing');
  } catch (e) {
    running.delete(torId);
    throw e;
  }
  const started = performance.now();
  const step = async (fraction: number, stage: string) => {
    onProgress(fraction, stage);
    await setTorProgress(store, torId, fraction);
  };
  try {
    await setTorStatus(store, torId, 'computing', { progress: 0 });
    const asOf = tor.settings.asOf ? parseDateArg(tor.settings.asOf) : await defaultAsOf(store);
    if (!asOf) throw new UserError('no order lines stored: import order_lines before computing a TOR');
    const offers = await getOffers(store, tor.offers);
    await step(0.05, 'reading history');
    const hist = await torHistoryFromStore(store, offers, asOf);
    const audience = hist.activeCustomers;
    if (audience.length === 0) throw new UserError(`no customer has purchases before ${asOf.toISOString().slice(0, 10)}`);
    const parent = await parentLevelCodes(store, offers, hist.interactions.productIds);
    const extras = tor.settings.model === 'propensity' ? await offerExtrasFromStore(store, offers, hist.interactions.customerIds, asOf) : {};
    await step(0.3, 'scoring');
    const nOffers = offers.length;
    const scoring = await torScorer(tor.settings.model)({
      lines: hist.lines, ancestorOfProduct: parent.codes, nAncestors: parent.values.length, extras, audience, log: (line) => onProgress(0.5, line),
    });
    const scores = scoring.scores;
    await step(0.7, 'ranking');
    const popularity = offerPopularity(hist.lines, 90);
    const k = Math.min(tor.settings.perCustomer, nOffers);
    const ranked = rankedOffersFromScores(scores, nOffers, popularity, { rows: audience });
    await step(0.8, 'writing results');
    await stageResults(store, hist.interactions.customerIds, offers.map((o) => o.offerId), audience, ranked, scores, k,
      reasonsForAssignments(hist.lines, audience, ranked, nOffers, k, offers.map((o) => o.name)));
    const seconds = (performance.now() - started) / 1000;
    const summary: ComputeSummary = { torId, asOf: asOf.toISOString(), customers: audience.length, assignments: audience.length * k, seconds };
    const quality = scoring.quality && {
      method: scoring.quality.method, meanAuc: scoring.quality.meanAuc, meanLift10: scoring.quality.meanLift10,
      offers: offers.map((o, i) => ({ offerId: o.offerId, auc: nullIfNaN(scoring.quality!.auc[i]), lift10: nullIfNaN(scoring.quality!.lift10[i]) })),
    };
    await commitTorResults(store, torId, quality, summary);
    onProgress(1, 'done');
    return summary;
  } catch (e) {
    await setTorStatus(store, torId, 'error', { error: (e as Error).message });
    throw e;
  } finally {
    running.delete(torId);
  }
}

/**
 * Writes _stage_results and _stage_scores from dense arrays: integer columns are bulk-appended,
 * then joined to the id dictionaries in SQL so strings cross the JS/DuckDB boundary once per id.
 * ranked: audience.length × nOffers offer indices, best first.
 */
async function stageResults(
  store: Store, customerIds: string[], offerIds: string[], audience: Int32Array, ranked: Int32Array,
  scores: Float64Array, k: number, reasons: string[],
): Promise<void> {
  const nOffers = offerIds.length;
  const n = audience.length;
  await store.run(`CREATE OR REPLACE TEMP TABLE _cust (ci INTEGER, customer_id VARCHAR)`);
  await store.appendColumns('_cust', [audience, Array.from(audience, (c) => customerIds[c])]);
  await store.run(`CREATE OR REPLACE TEMP TABLE _offer (oi INTEGER, offer_id VARCHAR)`);
  await store.appendColumns('_offer', [Int32Array.from(offerIds, (_, i) => i), offerIds]);
  const sc = new Int32Array(n * nOffers), so = new Int32Array(n * nOffers), sr = new Int32Array(n * nOffers), sv = new Float64Array(n * nOffers);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < nOffers; j++) {
      const o = ranked[r * nOffers + j], i = r * nOffers + j;
      sc[i] = audience[r]; so[i] = o; sr[i] = j + 1; sv[i] = scores[audience[r] * nOffers + o];
    }
  }
  await store.run(`CREATE OR REPLACE TEMP TABLE _scores (ci INTEGER, oi INTEGER, rank INTEGER, score DOUBLE)`);
  await store.appendColumns('_scores', [sc, so, sr, sv]);
  const rc = new Int32Array(n * k), rr = new Int32Array(n * k);
  for (let r = 0; r < n; r++) for (let j = 0; j < k; j++) { rc[r * k + j] = audience[r]; rr[r * k + j] = j + 1; }
  await store.run(`CREATE OR REPLACE TEMP TABLE _reasons (ci INTEGER, rank INTEGER, reason VARCHAR)`);
  await store.appendColumns('_reasons', [rc, rr, reasons]);
  await store.run(`CREATE OR REPLACE TEMP TABLE _stage_scores AS
    SELECT c.customer_id, o.offer_id, s.score, s.rank FROM _scores s JOIN _cust c USING (ci) JOIN _offer o USING (oi)`);
  await store.run(`CREATE OR REPLACE TEMP TABLE _stage_results AS
    SELECT c.customer_id, s.rank AS priority, o.offer_id, s.score, r.reason
    FROM _scores s JOIN _cust c USING (ci) JOIN _offer o USING (oi) JOIN _reasons r ON r.ci = s.ci AND r.rank = s.rank
    WHERE s.rank <= ${k}`);
  for (const t of ['_cust', '_offer', '_scores', '_reasons']) await store.run(`DROP TABLE IF EXISTS ${t}`);
}
