// User–user neighbourhood in the style of TIFU-kNN (Hu et al., SIGIR 2020): a customer's own
// time-decayed purchase vector mixed with those of the most similar customers.
//   w_ui = Σ_occasions 2^(−age/h),  v_u = w_u / ‖w_u‖₂
//   score(u, i) = (1 − α)·v_u[i] + α · Σ_{v ∈ N(u)} sim(u,v)·v_v[i] / Σ_{v ∈ N(u)} sim(u,v)
// Repurchase (own vector) and "customers like you buy it now" (neighbours) in one score.
import { fitProgress } from './fitProgress.ts';
import { csrTranspose } from '../math/csrTranspose.ts';
import { defaultThreads, mapInWorkers } from '../math/workerPool.ts';
import { siblingModule } from '../math/moduleWorker.ts';
import { entryOccasionsFromLog } from './entryOccasions.ts';
import type { InteractionLog } from './recommender.ts';
import { ScoredRecommender } from './scoredRecommender.ts';
import { userNeighboursForRange, type UserKnnInput, type UserNeighbourBlock } from './userKnnNeighbours.ts';
import { DAY } from '../math/day.ts';

export interface UserKnnConfig {
  /** Neighbours per user. */
  k: number;
  /** Weight α of the neighbours' vectors against the customer's own (0 = pure personal frequency). */
  alpha: number;
  /** Half-life in days of an occasion's weight; 0 = plain occasion counts. */
  halfLifeDays: number;
  /** Worker threads (0 = default). */
  threads: number;
  /** Below this many multiply-adds (Σ_i buyers_i²) stay in-thread. */
  minWorkForThreads: number;
}

export const DEFAULT_USER_KNN: UserKnnConfig = { k: 100, alpha: 0.3, halfLifeDays: 0, threads: 0, minWorkForThreads: 50_000_000 };

export class UserKnn extends ScoredRecommender {
  readonly kind = 'userKnn';
  config: UserKnnConfig;
  private vals: Float32Array = new Float32Array(0);
  private nbUsers: Int32Array = new Int32Array(0);
  private nbSims: Float32Array = new Float32Array(0);

  constructor(
    config: Partial<UserKnnConfig> = {},
    readonly name = 'userKnn',
  ) {
    super();
    this.config = { ...DEFAULT_USER_KNN, ...config };
  }

  /** v_u per entry: time-decayed occasion counts, L2-normalised per user. */
  private valsFromLog(log: InteractionLog): Float32Array {
    const h = this.config.halfLifeDays;
    const occ = entryOccasionsFromLog(log, DAY);
    const vals = new Float32Array(log.indices.length);
    for (let u = 0; u < log.nUsers; u++) {
      let norm = 0;
      for (let e = log.indptr[u]; e < log.indptr[u + 1]; e++) {
        let w = 0;
        for (let j = occ.ptr[e]; j < occ.ptr[e + 1]; j++) w += h > 0 ? Math.pow(2, -(log.asOf - occ.ts[j]) / (h * DAY)) : 1;
        vals[e] = w;
        norm += w * w;
      }
      norm = Math.sqrt(norm);
      for (let e = log.indptr[u]; e < log.indptr[u + 1]; e++) vals[e] = norm > 0 ? vals[e] / norm : 0;
    }
    return vals;
  }

  /** The customers' vectors; the neighbour lists stay as fitted (a customer new since the fit has none). */
  protected override historyState(log: InteractionLog): void {
    this.vals = this.valsFromLog(log);
  }

