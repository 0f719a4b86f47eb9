// Blend / ranker: a weighted sum of component models' per-user-normalised scores,
//   x_c(u, i) = normalised s_c(u, i) (blendFeatures.ts: s / row max, or o/(o + rank) over the top M),
//   score(u, i) = Σ_c w_{g(u),c} · x_c(u, i)
// with one weight vector per customer type g(u) (past orders: 1, 2–4, 5+ by default) and per variant
// (all items / new items, picked by recommend's excludeSeen; for new items ranks skip the history items).
// Weights are learned BEFORE the as-of date on validation splits (blendValidation.ts: time cuts ending
// c·step days before as-of, or a per-customer holdout when time cannot split): components are fitted on
// the split's history, the candidates of all splits are pooled, and the weights maximise NDCG@k of the
// held-out purchases (coordinate ascent, blendWeights.ts). Per variant the learned blend is kept only
// when it beats every component alone on the same validation users (blendChoice.ts); otherwise that
// variant IS the best component (its own scores): `choice` says which. With too little validation data
// the weights are equal. Then the components with a weight are refitted on the full history.
import { blendCandidateSets, type BlendVariant } from './blendCandidates.ts';
import { blendChoiceForVariant, type VariantChoice } from './blendChoice.ts';
import { blendValidationSplits } from './blendValidation.ts';
import { concatSets, type BlendTrainingSet } from './blendWeights.ts';
import { ordersPerUser } from './logBefore.ts';
import type { InteractionLog, Recommender, TopN } from './recommender.ts';
import { seenAsLog, seenItemsFromLog, type SeenItems } from './seenItems.ts';
import { selectColumns, topNFromScores } from './topNFromScores.ts';
import { blendFeatureRow } from './blendFeatures.ts';
import { DEFAULT_BLEND, type BlendConfig } from './blendConfig.ts';

export { DEFAULT_BLEND, type BlendConfig } from './blendConfig.ts';

export interface BlendWeights {
  /** [variant][segment] → weight per component */
  all: number[][];
  new: number[][];
}

/** How the weights were set, and per variant what validation measured (null without learning). */
export interface BlendValidation {
  /** 'time' cuts, per-customer 'holdout', 'none' (too little validation data: equal weights), 'fixed' weights */
  how: 'time' | 'holdout' | 'none' | 'fixed';
  all: VariantChoice | null;
  new: VariantChoice | null;
}

export class Blend implements Recommender {
  readonly kind = 'blend';
  config: BlendConfig;
  weights: BlendWeights | null = null;
  /** per variant: 'blend', or the name of the component the variant uses alone (it beat the blend on validation) */
  choice: Record<BlendVariant, string> = { all: 'blend', new: 'blend' };
  validation: BlendValidation = { how: 'none', all: null, new: null };
  private seen: SeenItems | null = null;
  /** Which components hold a fitted state (the others have weight 0 everywhere and are not refitted). */
  private fittedComponents: boolean[] = [];
  private segmentOf: Int32Array = new Int32Array(0);

  constructor(
    readonly components: Recommender[],
    config: Partial<BlendConfig> = {},
    readonly name = 'blend',
  ) {
    if (components.length === 0) throw new Error('a blend needs at least one component');
    this.config = { ...DEFAULT_BLEND, ...config };
  }

  private segmentsFromOrders(orders: Int32Array): Int32Array {
    const b = this.config.segmentBounds;
    return orders.map((o) => {
      let g = 0;
      while (g < b.length && o >= b[g]) g++;
      return g;
    });
  }

