// Item–item neighbourhood recommender. Neighbours (itemKnnNeighbours.ts) are computed in blocks of
// items split over worker_threads when the job is big enough, in-thread otherwise.
//   score(u, j) = Σ_{i bought by u} w_ui · sim(i→j) over the top-k neighbours j of each i,
//   w_ui = 2^(−(asOf − last_ui)/h)  (h = 0 → 1)
import { fitProgress, type FitProgress } from './fitProgress.ts';
import { csrTranspose } from '../math/csrTranspose.ts';
import { defaultThreads, mapInWorkers } from '../math/workerPool.ts';
import { siblingModule } from '../math/moduleWorker.ts';
import { neighboursForRange, type KnnInput, type NeighbourBlock } from './itemKnnNeighbours.ts';
import type { InteractionLog } from './recommender.ts';
import { ScoredRecommender } from './scoredRecommender.ts';
import { DAY } from '../math/day.ts';

export interface ItemKnnConfig {
  /** Neighbours kept per item. */
  k: number;
  /** Asymmetry α of the cosine: 0.5 = cosine, towards 1 = conditional probability P(j | i). */
  alpha: number;
  /** Shrinkage λ: similarity × c/(c + λ), c = co-buyers. */
  shrinkage: number;
  /** Half-life in days of a past purchase's weight when scoring; 0 = all purchases weigh 1. */
  halfLifeDays: number;
  /** Worker threads (0 = default: cores, at most 4). */
  threads: number;
  /** Below this many co-occurrence updates (Σ_u deg_u²) stay in-thread: workers cost ~0.3 s to boot. */
  minWorkForThreads: number;
}

export const DEFAULT_ITEM_KNN: ItemKnnConfig = {
  k: 50,
  alpha: 0.5,
  shrinkage: 0,
  halfLifeDays: 0,
  threads: 0,
  minWorkForThreads: 30_000_000,
};

/** Neighbour lists (nItems × k) of a log, using worker threads for big jobs. */
export async function itemNeighboursFromLog(
  log: InteractionLog,
  cfg: ItemKnnConfig,
  progress: FitProgress = fitProgress(undefined, ''),
): Promise<{ items: Int32Array; sims: Float32Array }> {
  const t = csrTranspose({ nRows: log.nUsers, nCols: log.nItems, indptr: log.indptr, indices: log.indices });
  const input: KnnInput = {
    nUsers: log.nUsers,
    nItems: log.nItems,
    userPtr: log.indptr,
    userItems: log.indices,
    itemPtr: t.indptr,
    itemUsers: t.indices,
    k: cfg.k,
    alpha: cfg.alpha,
    shrinkage: cfg.shrinkage,
  };
  let work = 0;
  for (let u = 0; u < log.nUsers; u++) {
    const d = log.indptr[u + 1] - log.indptr[u];
    work += d * d;
  }
  const threads = cfg.threads > 0 ? cfg.threads : defaultThreads();
  let blocks: NeighbourBlock[];
  if (threads <= 1 || work < cfg.minWorkForThreads) {
    blocks = [neighboursForRange(input, { from: 0, to: log.nItems })];
  } else {
    // ~8 blocks per thread of about equal work (Σ over the block's items of their buyers' degrees)
    const itemWork = new Float64Array(log.nItems);
    for (let i = 0; i < log.nItems; i++)
      for (let a = t.indptr[i]; a < t.indptr[i + 1]; a++) {
        const u = t.indices[a];
        itemWork[i] += log.indptr[u + 1] - log.indptr[u];
      }
    const per = work / (threads * 8);
    const tasks: { from: number; to: number }[] = [];
    let from = 0,
      acc = 0;
    for (let i = 0; i < log.nItems; i++) {
      acc += itemWork[i];
      if (acc >= per) {
        tasks.push({ from, to: i + 1 });
        from = i + 1;
        acc = 0;
      }
    }
    if (from < log.nItems) tasks.push({ from, to: log.nItems });
    progress.stage(`neighbours of ${log.nItems.toLocaleString('en-US')} products on ${threads} threads`);
    blocks = await mapInWorkers<{ from: number; to: number }, NeighbourBlock>(
      siblingModule('itemKnn.worker', import.meta.url),
      input,
      tasks,
      threads,
    );
  }
  const items = new Int32Array(log.nItems * cfg.k),
    sims = new Float32Array(log.nItems * cfg.k);
  for (const b of blocks) {
    items.set(b.items, b.from * cfg.k);
    sims.set(b.sims, b.from * cfg.k);
  }
  return { items, sims };
}

