// B4 — uplift on Hillstrom's randomised e-mail experiment (BENCHMARKS.md). `npm run bench:uplift`.
// For each arm (women's, men's e-mail) against no e-mail and each target (visit, conversion): 5 seeds
// of a 50/50 split per arm; fit on one half, score the other; uplift@10 %, uplift@30 %, normalised
// Qini and normalised AUUC, mean ± sd over seeds, and each method's mean normalised Qini over the
// four pairs. Model choices (hyper-parameters, 'auto') only ever see the training half.
// Flags: --seeds N (default 5); --folds K (internal folds, default defaultUpliftConfig.folds);
// --tune ROUND prints the GBDT hyper-parameter search on the training halves (bench/lib/upliftTune.ts)
// instead; --selection-study compares 'auto' selection rules on the training halves
// (bench/lib/upliftSelectionStudy.ts). Writes bench/results/b4-uplift.json.
import { parseFlags, intFlag } from '../src/cli/command.ts';
import { Rng } from '../src/generate/prng.ts';
import { normalisedAuuc, normalisedQini, upliftAt } from '../src/evaluate/upliftMetrics.ts';
import { defaultUpliftConfig, upliftFromData, upliftScores, type UpliftConfig } from '../src/models/uplift/upliftModel.ts';
import { hillstromFromFile, hillstromSplit, type Hillstrom } from './lib/hillstromData.ts';
import { writeJsonAtomic } from './lib/writeJsonAtomic.ts';
import { upliftTune } from './lib/upliftTune.ts';
import { upliftSelectionStudy } from './lib/upliftSelectionStudy.ts';

interface Method {
  name: string;
  /** Uplift scores for the test rows. */
  score: (h: Hillstrom, y: Uint8Array, treated: Uint8Array, train: Int32Array, test: Int32Array, seed: number) => Float64Array;
  /** The 'auto' pick per run, for the report. */
  picks?: string[];
}

let folds = defaultUpliftConfig.folds;
const fitted =
  (cfg: Partial<UpliftConfig>): Method['score'] =>
  (h, y, treated, train, test, seed) =>
    upliftScores(
      upliftFromData(h.X, h.nRows, h.nF, y, treated, train, { ...defaultUpliftConfig, ...cfg, folds, seed }),
      h.X,
      h.nRows,
      test,
    );

const autoPicks: string[] = [];
const METHODS: Method[] = [
  {
    name: 'random ranking',
    score: (_h, _y, _t, _train, test, seed) => {
      const rng = Rng.from(seed, 0x7a);
      return Float64Array.from(test, () => rng.next());
    },
  },
  { name: 'T-learner, logistic (peer)', score: fitted({ method: 't-learner', learner: 'logistic' }) },
  { name: 'T-learner, GBDT', score: fitted({ method: 't-learner', learner: 'gbdt' }) },
  { name: 'class transformation, GBDT', score: fitted({ method: 'class-transformation', learner: 'gbdt' }) },
  {
    name: 'auto (default)',
    picks: autoPicks,
    score: (h, y, treated, train, test, seed) => {
      const m = upliftFromData(h.X, h.nRows, h.nF, y, treated, train, { ...defaultUpliftConfig, folds, seed });
      autoPicks.push(`${m.validation.method}/${m.validation.learner}`);
      return upliftScores(m, h.X, h.nRows, test);
    },
  },
];

const PAIRS = [
  { arm: 'Womens E-Mail', label: "women's", target: 'visit', peer: { u10: 0.0668, u30: 0.0747, qini: 0.066 } },
  { arm: 'Womens E-Mail', label: "women's", target: 'conversion', peer: { u10: 0.0042, u30: 0.0052, qini: 0.08 } },
  { arm: 'Mens E-Mail', label: "men's", target: 'visit', peer: { u10: 0.1273, u30: 0.0891, qini: 0.013 } },
  { arm: 'Mens E-Mail', label: "men's", target: 'conversion', peer: { u10: 0.008, u30: 0.0067, qini: -0.032 } },
] as const;
const METRICS = ['u10', 'u30', 'qini', 'auuc'] as const;
type Metric = (typeof METRICS)[number];

function meanSd(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, sd };
}

const fmt = (m: { mean: number; sd: number }, d = 4) => `${m.mean.toFixed(d)} ± ${m.sd.toFixed(d)}`;

