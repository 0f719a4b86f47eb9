// Coupon redemption on Complete Journey (docs/uplift.md). `npm run bench:coupons`.
// Campaigns are ordered by start date. Training pairs (household × campaign) belong to campaigns that
// *ended* before the cut date (their outcome is known at the cut); test pairs to campaigns starting
// on or after it. Each pair is scored from what was known before its campaign started; the label is
// "the household redeemed a coupon of this campaign". There is no untargeted control group in the
// data, so this is redemption propensity, not uplift. Reports pooled ROC AUC over the test pairs and
// the mean within-campaign AUC (ranking households inside one campaign, which campaign-level
// features cannot help). GBDT settings are chosen on an inner time split of the training campaigns.
// Flags: --cut YYYY-MM-DD (default 2017-10-01), --seeds N (default 5). Writes bench/results/coupons.json.
import { parseFlags, intFlag } from '../src/cli/command.ts';
import { rocAuc } from '../src/evaluate/rocAuc.ts';
import { defaultGbdtConfig, gbdtFromData, gbdtScores, type GbdtConfig } from '../src/models/propensity/gbdt.ts';
import { logisticFromData, logisticScores } from '../src/models/propensity/logistic.ts';
import { completeJourneyFromFiles, dayOf } from './lib/completeJourney.ts';
import { couponPairs, HOUSEHOLD_FEATURES, type CouponPairs } from './lib/couponPairs.ts';
import { writeJsonAtomic } from './lib/writeJsonAtomic.ts';

const INNER_CUT = '2017-07-01';
const GRID: Partial<GbdtConfig>[] = [];
for (const trees of [100, 300])
  for (const depth of [2, 3, 4]) GRID.push({ trees, depth, learningRate: 0.05, minChildHessian: 5, rowSample: 0.7 });

/** The pairs' features restricted to the first `nF` columns (column-major, so a prefix). */
const firstColumns = (p: CouponPairs, nF: number) => p.X.subarray(0, nF * p.nRows);

function withinCampaignAuc(p: CouponPairs, rows: Int32Array, s: Float64Array): number {
  const by = new Map<string, number[]>();
  rows.forEach((r, k) => (by.get(p.campaigns[r].id) ?? by.set(p.campaigns[r].id, []).get(p.campaigns[r].id)!).push(k));
  const aucs = [...by.values()]
    .map((ks) =>
      rocAuc(
        ks.map((k) => s[k]),
        ks.map((k) => p.y[rows[k]]),
      ),
    )
    .filter((a) => !Number.isNaN(a));
  return aucs.reduce((a, b) => a + b, 0) / aucs.length;
}

function gbdtFit(p: CouponPairs, nF: number, fit: Int32Array, score: Int32Array, cfg: GbdtConfig): Float64Array {
  const X = firstColumns(p, nF);
  return gbdtScores(gbdtFromData(X, p.nRows, nF, p.y, fit, cfg), X, p.nRows, score);
}

/** The grid setting with the best pooled AUC on the inner split (train campaigns ended before INNER_CUT → later ones). */
function chooseGbdt(p: CouponPairs, nF: number, train: Int32Array, seed: number): GbdtConfig {
  const inner = dayOf(INNER_CUT, '--inner-cut');
  const fit = train.filter((r) => p.campaigns[r].end < inner),
    val = train.filter((r) => p.campaigns[r].start >= inner);
  let best = { ...defaultGbdtConfig, ...GRID[0], seed },
    bestAuc = -1;
  for (const g of GRID) {
    const cfg = { ...defaultGbdtConfig, ...g, seed };
    const auc = rocAuc(
      gbdtFit(p, nF, fit, val, cfg),
      Array.from(val, (r) => p.y[r]),
    );
    if (auc > bestAuc) [best, bestAuc] = [cfg, auc];
  }
  return best;
}

/** Rank of each score, 0..1, ties sharing their mean rank: puts two models on one scale for a blend. */
function ranks(s: Float64Array): Float64Array {
  const idx = Array.from(s.keys()).sort((a, b) => s[a] - s[b]);
  const out = new Float64Array(s.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && s[idx[j + 1]] === s[idx[i]]) j++;
    for (let k = i; k <= j; k++) out[idx[k]] = (i + j) / 2 / Math.max(1, s.length - 1);
    i = j + 1;
  }
  return out;
}

function meanSd(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, sd: xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0 };
}