export class ItemKnn extends ScoredRecommender {
  readonly kind = 'itemKnn';
  config: ItemKnnConfig;
  private nbItems: Int32Array = new Int32Array(0);
  private nbSims: Float32Array = new Float32Array(0);
  /** per entry of the log CSR: the purchase weight w_ui */
  private weights: Float32Array = new Float32Array(0);

  constructor(
    config: Partial<ItemKnnConfig> = {},
    readonly name = 'itemKnn',
  ) {
    super();
    this.config = { ...DEFAULT_ITEM_KNN, ...config };
  }

  protected async fitState(log: InteractionLog, say?: (line: string) => void): Promise<void> {
    const progress = fitProgress(say, this.name);
    const nb = await itemNeighboursFromLog(log, this.config, progress).finally(progress.done);
    this.nbItems = nb.items;
    this.nbSims = nb.sims;
    this.historyState(log);
  }

  /** Purchase weights w_ui per entry; the neighbour lists stay as fitted. */
  protected override historyState(log: InteractionLog): void {
    const h = this.config.halfLifeDays;
    this.weights = new Float32Array(log.indices.length);
    for (let e = 0; e < log.indices.length; e++) this.weights[e] = h > 0 ? Math.pow(2, -(log.asOf - log.lastTs[e]) / (h * DAY)) : 1;
  }

  protected async scoreBatch(users: Int32Array): Promise<Float32Array> {
    const s = this.fitted,
      n = s.nItems,
      k = this.config.k;
    const out = new Float32Array(users.length * n);
    for (let r = 0; r < users.length; r++) {
      const u = users[r];
      if (u < 0 || u >= s.nUsers) continue;
      const row = r * n;
      for (let e = s.indptr[u]; e < s.indptr[u + 1]; e++) {
        const i = s.indices[e],
          w = this.weights[e];
        for (let t = i * k; t < i * k + k; t++) {
          const j = this.nbItems[t];
          if (j < 0) break;
          out[row + j] += w * this.nbSims[t];
        }
      }
    }
    return out;
  }

  explain(user: number, item: number): string {
    const s = this.fitted,
      k = this.config.k;
    let best = -1,
      bestSim = 0;
    if (user >= 0 && user < s.nUsers) {
      for (let e = s.indptr[user]; e < s.indptr[user + 1]; e++) {
        const i = s.indices[e];
        for (let t = i * k; t < i * k + k; t++)
          if (this.nbItems[t] === item && this.nbSims[t] > bestSim) {
            bestSim = this.nbSims[t];
            best = i;
          }
      }
    }
    return best < 0
      ? 'no purchase of this customer is a neighbour of this item'
      : `often bought with item #${best} (similarity ${bestSim.toFixed(3)})`;
  }

  /** The neighbours of item i with their similarities (for explanations with ids). */
  neighbours(i: number): { item: number; sim: number }[] {
    const k = this.config.k,
      out: { item: number; sim: number }[] = [];
    for (let t = i * k; t < i * k + k && this.nbItems[t] >= 0; t++) out.push({ item: this.nbItems[t], sim: this.nbSims[t] });
    return out;
  }

  protected saveState() {
    return { config: this.config, nbItems: this.nbItems, nbSims: this.nbSims, weights: this.weights };
  }
  protected loadState(state: Record<string, unknown>): void {
    this.config = { ...DEFAULT_ITEM_KNN, ...(state.config as ItemKnnConfig) };
    this.nbItems = state.nbItems as Int32Array;
    this.nbSims = state.nbSims as Float32Array;
    this.weights = state.weights as Float32Array;
  }
}
