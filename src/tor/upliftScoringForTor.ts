// Scores for `--objective uplift` (docs/experiments.md "Uplift targeting"): an uplift model trained on
// past contacts of the TOR's offers that had a control arm, whose attribution windows closed before the
// as-of date. Unit = (customer, offer, send): features are the propensity model's, computed as of the
// send; the outcome is a purchase in the offer's scope within the window; treated = the arm. The
// model (models/uplift: T-learner or class transformation, chosen by Qini on folds of those contacts)
// then scores every audience customer × offer as of the as-of date: u = P(buy | sent) − P(buy | not sent).
import { UserError } from '../domain/errors.ts';
import type { Offer } from '../domain/types.ts';
import { DAY } from '../math/day.ts';
import { defaultUpliftConfig, upliftFromData, upliftScores, type UpliftValidation } from '../models/uplift/upliftModel.ts';
import type { OfferLines } from '../rank/offerLines.ts';
import { offerFeaturesFromLines, offerLabelsForCustomers } from '../snapshot/offerFeatures.ts';
import { customerLineIndexFromLines } from '../snapshot/offerFeaturesIndex.ts';
import { propensityLinesFromOfferLines } from '../snapshot/offerFeaturesLines.ts';
import { quoteLiteral, type Store } from '../store/store.ts';
import { TOUCHES_SQL } from '../campaigns/touchesSql.ts';

export interface UpliftScoring {
  /** nCustomers × nOffers (global customer index), NaN outside the audience. */
  scores: Float64Array;
  quality: Omit<UpliftValidation, 'method'> & {
    method: 'uplift';
    upliftMethod: UpliftValidation['method'];
    model: string;
    trainUnits: number;
    treated: number;
    control: number;
    windowDays: number;
  };
}

export interface UpliftInput {
  lines: OfferLines & { lineProd: Int32Array };
  ancestorOfProduct: Int32Array;
  nAncestors: number;
  offers: Offer[];
  customerIds: string[];
  audience: Int32Array;
  windowDays: number;
  log: (line: string) => void;
}

/** Fewer contacts per arm than this and the model would learn noise: refuse with the way out. */
export const MIN_ARM_UNITS = 50;
/** Distinct send dates featurised; more are snapped to the nearest of this many (labels keep the exact date). */
const MAX_CUTS = 24;

export async function upliftScoringForTor(store: Store, x: UpliftInput): Promise<UpliftScoring> {
  const asOf = x.lines.asOf,
    W = x.windowDays,
    nO = x.offers.length;
  const offerIndex = new Map(x.offers.map((o, i) => [o.offerId, i]));
  const custIndex = new Map(x.customerIds.map((id, i) => [id, i]));
  const ids = x.offers.map((o) => quoteLiteral(o.offerId)).join(', ');
  const past = await store.columns(
    `SELECT DISTINCT customer_id, offer_id, epoch_ms(sent_at)::DOUBLE AS t, CASE WHEN arm = 'control' THEN 0 ELSE 1 END::INTEGER AS treated
     FROM (${TOUCHES_SQL})
     WHERE offer_id IN (${ids}) AND epoch_ms(sent_at)::DOUBLE + ${W * DAY} <= ?`,
    { customer_id: 'str', offer_id: 'str', t: 'f64', treated: 'i32' },
    [asOf],
  );
  const keep: number[] = [];
  for (let i = 0; i < past.t.length; i++) if (custIndex.has(past.customer_id[i])) keep.push(i);
  const nT = keep.filter((i) => past.treated[i]).length,
    nC = keep.length - nT;
  if (nT < MIN_ARM_UNITS || nC < MIN_ARM_UNITS)
    throw new UserError(
      `objective uplift learns from past contacts of these offers with a control group whose ${W}-day window ended before the ` +
        `as-of date; found ${nT} treated and ${nC} control (at least ${MIN_ARM_UNITS} each needed): run a TOR with --control-pct, ` +
        `export it, and compute this one after the window`,
    );
  const plines = propensityLinesFromOfferLines(x.lines, x.ancestorOfProduct, x.nAncestors);
  const index = customerLineIndexFromLines(plines);
  // Feature cuts: distinct send times, snapped to at most MAX_CUTS quantiles.
  const times = [...new Set(keep.map((i) => past.t[i]))].sort((a, b) => a - b);
  const cuts =
    times.length <= MAX_CUTS
      ? times
      : Array.from({ length: MAX_CUTS }, (_, k) => times[Math.floor((k * (times.length - 1)) / (MAX_CUTS - 1))]);
  const cutOf = (t: number) => cuts.reduce((best, c) => (Math.abs(c - t) < Math.abs(best - t) ? c : best), cuts[0]);
  const byCut = new Map<number, number[]>();
  for (const i of keep) {
    const c = cutOf(past.t[i]);
    (byCut.get(c) ?? byCut.set(c, []).get(c)!).push(i);
  }
  const n = keep.length;
  let X: Float32Array | null = null,
    nF = 0,
    names: string[] = [];
  const y = new Uint8Array(n),
    treated = new Uint8Array(n);
  let row = 0;
  for (const [cut, units] of byCut) {
    const customers = Int32Array.from(new Set(units.map((i) => custIndex.get(past.customer_id[i])!)));
    const pos = new Map(Array.from(customers, (c, k) => [c, k]));
    const f = offerFeaturesFromLines(plines, { asOf: cut, horizonDays: W, customers, index });
    if (!X) {
      nF = f.names.length;
      names = f.names;
      X = new Float32Array(nF * n);
    }
    for (const i of units) {
      const c = custIndex.get(past.customer_id[i])!,
        o = offerIndex.get(past.offer_id[i])!;
      const src = pos.get(c)! * nO + o;
      for (let j = 0; j < nF; j++) X[j * n + row] = f.X[j * f.nRows + src];
      const lab = offerLabelsForCustomers(plines, index, Int32Array.of(c), past.t[i], past.t[i] + W * DAY);
      y[row] = lab[o];
      treated[row] = past.treated[i];
      row++;
    }
  }
  x.log(`uplift: training on ${n} past contacts (${nT} treated, ${nC} control) over ${byCut.size} send date(s), ${nF} features`);
  const model = upliftFromData(
    X!,
    n,
    nF,
    y,
    treated,
    Int32Array.from({ length: n }, (_, i) => i),
    defaultUpliftConfig,
  );
  const v = model.validation;
  x.log(`uplift: ${v.method} (${v.learner}), normalised Qini ${v.qini.toFixed(3)} on ${v.folds} folds of those contacts`);
  const now = offerFeaturesFromLines(plines, { asOf, horizonDays: W, customers: x.audience, index });
  if (now.names.join() !== names.join()) throw new Error('uplift: feature columns differ between training and scoring');
  const u = upliftScores(model, now.X, now.nRows);
  const scores = new Float64Array(x.lines.nCustomers * nO).fill(NaN);
  x.audience.forEach((c, k) => scores.set(u.subarray(k * nO, (k + 1) * nO), c * nO));
  return {
    scores,
    quality: {
      ...v,
      method: 'uplift',
      upliftMethod: v.method,
      model: `uplift (${v.method}, ${v.learner})`,
      trainUnits: n,
      treated: nT,
      control: nC,
      windowDays: W,
    },
  };
}
