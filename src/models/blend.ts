// Blend / ranker: a weighted sum of component models' per-user-normalised scores,
//   x_c(u, i) = normalised s_c(u, i) (blendFeatures.ts: s / row max, or o/(o + rank) over the top M),
//   score(u, i) = Σ_c w_{g(u),c} · x_c(u, i)
// with one weight vector per customer type g(u) (past orders: 1, 2–4, 5+ by default) and per variant
// (all items / new items, picked by recommend's excludeSeen; for new items ranks skip the history items).
// Weights are learned BEFORE the as-of date: for each validation cut c (ending c·step days before
// as-of) components are fitted on history < end_c − V, and the candidates of all cuts are pooled; the
// weights maximise NDCG@k of purchases in [end_c − V, end_c) (coordinate ascent, blendWeights.ts).
// Then the components are refitted on the full history.
import { blendWeightsFromCandidates, concatSets, type BlendTrainingSet } from './blendWeights.ts';
import { logBefore, ordersPerUser, purchasesInWindow } from './logBefore.ts';
import type { InteractionLog, Recommender, TopN } from './recommender.ts';
import { seenAsLog, seenItemsFromLog, type SeenItems } from './seenItems.ts';
import { selectColumns, topNFromScores } from './topNFromScores.ts';
import { topKIntoRow } from '../math/topK.ts';
import { blendFeatureRow, type BlendNormalisation } from './blendFeatures.ts';

export interface BlendConfig {
  /** Validation window V in days before as-of on which weights are learned. */
  validationDays: number;
  /** Customer-type boundaries on past orders: [2, 5] → types {1}, {2–4}, {5+}. */
  segmentBounds: number[];
  /** Candidates per component and user (top-M union) scored during learning. */
  candidates: number;
  /** Cut-off of the NDCG that is maximised. */
  k: number;
  /** Coordinate-ascent passes over the weights. */
  rounds: number;
  /** At most this many validation users per customer type (evenly spaced, deterministic). */
  maxUsersPerSegment: number;
  /** A customer type with fewer validation users uses the weights learned on all users. */
  minUsersPerSegment: number;
  /** Fixed weights (one per component) instead of learning; null = learn. */
  fixedWeights: number[] | null;
  /** Validation cuts whose candidates are pooled: cut c ends cutStepDays·c days earlier (weights that hold across months). */
  validationCuts: number;
  /** Days between consecutive validation cuts. */
  cutStepDays: number;
  /** Per-user normalisation of component scores (blendFeatures.ts): by the row maximum or by rank. */
  normalise: BlendNormalisation;
  /** 'rank' normalisation: offset o in x = o/(o + rank). */
  rankOffset: number;
  /** Components (by name) the all-items weights may use; the others get weight 0 there. null = all. */
  allItemsComponents: string[] | null;
  /** Likewise for the new-items weights (a component can help one variant and only add noise to the other). */
  newItemsComponents: string[] | null;
}

export const DEFAULT_BLEND: BlendConfig = {
  validationDays: 91, segmentBounds: [2, 5], candidates: 50, k: 10, rounds: 3,
  maxUsersPerSegment: 1500, minUsersPerSegment: 50, fixedWeights: null, validationCuts: 1, cutStepDays: 30,
  normalise: 'max', rankOffset: 10, allItemsComponents: null, newItemsComponents: null,
};

const DAY = 86_400_000;
type Variant = 'all' | 'new';

export interface BlendWeights {
  /** [variant][segment] → weight per component */
  all: number[][];
  new: number[][];
}

export class Blend implements Recommender {
  readonly kind = 'blend';
  config: BlendConfig;
  weights: BlendWeights | null = null;
  /** validation NDCG@k reached per variant and segment (for reports) */
  validation: { all: number[]; new: number[] } = { all: [], new: [] };
  private seen: SeenItems | null = null;
  private segmentOf: Int32Array = new Int32Array(0);