async function main(): Promise<void> {
  const flags = {
    seeds: { type: 'string' },
    folds: { type: 'string' },
    tune: { type: 'string' },
    'selection-study': { type: 'boolean' },
  } as const;
  const { values } = parseFlags(process.argv.slice(2), flags, 'bench:uplift [--seeds N] [--folds K] [--tune ROUND] [--selection-study]');
  folds = intFlag('folds', values.folds, 2, 20, defaultUpliftConfig.folds);
  const nSeeds = intFlag('seeds', values.seeds, 1, 50, 5);
  if (values['selection-study']) return upliftSelectionStudy(hillstromFromFile(), folds);
  if (values.tune !== undefined) {
    const ranked = upliftTune(hillstromFromFile(), intFlag('tune', values.tune, 1, 9));
    console.log(
      '\nbest first:\n' +
        ranked
          .slice(0, 8)
          .map((r) => `${r.method} ${JSON.stringify(r.setting)} ${r.qini.toFixed(4)}`)
          .join('\n'),
    );
    return;
  }
  const seeds = Array.from({ length: nSeeds }, (_v, i) => i + 1);
  const t0 = performance.now();
  const h = hillstromFromFile();
  // perSeed[method][pair][metric][seedIndex]
  const perSeed = METHODS.map(() =>
    PAIRS.map(() => Object.fromEntries(METRICS.map((k) => [k, [] as number[]])) as Record<Metric, number[]>),
  );
  const fitMs = METHODS.map(() => 0);
  for (const [p, pair] of PAIRS.entries()) {
    const y = pair.target === 'visit' ? h.visit : h.conversion;
    for (const seed of seeds) {
      const { train, test, treated } = hillstromSplit(h, pair.arm, seed);
      const yt = Uint8Array.from(test, (r) => y[r]),
        wt = Uint8Array.from(test, (r) => treated[r]);
      for (const [m, method] of METHODS.entries()) {
        const s0 = performance.now();
        const s = method.score(h, y, treated, train, test, seed);
        fitMs[m] += performance.now() - s0;
        const rec = perSeed[m][p];
        rec.u10.push(upliftAt(s, yt, wt, 0.1));
        rec.u30.push(upliftAt(s, yt, wt, 0.3));
        rec.qini.push(normalisedQini(s, yt, wt));
        rec.auuc.push(normalisedAuuc(s, yt, wt));
      }
    }
  }
  const rows = [];
  const header = ['arm, target', 'method', 'uplift@10 %', 'uplift@30 %', 'normalised Qini', 'normalised AUUC', 'peer Qini'];
  const lines = [header.join(' | ')];
  for (const [p, pair] of PAIRS.entries())
    for (const [m, method] of METHODS.entries()) {
      const rec = perSeed[m][p];
      const stats = Object.fromEntries(METRICS.map((k) => [k, meanSd(rec[k])])) as Record<Metric, { mean: number; sd: number }>;
      const isPeer = method.name.includes('(peer)');
      rows.push({
        arm: pair.label,
        target: pair.target,
        method: method.name,
        ...stats,
        perSeed: rec,
        peer: isPeer ? pair.peer : undefined,
      });
      lines.push(
        [
          `${pair.label}, ${pair.target}`,
          method.name,
          fmt(stats.u10),
          fmt(stats.u30),
          fmt(stats.qini, 3),
          fmt(stats.auuc, 3),
          isPeer ? pair.peer.qini.toFixed(3) : '',
        ].join(' | '),
      );
    }
  console.log(`B4 uplift on Hillstrom: mean ± sd over ${nSeeds} seeds (50/50 split per arm; fit on one half, score the other)\n`);
  console.log(lines.join('\n'));
  console.log(`\nMean normalised Qini over the four pairs (mean ± sd over seeds of the per-seed four-pair mean):`);
  const summary = METHODS.map((method, m) => {
    const perSeedMean = seeds.map((_s, i) => PAIRS.reduce((a, _p, p) => a + perSeed[m][p].qini[i], 0) / PAIRS.length);
    const st = meanSd(perSeedMean);
    console.log(`  ${method.name.padEnd(30)} ${fmt(st, 3)}   fit+score ${(fitMs[m] / 1000).toFixed(1)} s`);
    return { method: method.name, meanQini: st, perSeedMeanQini: perSeedMean, seconds: fitMs[m] / 1000 };
  });
  console.log(`  peer T-learner (BENCHMARKS.md)  0.032`);
  const picks: Record<string, number> = {};
  for (const k of autoPicks) picks[k] = (picks[k] ?? 0) + 1;
  console.log(
    `\n'auto' picked (over ${autoPicks.length} fits): ${Object.entries(picks)
      .map(([k, v]) => `${k} ×${v}`)
      .join(', ')}`,
  );
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  writeJsonAtomic(new URL('./results/b4-uplift.json', import.meta.url).pathname, {
    benchmark: 'B4',
    seeds,
    folds,
    features: h.featureNames,
    rows,
    summary,
    autoPicks: picks,
    peerMeanQini: 0.032,
  });
}

await main();