  protected async fitState(log: InteractionLog, say?: (line: string) => void): Promise<void> {
    const cfg = this.config;
    const vals = this.valsFromLog(log);
    const t = csrTranspose({ nRows: log.nUsers, nCols: log.nItems, indptr: log.indptr, indices: log.indices, values: vals });
    const input: UserKnnInput = {
      nUsers: log.nUsers,
      nItems: log.nItems,
      userPtr: log.indptr,
      userItems: log.indices,
      userVals: vals,
      itemPtr: t.indptr,
      itemUsers: t.indices,
      itemVals: t.values!,
      k: cfg.k,
    };
    let work = 0;
    for (let i = 0; i < log.nItems; i++) {
      const d = t.indptr[i + 1] - t.indptr[i];
      work += d * d;
    }
    const threads = cfg.threads > 0 ? cfg.threads : defaultThreads();
    let blocks: UserNeighbourBlock[];
    if (threads <= 1 || work < cfg.minWorkForThreads) blocks = [userNeighboursForRange(input, { from: 0, to: log.nUsers })];
    else {
      const per = Math.ceil(log.nUsers / (threads * 8));
      const tasks = [];
      for (let from = 0; from < log.nUsers; from += per) tasks.push({ from, to: Math.min(log.nUsers, from + per) });
      const progress = fitProgress(say, this.name);
      progress.stage(`neighbours of ${log.nUsers.toLocaleString('en-US')} customers on ${threads} threads`);
      try {
        blocks = await mapInWorkers(siblingModule('userKnn.worker', import.meta.url), input, tasks, threads);
      } finally {
        progress.done();
      }
    }
    this.nbUsers = new Int32Array(log.nUsers * cfg.k);
    this.nbSims = new Float32Array(log.nUsers * cfg.k);
    for (const b of blocks) {
      this.nbUsers.set(b.users, b.from * cfg.k);
      this.nbSims.set(b.sims, b.from * cfg.k);
    }
    this.vals = vals;
  }

  protected async scoreBatch(users: Int32Array): Promise<Float32Array> {
    const s = this.fitted,
      n = s.nItems,
      k = this.config.k,
      a = this.config.alpha;
    const out = new Float32Array(users.length * n);
    for (let r = 0; r < users.length; r++) {
      const u = users[r];
      if (u < 0 || u >= s.nUsers) continue;
      const row = r * n;
      let total = 0;
      // a customer new since the fit lies beyond the neighbour lists: own vector only
      const known = (u + 1) * k <= this.nbUsers.length;
      for (let t = u * k; known && t < u * k + k && this.nbUsers[t] >= 0; t++) total += this.nbSims[t];
      if (total > 0 && a > 0) {
        for (let t = u * k; t < u * k + k && this.nbUsers[t] >= 0; t++) {
          const v = this.nbUsers[t],
            f = (a * this.nbSims[t]) / total;
          for (let e = s.indptr[v]; e < s.indptr[v + 1]; e++) out[row + s.indices[e]] += f * this.vals[e];
        }
      }
      for (let e = s.indptr[u]; e < s.indptr[u + 1]; e++) out[row + s.indices[e]] += (1 - a) * this.vals[e];
    }
    return out;
  }

  explain(user: number, item: number): string {
    const s = this.fitted,
      k = this.config.k;
    let own = false,
      buyers = 0;
    if (user >= 0 && user < s.nUsers) {
      for (let e = s.indptr[user]; e < s.indptr[user + 1]; e++) if (s.indices[e] === item) own = true;
      for (let t = user * k; t < user * k + k && this.nbUsers[t] >= 0; t++) {
        const v = this.nbUsers[t];
        for (let e = s.indptr[v]; e < s.indptr[v + 1]; e++)
          if (s.indices[e] === item) {
            buyers++;
            break;
          }
      }
    }
    return `${own ? 'bought before; ' : ''}${buyers} of ${k} similar customers bought it`;
  }

  protected saveState() {
    return { config: this.config, vals: this.vals, nbUsers: this.nbUsers, nbSims: this.nbSims };
  }
  protected loadState(state: Record<string, unknown>): void {
    this.config = { ...DEFAULT_USER_KNN, ...(state.config as UserKnnConfig) };
    this.vals = state.vals as Float32Array;
    this.nbUsers = state.nbUsers as Int32Array;
    this.nbSims = state.nbSims as Float32Array;
  }
}