  constructor(readonly components: Recommender[], config: Partial<BlendConfig> = {}, readonly name = 'blend') {
    if (components.length === 0) throw new Error('a blend needs at least one component');
    this.config = { ...DEFAULT_BLEND, ...config };
  }

  private segmentsFromOrders(orders: Int32Array): Int32Array {
    const b = this.config.segmentBounds;
    return orders.map((o) => { let g = 0; while (g < b.length && o >= b[g]) g++; return g; });
  }

  async fit(log: InteractionLog): Promise<void> {
    const nSeg = this.config.segmentBounds.length + 1;
    if (this.config.fixedWeights) {
      const w = this.config.fixedWeights;
      if (w.length !== this.components.length) throw new Error(`blend: ${w.length} fixed weights for ${this.components.length} components`);
      this.weights = { all: Array.from({ length: nSeg }, () => [...w]), new: Array.from({ length: nSeg }, () => [...w]) };
    } else {
      this.weights = await this.learnWeights(log);
    }
    for (const c of this.components) await c.fit(log);
    this.seen = seenItemsFromLog(log);
    this.segmentOf = this.segmentsFromOrders(ordersPerUser(log));
  }

  private async learnWeights(log: InteractionLog): Promise<BlendWeights> {
    const cfg = this.config, nSeg = cfg.segmentBounds.length + 1;
    const pooled: Record<Variant, BlendTrainingSet[][]> = { all: [], new: [] };
    for (let c = 0; c < Math.max(1, cfg.validationCuts); c++) {
      const end = log.asOf - c * cfg.cutStepDays * DAY, cutoff = end - cfg.validationDays * DAY;
      const val = logBefore(log, cutoff);
      if (val.lineTs.length === 0) break;
      for (const comp of this.components) await comp.fit(val);
      const truth = purchasesInWindow(log.nUsers, log.lineUser, log.lineItem, log.lineTs, cutoff, end);
      const seg = this.segmentsFromOrders(ordersPerUser(val));
      // validation users: history before the cut and a purchase after it; at most maxUsersPerSegment per type
      const bySeg: number[][] = Array.from({ length: nSeg }, () => []);
      for (let u = 0; u < log.nUsers; u++) if (val.indptr[u + 1] > val.indptr[u] && truth[u].size > 0) bySeg[seg[u]].push(u);
      const picked: number[] = [];
      for (const us of bySeg) { const step = Math.max(1, us.length / cfg.maxUsersPerSegment); for (let x = 0; x < us.length; x += step) picked.push(us[Math.floor(x)]); }
      picked.sort((p, q) => p - q);
      const sets = await this.trainingSets(val, Int32Array.from(picked), truth, seg, nSeg);
      pooled.all.push(sets.all); pooled.new.push(sets.new);
    }
    if (pooled.all.length === 0) throw new Error(`${this.name}: no history before the validation window`);
    const sets: Record<Variant, BlendTrainingSet[]> = {
      all: Array.from({ length: nSeg }, (_, g) => concatSets(pooled.all.map((p) => p[g]))),
      new: Array.from({ length: nSeg }, (_, g) => concatSets(pooled.new.map((p) => p[g]))),
    };
    const C = this.components.length;
    const out: BlendWeights = { all: [], new: [] };
    for (const variant of ['all', 'new'] as Variant[]) {
      const use = this.usedComponents(variant);
      const vs = sets[variant].map((s) => maskedSet(s, use));
      const global = blendWeightsFromCandidates(concatSets(vs), cfg.k, cfg.rounds);
      this.validation[variant] = [];
      for (let g = 0; g < nSeg; g++) {
        const fit = vs[g].users < cfg.minUsersPerSegment ? global : blendWeightsFromCandidates(vs[g], cfg.k, cfg.rounds, global.weights);
        const w = fit.weights.length === C ? fit.weights : global.weights;
        out[variant].push(w.map((v, c) => (use[c] ? v : 0)));
        this.validation[variant].push(fit.ndcg);
      }
    }
    return out;
  }

