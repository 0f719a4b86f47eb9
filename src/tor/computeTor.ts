// The TOR compute job: history as of the TOR's date → audience → scores → objective values →
// guardrails → global allocation → staged results → one transaction that swaps them in.
// A failure sets Error and keeps the last good result.
import { offersWithoutProducts } from '../offers/offersWithoutProducts.ts';
import { createHash } from 'node:crypto';
import { ConflictError, UserError } from '../domain/errors.ts';
import { cacheModel, cachedModel, dataFingerprint } from '../store/modelCache.ts';
import type { TorSettings } from '../domain/types.ts';
import type { AllocationLimits } from '../rank/allocateTypes.ts';
import { assignmentFromScores } from '../rank/assignmentFromScores.ts';
import { DEFAULT_GUARDRAILS } from '../rank/eligibility.ts';
import { offerPopularity } from '../rank/offerPopularity.ts';
import { defaultAsOf, isoLocal, parseDateArg } from '../snapshot/interactions.ts';
import { getOffers } from '../store/offerTable.ts';
import type { Store } from '../store/store.ts';
import { commitTorResults, getTor, setTorProgress, setTorStatus } from '../store/torTable.ts';
import { audienceIndices } from './audienceForTor.ts';
import { eligibilityFromStore } from './eligibilityFromStore.ts';
import { offerExtrasFromStore } from './offerExtrasFromStore.ts';
import { torHistoryFromStore } from './offerLinesForTor.ts';
import { parentLevelCodes } from './parentLevelCodes.ts';
import { stageTorResults } from './stageTorResults.ts';
import { assertTransition } from './torLifecycle.ts';
import { torScorer, type TorScorer } from './torScorers.ts';
import { requirePricesForObjective } from '../snapshot/pricesPresent.ts';
import { offerMapLayer } from '../rank/offerMapLayer.ts';
import { offerMapForTor } from './offerMapForTor.ts';
import { assignmentNotesForTor } from './assignmentNotesForTor.ts';
import { controlArmsForTor } from './controlArmsForTor.ts';
import { upliftScoringForTor } from './upliftScoringForTor.ts';
import { customersWithoutConsent } from '../privacy/customersWithoutConsent.ts';
import { startComputeHeartbeat, type ComputeHeartbeat } from './computeHeartbeat.ts';

/** Attribution window of the past contacts an uplift objective learns from (the report's default). */
const UPLIFT_WINDOW_DAYS = 14;

export interface ComputeSummary {
  torId: string;
  asOf: string;
  /** Customers with history before the as-of date, and those the audience filter kept. */
  addressable: number;
  customers: number;
  assignments: number;
  /** Objective reached, its optimum without volume limits, and what the limits cost. */
  objective: number;
  unconstrained: number;
  lost: number;
  /** Customer × offer pairs removed by each guardrail, and customers capped / blocked by frequency caps. */
  excluded: Record<string, number>;
  capped: number;
  unmetMinimums: { offerId: string; required: number; assigned: number }[];
  /** The TOR's channel and the audience customers excluded for lack of consent on it. */
  channel?: string;
  consentExcluded?: number;
  /** Customers per arm when the TOR holds out a control group. */
  arms?: { experiment: string; treatment: number; control: number };
  seconds: number;
}

export interface ComputeOptions {
  /** Replaces the scoring step (a distributed compute scores in shards); customer ids are the rows of the score matrix. */
  scorer?: (model: string, customerIds: string[]) => TorScorer;
}

/** TORs computing in this process. A 'computing' status without an entry here was interrupted. */
const running = new Set<string>();

export function isComputing(torId: string): boolean {
  return running.has(torId);
}

const nullIfNaN = (x: number) => (Number.isNaN(x) ? null : x);

/** A cache slot keyed by a hash of everything the model was trained on. */
function modelCache(store: Store, keyParts: unknown[]) {
  const key = createHash('sha256').update(JSON.stringify(keyParts)).digest('hex');
  return { get: () => cachedModel(store, key), put: (v: unknown) => cacheModel(store, key, v) };
}

