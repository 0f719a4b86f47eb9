// What the store remembers about a recommendation model: the config `tune` saved and the quality
// the last `evaluate` measured (meta `config:<model>` and `quality:<model>`).
import { NotFoundError } from '../domain/errors.ts';
import { modelCatalog, type ModelConfig } from '../models/modelCatalog.ts';
import { modelRegistry } from '../models/registry.ts';
import { getMeta } from '../store/meta.ts';
import type { Store } from '../store/store.ts';
import type { B1Row } from './evaluateModels.ts';

/** The last B1 measurement of one model (both variants). */
export interface ModelQuality { measuredAt: string; asOf: string; end: string; k: number; rows: B1Row[] }

export interface SavedModelInfo {
  name: string;
  /** `tune` can search its settings. */
  tunable: boolean;
  config: ModelConfig | null;
  quality: ModelQuality | null;
}

export async function savedModelInfo(store: Store, name: string): Promise<SavedModelInfo> {
  if (!(name in modelRegistry)) throw new NotFoundError(`unknown model '${name}' (known: ${Object.keys(modelRegistry).join(', ')})`);
  return {
    name, tunable: name in modelCatalog,
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
