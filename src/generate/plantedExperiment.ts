// A randomised experiment with a known answer, for proving the experiment statistics right.
// N customers with features (value tier, days since last purchase, a hidden 'responsive' flag) are
// split at random into control (share q) and treatment. Conversion in the attribution window has a
// baseline p0(x) and a planted effect τ(x) = Δ for responsive customers, 0 for the others; treated
// converters may also spend more per order (β). Because every probability and expectation is known,
// the true average effects are computed exactly, not estimated. Pure: seeded, no I/O.

import { Rng } from './prng.ts';

const STREAM = 0x91a7ed;

export interface PlantedExperimentOptions {
  customers?: number;
  /** Share of customers held out as control. */
  controlShare?: number;
  /** Share of customers for whom the offer works. */
  responsiveShare?: number;
  /** Δ: added conversion probability for responsive treated customers. */
  conversionLift?: number;
  /** β: relative increase of the order value of treated converters (0.1 = +10 %). */
  basketLift?: number;
  /** P(converter buys the offered product): control rate and the treated rate's increase. */
  uptakeBase?: number;
  uptakeLift?: number;
  /** Added P(purchase after the window, before the churn horizon) for responsive treated non-converters. */
  retentionLift?: number;
}

export interface PlantedTruth {
  conversion: number;
  uptake: number;
  revenue_per_contact: number;
  churn: number;
  /** Σ expected revenue / Σ expected orders, treatment minus control (what the AOV estimate converges to). */
  aov_difference: number;
}

export interface PlantedExperiment {
  options: Required<PlantedExperimentOptions>;
  tier: Uint8Array;
  recencyDays: Float64Array;
  responsive: Uint8Array;
  treated: Uint8Array;
  converted: Uint8Array;
  uptake: Uint8Array;
  /** Revenue in the window, whole cents. */
  revenue: Float64Array;
  orders: Float64Array;
  /** Bought after the window but before the churn horizon (so not churned). */
  latePurchase: Uint8Array;
  churned: Uint8Array;
  /** Baseline conversion probability p0(x) and the true conversion effect τ(x) of each customer. */
  baseline: Float64Array;
  tau: Float64Array;
  /** True effect on revenue per contact of each customer: E[revenue | treated] − E[revenue | control]. */
  tauRevenue: Float64Array;
  /** Averages over these N customers of the per-customer true effects. */
  truth: PlantedTruth;
}

export const PLANTED_DEFAULTS: Required<PlantedExperimentOptions> = {
  customers: 20_000,
  controlShare: 0.2,
  responsiveShare: 0.3,
  conversionLift: 0.03,
  basketLift: 0,
  uptakeBase: 0.4,
  uptakeLift: 0.3,
  retentionLift: 0.05,
};

const TIER_WEIGHTS = [0.5, 0.35, 0.15];
const ORDER_SIGMA = 0.5; // log-scale spread of an order's value
const orderMedian = (tier: number) => 25 * (1 + tier);
const extraOrders = (tier: number) => 0.25 + 0.15 * tier; // orders in the window = 1 + Poisson(λ)
const baselineOf = (tier: number, recency: number) => 0.01 + 0.01 * tier + 0.03 * Math.exp(-recency / 30);
const lateOf = (recency: number) => 0.5 * Math.exp(-recency / 120); // buys later in the churn horizon

