// Models that take a typed config: how to build one from a (possibly saved) config and the small
// search space `nextbest tune` explores. Models without an entry are built by registry.ts as is.
import { defaultBlend } from './defaultBlend.ts';
import { ItemKnn } from './itemKnn.ts';
import { Popularity } from './popularity.ts';
import type { Recommender } from './recommender.ts';
import { modelFromName } from './registry.ts';
import { Repurchase } from './repurchase.ts';
import { UserKnn } from './userKnn.ts';

export type ModelConfig = Record<string, number>;

export interface CatalogEntry {
  make: (config: ModelConfig) => Recommender;
  /** field → values tried by `tune` (full grid, so keep it small) */
  grid: Record<string, number[]>;
}

export const modelCatalog: Record<string, CatalogEntry> = {
  popularity: { make: (c) => new Popularity(c), grid: { windowDays: [0, 30, 90], halfLifeDays: [0, 30] } },
  repurchase: {
    make: (c) => new Repurchase(c),
    grid: { cycleWeight: [0, 0.3, 0.7], repeatRateExponent: [0, 1], halfLifeDays: [0, 180] },
  },
  itemKnn: { make: (c) => new ItemKnn(c), grid: { k: [20, 50, 200], alpha: [0.5, 0.7], shrinkage: [0, 10] } },
  userKnn: { make: (c) => new UserKnn(c), grid: { k: [50, 100, 300], alpha: [0.3, 0.6], halfLifeDays: [0, 180] } },
  blend: { make: (c) => defaultBlend(c), grid: { candidates: [30, 50], validationDays: [61, 91] } },
};

/** A fresh model by name with `config` applied when the model takes one. */
export function modelWithConfig(name: string, config?: ModelConfig): Recommender {
  const entry = modelCatalog[name];
  if (entry) return entry.make(config ?? {});
  return modelFromName(name);
}

/** Every config of the grid (cartesian product), in a fixed order. */
export function configsFromGrid(grid: Record<string, number[]>): ModelConfig[] {
  let out: ModelConfig[] = [{}];
  for (const [k, values] of Object.entries(grid)) out = out.flatMap((c) => values.map((v) => ({ ...c, [k]: v })));
  return out;
}