function limitsFromSettings(s: TorSettings, offerIds: string[]): AllocationLimits {
  const l = s.limits ?? {};
  const K = s.perCustomer;
  const out: AllocationLimits = {};
  if (l.min) out.minCustomers = Float64Array.from(offerIds, (id) => l.min![id] ?? 0);
  if (l.max) out.maxCustomers = Float64Array.from(offerIds, (id) => l.max![id] ?? Infinity);
  if (l.maxAtPriority) {
    out.maxAtPriority = new Float64Array(offerIds.length * K).fill(Infinity);
    offerIds.forEach((id, o) =>
      (l.maxAtPriority![id] ?? []).slice(0, K).forEach((v, r) => {
        out.maxAtPriority![o * K + r] = v ?? Infinity;
      }),
    );
  }
  return out;
}

export async function computeTor(
  store: Store,
  torId: string,
  onProgress: (fraction: number, stage: string) => void = () => {},
  options: ComputeOptions = {},
): Promise<ComputeSummary> {
  if (running.has(torId)) throw new ConflictError(`TOR ${torId} is already computing; wait for it to finish`);
  running.add(torId); // synchronously, before any await, so a concurrent call sees it
  const started = performance.now();
  const step = async (fraction: number, stage: string) => {
    onProgress(fraction, stage);
    await setTorProgress(store, torId, fraction);
  };
  let statusSet = false;
  let heartbeat: ComputeHeartbeat | null = null;
  let upliftQuality: unknown = null;
  try {
    const tor = await getTor(store, torId);
    // A stored 'computing' with no live job here means an earlier process died mid-compute.
    if (tor.status !== 'computing') assertTransition(torId, tor.status, 'computing');
    // Recorded before the status, so a 'computing' TOR always names the process computing it.
    heartbeat = await startComputeHeartbeat(store, torId, tor.status);
    await setTorStatus(store, torId, 'computing', { progress: 0 });
    statusSet = true;
    const s = tor.settings;
    const asOf = s.asOf ? parseDateArg(s.asOf) : await defaultAsOf(store);
    if (!asOf) throw new UserError('no order lines stored: import order_lines before computing a TOR');
    await requirePricesForObjective(store, s.objective, asOf);
    const sendDate = s.sendDate ? parseDateArg(s.sendDate) : asOf;
    const offers = await getOffers(store, tor.offers);
    const offerIds = offers.map((o) => o.offerId);
    for (const warning of await offersWithoutProducts(store, offers)) onProgress(0.01, warning); // never score 0 silently
    const limits = limitsFromSettings(s, offerIds);
    await step(0.05, 'reading history');
    const hist = await torHistoryFromStore(store, offers, asOf);
    const customerIds = hist.interactions.customerIds;
    const addressable = hist.activeCustomers.length;
    // No filter: the audience is every customer with history, which the history read already knows.
    const audience = s.audience ? await audienceIndices(store, s.audience, asOf, customerIds) : hist.activeCustomers;
    if (addressable === 0) throw new UserError(`no customer has purchases before ${asOf.toISOString().slice(0, 10)}`);
    if (audience.length === 0)
      throw new UserError(`the audience '${s.audience}' includes none of the ${addressable} addressable customers`);
    const parent = await parentLevelCodes(store, offers, hist.interactions.productIds);
    const extras = s.model === 'propensity' || s.model === 'auto' ? await offerExtrasFromStore(store, offers, customerIds, asOf) : {};
    await step(0.15, `scoring ${audience.length} customers × ${offers.length} offers (${s.objective === 'uplift' ? 'uplift' : s.model})`);
    const upliftScoring = async () => {
      const u = await upliftScoringForTor(store, {
        lines: hist.lines,
        ancestorOfProduct: parent.codes,
        nAncestors: parent.values.length,
        offers,
        customerIds,
        audience,
        windowDays: UPLIFT_WINDOW_DAYS,
        log: (line) => onProgress(0.4, line),
      });
      upliftQuality = u.quality;
      return { model: u.quality.model, scores: u.scores, probabilities: true, quality: null };
    };
    const scoring =
      s.objective === 'uplift'
        ? await upliftScoring()
        : await (options.scorer?.(s.model, customerIds) ?? torScorer(s.model))({
            lines: hist.lines,
            ancestorOfProduct: parent.codes,
            nAncestors: parent.values.length,
            extras,
            audience,
            perCustomer: s.perCustomer,
            log: (line) => onProgress(0.4, line),
            cache: modelCache(store, [s.model, asOf.toISOString(), offers, await dataFingerprint(store, isoLocal(asOf))]),
          });
    await step(0.7, 'guardrails and allocation');
    // Consent for the TOR's channel: customers without it are excluded like the exclusion list (docs/privacy.md).
    const noConsent = s.channel ? await customersWithoutConsent(store, s.channel) : [];
    const inAudience = new Set(Array.from(audience, (c) => customerIds[c]));
    const consentExcluded = noConsent.filter((id) => inAudience.has(id)).length;
    if (s.channel) onProgress(0.7, `channel ${s.channel}: ${consentExcluded} customers without consent excluded`);
    const excludeCustomers = [...(s.excludeCustomers ?? []), ...noConsent];
    const facts = await eligibilityFromStore(store, offers, customerIds, audience, asOf, sendDate, excludeCustomers);
    const map = s.offerMap ? await offerMapForTor(store, s.offerMap, offers, customerIds, audience, asOf) : null;
    const layer = map ? offerMapLayer(map.input) : undefined;
    const a = assignmentFromScores({
      lines: hist.lines,
      audience,
      scores: scoring.scores,
      objective: s.objective,
      perCustomer: s.perCustomer,
      offerNames: offers.map((o) => o.name),
      offerCosts: offers.map((o) => o.cost),
      offerIds,
      popularity: offerPopularity(hist.lines, 90),
      eligibility: facts,
      guardrails: { ...DEFAULT_GUARDRAILS, ...(s.guardrails ?? {}), perCustomer: s.perCustomer },
      limits,
      layer,
    });
    await step(0.85, 'writing results');
    const notes = await assignmentNotesForTor(store, offers, hist, audience, a, map);
    const staged = await stageTorResults(store, customerIds, offerIds, audience, a, notes);
    const assignments = staged.assignments;
    // Hold-outs: the TOR's control group, and/or the map's per-segment control_pct.
    const segmentPct = new Map((map?.map.rules ?? []).filter((r) => r.control_pct).map((r) => [r.segment, r.control_pct!] as const));
    const control = s.control ?? (segmentPct.size ? { pct: 0, seed: '1', stratify: 'segment' as const, experiment: null } : null);
    const arms = control ? await controlArmsForTor(store, torId, control, staged.results, asOf, segmentPct) : null;
    const summary: ComputeSummary = {
      torId,
      asOf: asOf.toISOString(),
      addressable,
      customers: audience.length,
      assignments,
      objective: a.allocation.objective,
      unconstrained: a.allocation.unconstrained,
      lost: a.allocation.lost,
      excluded: { ...a.eligibility.excluded, ...(layer?.excluded ?? {}) },
      capped: a.eligibility.capped,
      unmetMinimums: a.allocation.unmetMin.map((u) => ({ offerId: offerIds[u.offer], required: u.required, assigned: u.assigned })),
      ...(arms ? { arms: { experiment: arms.experiment, treatment: arms.treatment, control: arms.control } } : {}),
      ...(s.channel ? { channel: s.channel, consentExcluded } : {}),
      seconds: (performance.now() - started) / 1000,
    };
    const q = scoring.quality;
    const quality =
      upliftQuality ??
      (q && {
        method: q.method,
        model: scoring.model,
        meanAuc: q.meanAuc,
        meanLift10: q.meanLift10,
        ndcg: nullIfNaN(q.ndcg),
        k: q.k,
        rankedCustomers: q.rankedCustomers,
        candidates: q.candidates ?? null,
        offers: offerIds.map((offerId, i) => ({ offerId, auc: nullIfNaN(q.auc[i]), lift10: nullIfNaN(q.lift10[i]) })),
      });
    await commitTorResults(
      store,
      torId,
      { ...staged, ...(arms ? { arms: { experiment: arms.experiment, table: arms.newArms } } : {}) },
      quality,
      summary,
    );
    onProgress(1, 'done');
    return summary;
  } catch (e) {
    if (statusSet) await setTorStatus(store, torId, 'error', { error: (e as Error).message });
    throw e;
  } finally {
    await heartbeat?.stop();
    running.delete(torId);
  }
}