/** The experiment for `seed`: the same seed and options give the same arrays. */
export function plantedExperiment(seed: number, opts: PlantedExperimentOptions = {}): PlantedExperiment {
  const o = { ...PLANTED_DEFAULTS, ...opts };
  if (!(o.controlShare > 0 && o.controlShare < 1)) throw new RangeError(`plantedExperiment: controlShare ${o.controlShare}`);
  // p0(x) lies in [0.01, 0.06]: the planted probabilities must stay probabilities.
  if (!(o.conversionLift >= -0.01 && o.conversionLift <= 0.9))
    throw new RangeError(`plantedExperiment: conversionLift ${o.conversionLift}`);
  if (!(o.uptakeBase >= 0 && o.uptakeBase + o.uptakeLift <= 1 && o.uptakeBase + o.uptakeLift >= 0))
    throw new RangeError('plantedExperiment: uptakeBase + uptakeLift must be in [0, 1]');
  if (!(o.retentionLift >= -0.5 && o.retentionLift <= 0.5)) throw new RangeError(`plantedExperiment: retentionLift ${o.retentionLift}`);
  const n = o.customers;
  const rng = Rng.from(seed, STREAM);
  const e = {
    tier: new Uint8Array(n),
    recencyDays: new Float64Array(n),
    responsive: new Uint8Array(n),
    treated: new Uint8Array(n),
    converted: new Uint8Array(n),
    uptake: new Uint8Array(n),
    revenue: new Float64Array(n),
    orders: new Float64Array(n),
    latePurchase: new Uint8Array(n),
    churned: new Uint8Array(n),
    baseline: new Float64Array(n),
    tau: new Float64Array(n),
    tauRevenue: new Float64Array(n),
  };
  const sum = { conv: 0, upt: 0, rev: 0, churn: 0, revT: 0, ordT: 0, revC: 0, ordC: 0 };
  const meanValue = Math.exp((ORDER_SIGMA * ORDER_SIGMA) / 2);
  for (let i = 0; i < n; i++) {
    const tier = rng.pickWeighted(TIER_WEIGHTS);
    const recency = Math.min(365, 1 + rng.exponential(1 / 60));
    const responsive = rng.chance(o.responsiveShare) ? 1 : 0;
    const t = rng.chance(o.controlShare) ? 0 : 1;
    const p0 = baselineOf(tier, recency);
    const tau = responsive ? o.conversionLift : 0;
    const p = p0 + t * tau;
    const converted = rng.chance(p) ? 1 : 0;
    let revenue = 0;
    let orders = 0;
    let uptake = 0;
    let late = 0;
    if (converted) {
      orders = 1 + rng.poisson(extraOrders(tier));
      let cents = 0;
      for (let k = 0; k < orders; k++) cents += Math.round(100 * rng.logNormal(orderMedian(tier), ORDER_SIGMA) * (1 + t * o.basketLift));
      revenue = cents / 100;
      uptake = rng.chance(o.uptakeBase + t * o.uptakeLift) ? 1 : 0;
    } else late = rng.chance(lateOf(recency) + t * (responsive ? o.retentionLift : 0)) ? 1 : 0;
    e.tier[i] = tier;
    e.recencyDays[i] = recency;
    e.responsive[i] = responsive;
    e.treated[i] = t;
    e.converted[i] = converted;
    e.uptake[i] = uptake;
    e.revenue[i] = revenue;
    e.orders[i] = orders;
    e.latePurchase[i] = late;
    e.churned[i] = converted || late ? 0 : 1;
    e.baseline[i] = p0;
    e.tau[i] = tau;
    // Expected revenue given conversion: E[orders]·E[order value]; treatment scales the value by 1+β.
    const perConverter = (1 + extraOrders(tier)) * orderMedian(tier) * meanValue;
    const p1 = p0 + tau;
    e.tauRevenue[i] = p1 * perConverter * (1 + o.basketLift) - p0 * perConverter;
    const r0 = lateOf(recency);
    const r1 = r0 + (responsive ? o.retentionLift : 0);
    sum.conv += tau;
    sum.upt += p1 * (o.uptakeBase + o.uptakeLift) - p0 * o.uptakeBase;
    sum.rev += e.tauRevenue[i];
    sum.churn += (1 - p1) * (1 - r1) - (1 - p0) * (1 - r0);
    sum.revT += p1 * perConverter * (1 + o.basketLift);
    sum.ordT += p1 * (1 + extraOrders(tier));
    sum.revC += p0 * perConverter;
    sum.ordC += p0 * (1 + extraOrders(tier));
  }
  const truth: PlantedTruth = {
    conversion: sum.conv / n,
    uptake: sum.upt / n,
    revenue_per_contact: sum.rev / n,
    churn: sum.churn / n,
    aov_difference: sum.revT / sum.ordT - sum.revC / sum.ordC,
  };
  return { options: o, ...e, truth };
}