  /** Per component: may the weights of `variant` use it (config allItemsComponents / newItemsComponents)? */
  private usedComponents(variant: Variant): boolean[] {
    const names = variant === 'all' ? this.config.allItemsComponents : this.config.newItemsComponents;
    if (names) for (const n of names) if (!this.components.some((c) => c.name === n)) throw new Error(`${this.name}: no component named '${n}' (${variant}-items components)`);
    return this.components.map((c) => !names || names.includes(c.name));
  }

  /**
   * Candidate features for learning, per variant and customer type, in one scoring pass: per user the
   * union of each component's top-M eligible items (without the user's history items for 'new').
   */
  private async trainingSets(log: InteractionLog, users: Int32Array, truthAll: Set<number>[], seg: Int32Array, nSeg: number): Promise<Record<Variant, BlendTrainingSet[]>> {
    const C = this.components.length, n = log.nItems, M = this.config.candidates;
    const acc = { all: [] as SetBuilder[], new: [] as SetBuilder[] };
    for (let g = 0; g < nSeg; g++) { acc.all.push(newBuilder()); acc.new.push(newBuilder()); }
    const seen = new Uint8Array(n), mark = new Uint8Array(n);
    const feat = new Float32Array(C * n), ti = new Int32Array(M), ts = new Float32Array(M);
    const B = 256;
    for (let b = 0; b < users.length; b += B) {
      const batch = users.subarray(b, Math.min(users.length, b + B));
      const scores: Float32Array[] = [];
      for (const c of this.components) scores.push(await c.scoreItems(batch));
      for (let r = 0; r < batch.length; r++) {
        const u = batch[r];
        for (let e = log.indptr[u]; e < log.indptr[u + 1]; e++) seen[log.indices[e]] = 1;
        for (const variant of ['all', 'new'] as Variant[]) {
          const skip = variant === 'new' ? (j: number) => seen[j] === 1 : undefined;
          let nTruth = 0;
          for (const j of truthAll[u]) if (!skip || !seen[j]) nTruth++;
          if (nTruth === 0) continue;
          const cand: number[] = [];
          for (let c = 0; c < C; c++) {
            this.featureRow(scores[c], r * n, n, feat, c * n, skip);
            topKIntoRow(scores[c], r * n, n, M, ti, ts, 0, skip);
            for (let t = 0; t < M; t++) {
              const j = ti[t];
              if (j < 0 || !(ts[t] > 0)) break;
              if (!mark[j]) { mark[j] = 1; cand.push(j); }
            }
          }
          cand.sort((p, q) => p - q);
          const set = acc[variant][seg[u]];
          for (const j of cand) {
            mark[j] = 0;
            for (let c = 0; c < C; c++) set.x.push(feat[c * n + j]);
            set.label.push(truthAll[u].has(j) ? 1 : 0);
          }
          set.ptr.push(set.label.length);
          set.nTruth.push(nTruth);
        }
        for (let e = log.indptr[u]; e < log.indptr[u + 1]; e++) seen[log.indices[e]] = 0;
      }
    }
    const done = (x: SetBuilder): BlendTrainingSet => ({
      nFeatures: C, users: x.nTruth.length, ptr: Int32Array.from(x.ptr), x: Float32Array.from(x.x), label: Uint8Array.from(x.label), nTruth: Int32Array.from(x.nTruth),
    });
    return { all: acc.all.map(done), new: acc.new.map(done) };
  }

  private featureRow(scores: Float32Array, off: number, n: number, out: Float32Array, outOff: number, skip?: (j: number) => boolean): void {
    const cfg = this.config;
    blendFeatureRow(scores, off, n, { mode: cfg.normalise, depth: cfg.candidates, rankOffset: cfg.rankOffset }, out, outOff, skip);
  }

  private get fitted(): SeenItems {
    if (!this.seen || !this.weights) throw new Error(`${this.name}: fit() or load() first`);
    return this.seen;
  }