  /** `say` receives progress lines (a fit on a large history takes tens of seconds). */
  async fit(log: InteractionLog, say: (line: string) => void = () => {}): Promise<void> {
    const t0 = performance.now();
    const note = (s: string) => say(`${this.name}: ${s} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    const nSeg = this.config.segmentBounds.length + 1;
    this.choice = { all: 'blend', new: 'blend' };
    if (this.config.fixedWeights) {
      const w = this.config.fixedWeights;
      if (w.length !== this.components.length) throw new Error(`blend: ${w.length} fixed weights for ${this.components.length} components`);
      this.weights = { all: Array.from({ length: nSeg }, () => [...w]), new: Array.from({ length: nSeg }, () => [...w]) };
      this.validation = { how: 'fixed', all: null, new: null };
    } else {
      await this.learnWeights(log, note);
    }
    // components without weight in either variant are not refitted (nor scored, nor saved)
    const needed = this.components.map((_, c) => !!this.config.fixedWeights || this.hasWeight(c));
    const n = needed.filter(Boolean).length;
    let i = 0;
    for (const [c, comp] of this.components.entries()) {
      if (!needed[c]) continue;
      note(`fitting ${comp.name} on the full history (${++i}/${n})`);
      await comp.fit(log, say);
    }
    this.fittedComponents = needed;
    this.seen = seenItemsFromLog(log);
    this.segmentOf = this.segmentsFromOrders(ordersPerUser(log));
    note(`fitted: ${this.describeChoice()}`);
  }

  private hasWeight(c: number): boolean {
    const w = this.weights!;
    return [...w.all, ...w.new].some((row) => row[c] !== 0);
  }

  /** For reports, e.g. "all items: blend of 7 components; new items: ease alone (holdout validation)". */
  describeChoice(): string {
    const part = (v: BlendVariant) => {
      if (this.choice[v] !== 'blend') return `${v} items: ${this.choice[v]} alone`;
      const w = this.weights?.[v];
      const used = w ? this.components.filter((_, c) => w.some((row) => row[c] !== 0)).length : this.components.length;
      const equal = this.validation[v]?.learned === false || this.validation.how === 'none';
      return `${v} items: ${equal ? 'equal weights over' : 'blend of'} ${used} components`;
    };
    const how = this.validation.how;
    return `${part('all')}; ${part('new')} (${how === 'fixed' ? 'fixed weights' : how === 'none' ? 'too few customers to validate on' : `${how} validation`})`;
  }

  private async learnWeights(log: InteractionLog, note: (s: string) => void): Promise<void> {
    const cfg = this.config,
      nSeg = cfg.segmentBounds.length + 1,
      C = this.components.length;
    const use = { all: this.usedComponents('all'), new: this.usedComponents('new') };
    const splits = blendValidationSplits(log, {
      validationDays: cfg.validationDays,
      validationCuts: cfg.validationCuts,
      cutStepDays: cfg.cutStepDays,
      minUsers: cfg.minValidationUsers,
      holdoutShare: cfg.holdoutShare,
      seed: cfg.seed,
    });
    if (splits.length === 0) {
      note(`fewer than ${cfg.minValidationUsers} validation customers: equal weights`);
      const eq = (v: BlendVariant) => Array.from({ length: nSeg }, () => use[v].map((u) => (u ? 1 : 0)));
      this.weights = { all: eq('all'), new: eq('new') };
      this.validation = { how: 'none', all: null, new: null };
      return;
    }
    const pooled: Record<BlendVariant, BlendTrainingSet[][]> = { all: [], new: [] };
    for (const [s, split] of splits.entries()) {
      const tag = `validation (${split.how}${splits.length > 1 ? ` ${s + 1}/${splits.length}` : ''}, ${split.users} customers)`;
      for (const [i, comp] of this.components.entries()) {
        note(`${tag}: fitting ${comp.name} (${i + 1}/${C})`);
        await comp.fit(split.log);
      }
      const seg = this.segmentsFromOrders(ordersPerUser(split.log));
      const picked = this.validationUsers(split.log, split.truth, seg, nSeg);
      note(`${tag}: scoring the candidates of ${picked.length} customers`);
      let last = performance.now();
      const sets = await blendCandidateSets(this.components, split.log, picked, split.truth, seg, nSeg, cfg, (done, total) => {
        if (performance.now() - last > 2000) {
          last = performance.now();
          note(`${tag}: scoring candidates ${done}/${total} customers`);
        }
      });
      pooled.all.push(sets.all);
      pooled.new.push(sets.new);
    }
    const names = this.components.map((c) => c.name);
    const out: Partial<Record<BlendVariant, VariantChoice>> = {};
    for (const variant of ['all', 'new'] as BlendVariant[]) {
      note(`learning ${variant}-items weights`);
      const sets = Array.from({ length: nSeg }, (_, g) => maskedSet(concatSets(pooled[variant].map((p) => p[g])), use[variant]));
      const ch = blendChoiceForVariant(sets, use[variant], names, cfg);
      out[variant] = ch;
      this.choice[variant] = ch.choice;
      const best = Math.max(...ch.componentNdcg.map((v) => v ?? -1));
      note(
        !ch.learned
          ? `${variant} items: equal weights (${ch.users} validation customers)`
          : `${variant} items: ${ch.choice === 'blend' ? 'blend' : `${ch.choice} alone`} (validation NDCG@${cfg.k}: ` +
              `blend ${ch.blendNdcg.toFixed(4)}, best single ${best.toFixed(4)}, ${ch.users} customers)`,
      );
    }
    this.weights = { all: out.all!.weights, new: out.new!.weights };
    this.validation = { how: splits[0].how, all: out.all!, new: out.new! };
  }

  /** Validation users: history in the split and a held-out purchase; at most maxUsersPerSegment per type, evenly spaced. */
  private validationUsers(val: InteractionLog, truth: Set<number>[], seg: Int32Array, nSeg: number): Int32Array {
    const bySeg: number[][] = Array.from({ length: nSeg }, () => []);
    for (let u = 0; u < val.nUsers; u++) if (val.indptr[u + 1] > val.indptr[u] && truth[u].size > 0) bySeg[seg[u]].push(u);
    const picked: number[] = [];
    for (const us of bySeg) {
      const step = Math.max(1, us.length / this.config.maxUsersPerSegment);
      for (let x = 0; x < us.length; x += step) picked.push(us[Math.floor(x)]);
    }
    return Int32Array.from(picked.sort((p, q) => p - q));
  }

  /** Per component: may the weights of `variant` use it (config allItemsComponents / newItemsComponents)? */
  private usedComponents(variant: BlendVariant): boolean[] {
    const names = variant === 'all' ? this.config.allItemsComponents : this.config.newItemsComponents;
    for (const n of names ?? []) {
      if (this.components.some((c) => c.name === n)) continue;
      throw new Error(`${this.name}: no component named '${n}' (${variant}-items components)`);
    }
    return this.components.map((c) => !names || names.includes(c.name));
  }

  private featureRow(scores: Float32Array, off: number, n: number, out: Float32Array, outOff: number, skip?: (j: number) => boolean): void {
    const cfg = this.config;
    blendFeatureRow(scores, off, n, { mode: cfg.normalise, depth: cfg.candidates, rankOffset: cfg.rankOffset }, out, outOff, skip);
  }

  private get fitted(): SeenItems {
    if (!this.seen || !this.weights) throw new Error(`${this.name}: fit() or load() first`);
    return this.seen;
  }

  /** The component a variant uses alone, or null for a blend. */
  private single(variant: BlendVariant): Recommender | null {
    const c = this.choice[variant];
    return c === 'blend' ? null : (this.components.find((m) => m.name === c) ?? null);
  }

  /** Blended scores of users × all items with the weights of `variant` ('new': history items get 0 features). */
  private async blendBatch(users: Int32Array, variant: BlendVariant): Promise<Float32Array> {
    const s = this.fitted,
      n = s.nItems;
    const alone = this.single(variant);
    if (alone) return alone.scoreItems(users);
    const wv = this.weights![variant];
    // components without weight in this variant are not scored at all
    const parts = await Promise.all(this.components.map((c, i) => (wv.some((w) => w[i] !== 0) ? c.scoreItems(users) : null)));
    const out = new Float32Array(users.length * n),
      feat = new Float32Array(n),
      seen = new Uint8Array(n);
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

  /**
   * New purchases without refitting (real-time ingestion): `log` is the full history including them. Each
   * fitted component folds them in (components without weight hold no state and are skipped); the
   * customers' seen items and types follow `log`.
   */
  foldInUsers(log: InteractionLog, users: ArrayLike<number>): void {
    this.components.forEach((c, i) => {
      if (this.fittedComponents[i] === false) return;
      const m = c as Partial<{ foldIn(l: InteractionLog, u: number): void; foldInUsers(l: InteractionLog, us: ArrayLike<number>): void }>;
      if (m.foldInUsers) m.foldInUsers(log, users);
      else if (m.foldIn) for (let j = 0; j < users.length; j++) m.foldIn(log, users[j]);
    });
    this.seen = seenItemsFromLog(log);
    this.segmentOf = this.segmentsFromOrders(ordersPerUser(log, Infinity));
  }

  foldIn(log: InteractionLog, user: number): void {
    this.foldInUsers(log, [user]);
  }

  /** After load: the purchase rows of `log` (same customers and history as the fit) into every fitted component. */
  setHistory(log: InteractionLog): void {
    this.components.forEach((c, i) => {
      if (this.fittedComponents[i] !== false) (c as Partial<{ setHistory(l: InteractionLog): void }>).setHistory?.(log);
    });
    this.seen = seenItemsFromLog(log);
    this.segmentOf = this.segmentsFromOrders(ordersPerUser(log, Infinity));
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
    const alone = this.single('all');
    if (alone) return `${alone.explain(user, item)} (blend: ${alone.name} alone)`;
    const w = this.weights!.all[user >= 0 && user < this.segmentOf.length ? this.segmentOf[user] : 0];
    const total = w.reduce((a, b) => a + b, 0) || 1;
    const best = w.indexOf(Math.max(...w));
    return `${this.components[best].explain(user, item)} (blend: ${Math.round((100 * w[best]) / total)}% ${this.components[best].name})`;
  }

  save(): Record<string, unknown> {
    return {
      kind: this.kind,
      config: this.config,
      weights: this.weights,
      choice: this.choice,
      validation: this.validation,
      seen: this.fitted,
      segmentOf: this.segmentOf,
      components: this.components.map((c, i) => ({ name: c.name, state: this.fittedComponents[i] === false ? null : c.save() })),
    };
  }

  load(state: Record<string, unknown>): void {
    if (state.kind !== this.kind) throw new Error(`state of a '${String(state.kind)}' model loaded into '${this.kind}'`);
    const comps = state.components as { name: string; state: Record<string, unknown> | null }[];
    if (comps.length !== this.components.length) {
      throw new Error(`blend state has ${comps.length} components, this blend ${this.components.length}`);
    }
    comps.forEach((c, i) => {
      if (c.state) this.components[i].load(c.state);
    });
    this.fittedComponents = comps.map((c) => c.state !== null);
    this.config = { ...DEFAULT_BLEND, ...(state.config as BlendConfig) };
    this.weights = state.weights as BlendWeights;
    this.choice = (state.choice as Record<BlendVariant, string> | undefined) ?? { all: 'blend', new: 'blend' };
    this.validation = (state.validation as BlendValidation | undefined) ?? { how: 'none', all: null, new: null };
    this.seen = state.seen as SeenItems;
    this.segmentOf = state.segmentOf as Int32Array;
  }
}

/** The set with the features of unused components zeroed (they can neither help nor win a weight). */
function maskedSet(set: BlendTrainingSet, use: boolean[]): BlendTrainingSet {
  if (use.every(Boolean)) return set;
  const C = set.nFeatures,
    x = Float32Array.from(set.x);
  for (let r = 0; r < set.label.length; r++) for (let c = 0; c < C; c++) if (!use[c]) x[r * C + c] = 0;
  return { ...set, x };
}
