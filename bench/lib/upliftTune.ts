// The search behind upliftGbdtDefaults (src/models/uplift/upliftConfig.ts): each GBDT setting's
// mean normalised Qini over the internal folds of the B4 *training* halves (seeds 1–2, four pairs),
// per method. Test halves are never read. `npm run bench:uplift -- --tune 1` (a coarse grid), then
// `--tune 2` (a finer grid around round 1's best per method); results in docs/uplift.md.
import type { GbdtConfig } from '../../src/models/propensity/gbdt.ts';
import { defaultUpliftConfig, upliftFromData } from '../../src/models/uplift/upliftModel.ts';
import type { UpliftMethod } from '../../src/models/uplift/upliftConfig.ts';
import { hillstromSplit, type Hillstrom } from './hillstromData.ts';

type Setting = Partial<GbdtConfig>;

function grid(trees: number[], depth: number[], minChildHessian: number[], l2: number[]): Setting[] {
  const out: Setting[] = [];
  for (const t of trees)
    for (const d of depth)
      for (const m of minChildHessian) for (const l of l2) out.push({ trees: t, depth: d, minChildHessian: m, l2: l, learningRate: 0.05 });
  return out;
}

export const TUNE_ROUNDS: Record<number, Record<UpliftMethod, Setting[]>> = {
  1: {
    't-learner': grid([30, 60, 120], [2, 3], [20, 50], [1, 10]),
    'class-transformation': grid([30, 60, 120], [2, 3], [20, 50], [1, 10]),
  },
  2: { 't-learner': grid([15, 30], [2, 3], [5, 10, 20], [10, 30]), 'class-transformation': grid([15, 30], [3, 4], [50, 100], [10, 30]) },
};

export function upliftTune(h: Hillstrom, round: number, seeds = [1, 2]): { setting: Setting; method: UpliftMethod; qini: number }[] {
  const grids = TUNE_ROUNDS[round];
  if (!grids) throw new Error(`--tune: no round ${round} (rounds: ${Object.keys(TUNE_ROUNDS).join(', ')})`);
  const out = [];
  for (const method of ['t-learner', 'class-transformation'] as const)
    for (const gbdt of grids[method]) {
      let sum = 0,
        count = 0;
      for (const arm of ['Womens E-Mail', 'Mens E-Mail'])
        for (const y of [h.visit, h.conversion])
          for (const seed of seeds) {
            const { train, treated } = hillstromSplit(h, arm, seed);
            const cfg = { ...defaultUpliftConfig, method, learner: 'gbdt' as const, gbdt, seed };
            sum += upliftFromData(h.X, h.nRows, h.nF, y, treated, train, cfg).validation.qini;
            count++;
          }
      out.push({ setting: gbdt, method, qini: sum / count });
      console.log(method, JSON.stringify(gbdt), (sum / count).toFixed(4));
    }
  return out.sort((a, b) => b.qini - a.qini);
}