  /** Blended scores of users × all items with the weights of `variant` ('new': history items get 0 features). */
  private async blendBatch(users: Int32Array, variant: Variant): Promise<Float32Array> {
    const s = this.fitted, n = s.nItems;
    const wv = this.weights![variant];
    // components without weight in this variant are not scored at all
    const parts = await Promise.all(this.components.map((c, i) => (wv.some((w) => w[i] !== 0) ? c.scoreItems(users) : null)));
    const out = new Float32Array(users.length * n), feat = new Float32Array(n), seen = new Uint8Array(n);
    for (let r = 0; r < users.length; r++) {
      const u = users[r];
      const known = u >= 0 && u < this.segmentOf.length;
      const w = this.weights![variant][known ? this.segmentOf[u] : 0];
      const ex = variant === 'new' && u >= 0 && u < s.nUsers;
      if (ex) for (let e = s.indptr[u]; e < s.indptr[u + 1]; e++) seen[s.indices[e]] = 1;
      for (let c = 0; c < parts.length; c++) {
        const p = parts[c];
        if (w[c] === 0 || !p) continue;
        this.featureRow(p, r * n, n, feat, 0, ex ? (j) => seen[j] === 1 : undefined);
        for (let j = 0; j < n; j++) out[r * n + j] += w[c] * feat[j];
      }
      if (ex) for (let e = s.indptr[u]; e < s.indptr[u + 1]; e++) seen[s.indices[e]] = 0;
    }
    return out;
  }

  async scoreItems(users: Int32Array, items?: Int32Array): Promise<Float32Array> {
    return selectColumns(await this.blendBatch(users, 'all'), users.length, this.fitted.nItems, items);
  }

  async recommend(users: Int32Array, k: number, opts: { excludeSeen?: boolean } = {}): Promise<TopN> {
    const ex = opts.excludeSeen ?? false;
    return topNFromScores(seenAsLog(this.fitted), users, k, ex, (b) => this.blendBatch(b, ex ? 'new' : 'all'));
  }

  explain(user: number, item: number): string {
    this.fitted;
    const w = this.weights!.all[user >= 0 && user < this.segmentOf.length ? this.segmentOf[user] : 0];
    const total = w.reduce((a, b) => a + b, 0) || 1;
    const best = w.indexOf(Math.max(...w));
    return `${this.components[best].explain(user, item)} (blend: ${Math.round((100 * w[best]) / total)}% ${this.components[best].name})`;
  }

  save(): Record<string, unknown> {
    return {
      kind: this.kind, config: this.config, weights: this.weights, validation: this.validation, seen: this.fitted,
      segmentOf: this.segmentOf, components: this.components.map((c) => ({ name: c.name, state: c.save() })),
    };
  }

  load(state: Record<string, unknown>): void {
    if (state.kind !== this.kind) throw new Error(`state of a '${String(state.kind)}' model loaded into '${this.kind}'`);
    const comps = state.components as { name: string; state: Record<string, unknown> }[];
    if (comps.length !== this.components.length) throw new Error(`blend state has ${comps.length} components, this blend ${this.components.length}`);
    comps.forEach((c, i) => this.components[i].load(c.state));
    this.config = { ...DEFAULT_BLEND, ...(state.config as BlendConfig) };
    this.weights = state.weights as BlendWeights;
    this.validation = state.validation as { all: number[]; new: number[] };
    this.seen = state.seen as SeenItems;
    this.segmentOf = state.segmentOf as Int32Array;
  }
}

/** The set with the features of unused components zeroed (they can neither help nor win a weight). */
function maskedSet(set: BlendTrainingSet, use: boolean[]): BlendTrainingSet {
  if (use.every(Boolean)) return set;
  const C = set.nFeatures, x = Float32Array.from(set.x);
  for (let r = 0; r < set.label.length; r++) for (let c = 0; c < C; c++) if (!use[c]) x[r * C + c] = 0;
  return { ...set, x };
}

interface SetBuilder { ptr: number[]; x: number[]; label: number[]; nTruth: number[] }
function newBuilder(): SetBuilder { return { ptr: [0], x: [], label: [], nTruth: [] }; }
