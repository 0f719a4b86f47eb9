// What the store remembers about a recommendation model: the config `tune` saved and the quality
// the last `evaluate` measured (meta `config:<model>` and `quality:<model>`).
import { NotFoundError } from '../domain/errors.ts';
import { modelCatalog, type ModelConfig } from '../models/modelCatalog.ts';
import { AUTO_MODEL, modelRegistry } from '../models/registry.ts';
import { savedAutoChoice } from '../recs/autoRecsModel.ts';
import type { RecsAutoChoice } from './recsAutoChoice.ts';
import { getMeta } from '../store/meta.ts';
import type { Store } from '../store/store.ts';
import type { B1Row } from './evaluateModels.ts';

/** The last B1 measurement of one model (both variants). */
export interface ModelQuality {
  measuredAt: string;
  asOf: string;
  end: string;
  k: number;
  rows: B1Row[];
}

export interface SavedModelInfo {
  name: string;
  /** `tune` can search its settings. */
  tunable: boolean;
  config: ModelConfig | null;
  quality: ModelQuality | null;
  /** For 'auto': the last choice per variant, with every candidate's backtest figures. */
  auto?: { all: RecsAutoChoice | null; new: RecsAutoChoice | null };
}

export async function savedModelInfo(store: Store, name: string): Promise<SavedModelInfo> {
  if (name === AUTO_MODEL) {
    const auto = { all: await savedAutoChoice(store, 'all'), new: await savedAutoChoice(store, 'new') };
    return { name, tunable: false, config: null, quality: null, auto };
  }
  if (!(name in modelRegistry)) throw new NotFoundError(`unknown model '${name}' (known: ${Object.keys(modelRegistry).join(', ')})`);
  return {
    name,
    tunable: name in modelCatalog,
    config: (await getMeta<ModelConfig>(store, `config:${name}`)) ?? null,
    quality: (await getMeta<ModelQuality>(store, `quality:${name}`)) ?? null,
  };
}

/** Every registered model, in registry order. */
export async function savedModelInfos(store: Store): Promise<SavedModelInfo[]> {
  const out: SavedModelInfo[] = [];
  for (const name of Object.keys(modelRegistry)) out.push(await savedModelInfo(store, name));
  return out;
}