async function main(): Promise<void> {
  const flags = { cut: { type: 'string' }, seeds: { type: 'string' } } as const;
  const { values } = parseFlags(process.argv.slice(2), flags, 'bench:coupons [--cut YYYY-MM-DD] [--seeds N]');
  const cutText = values.cut ?? '2017-10-01';
  const cut = dayOf(cutText, '--cut');
  const nSeeds = intFlag('seeds', values.seeds, 1, 50, 5);
  const t0 = performance.now();
  const p = couponPairs(completeJourneyFromFiles());
  const all = Int32Array.from(p.y.keys());
  const train = all.filter((r) => p.campaigns[r].end < cut),
    test = all.filter((r) => p.campaigns[r].start >= cut);
  const yTest = Array.from(test, (r) => p.y[r]);
  const count = (rows: Int32Array) => rows.reduce((a, r) => a + p.y[r], 0);
  const trainCampaigns = new Set(Array.from(train, (r) => p.campaigns[r].id)),
    testCampaigns = new Set(Array.from(test, (r) => p.campaigns[r].id));
  console.log(
    `Complete Journey coupon redemption, cut ${cutText}: train ${train.length} pairs (${trainCampaigns.size} campaigns, ` +
      `${count(train)} redeemed), test ${test.length} pairs (${testCampaigns.size} campaigns, ${count(test)} redeemed)\n`,
  );
  const nH = HOUSEHOLD_FEATURES.length,
    nAll = p.names.length;
  type Method = { name: string; runs: (seed: number) => { s: Float64Array; note?: string } };
  const gbdtMethod = (name: string, nF: number): Method => ({
    name,
    runs: (seed) => {
      const cfg = chooseGbdt(p, nF, train, seed);
      return { s: gbdtFit(p, nF, train, test, cfg), note: `trees ${cfg.trees}, depth ${cfg.depth}` };
    },
  });
  const logisticAll = () => {
    const X = firstColumns(p, nAll);
    return logisticScores(logisticFromData(X, p.nRows, nAll, p.y, train), X, p.nRows, test);
  };
  const gbdtAll = gbdtMethod('GBDT, household + campaign + product affinity', nAll);
  const methods: Method[] = [
    { name: 'redeemed before (count of past redemptions)', runs: () => ({ s: Float64Array.from(test, (r) => p.X[r]) }) },
    gbdtMethod('GBDT, household features', nH),
    gbdtAll,
    { name: 'logistic, household + campaign + product affinity', runs: () => ({ s: logisticAll() }) },
    {
      name: 'blend: mean rank of the GBDT and the logistic above',
      runs: (seed) => {
        const g = gbdtAll.runs(seed),
          l = ranks(logisticAll()),
          r = ranks(g.s);
        return { s: r.map((v, k) => (v + l[k]) / 2), note: g.note };
      },
    },
  ];
  const results = methods.map((m) => {
    const seeds = m.name.includes('GBDT') ? nSeeds : 1;
    const pooled: number[] = [],
      within: number[] = [],
      notes: string[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const { s, note } = m.runs(seed);
      pooled.push(rocAuc(s, yTest));
      within.push(withinCampaignAuc(p, test, s));
      if (note) notes.push(note);
    }
    return { method: m.name, runs: seeds, pooledAuc: meanSd(pooled), withinCampaignAuc: meanSd(within), chosen: notes };
  });
  const fmt = (x: { mean: number; sd: number }) => `${x.mean.toFixed(4)} ± ${x.sd.toFixed(4)}`;
  const settings = (chosen: string[]) => {
    const c = new Map<string, number>();
    for (const k of chosen) c.set(k, (c.get(k) ?? 0) + 1);
    return [...c].map(([k, v]) => `${k} ×${v}`).join(', ');
  };
  console.log('method | runs | pooled ROC AUC | mean within-campaign AUC | GBDT settings (inner split)');
  for (const r of results)
    console.log(`${r.method} | ${r.runs} | ${fmt(r.pooledAuc)} | ${fmt(r.withinCampaignAuc)} | ${settings(r.chosen)}`);
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  writeJsonAtomic(new URL('./results/coupons.json', import.meta.url).pathname, {
    benchmark: 'coupons (Complete Journey)',
    cut: cutText,
    innerCut: INNER_CUT,
    train: { pairs: train.length, redeemed: count(train), campaigns: [...trainCampaigns] },
    test: { pairs: test.length, redeemed: count(test), campaigns: [...testCampaigns] },
    features: p.names,
    results,
  });
}

await main();
