// Base for models that score every item for a user: subclasses supply `fitState` and `scoreBatch`
// (users × nItems, row-major); this class supplies scoreItems, recommend and the seen-items state.
import type { InteractionLog, Recommender, TopN } from './recommender.ts';
import { logClampedToAsOf } from './logClampedToAsOf.ts';
import { seenAsLog, seenItemsFromLog, type SeenItems } from './seenItems.ts';
import { selectColumns, topNFromScores } from './topNFromScores.ts';

export abstract class ScoredRecommender implements Recommender {
  abstract readonly name: string;
  /** Model family, checked by load(); `name` may differ between configured instances. */
  abstract readonly kind: string;
  protected seen: SeenItems | null = null;

  async fit(log: InteractionLog, say?: (line: string) => void): Promise<void> {
    await this.fitState(log, say);
    this.seen = seenItemsFromLog(log);
  }

  /**
   * Rebuilds what depends on the customers' purchase rows — seen items and the subclass's per-entry
   * state (`historyState`) — from `log`, keeping what was learned (neighbours, factors, weights).
   * This is how a purchase reaches a customer's scores without refitting (real-time ingestion).
   */
  setHistory(log: InteractionLog): void {
    this.seen = seenItemsFromLog(log);
    this.historyState(logClampedToAsOf(log));
  }

  /** Per-entry state derived from the purchase rows alone (none by default: scores read `seen`). */
  protected historyState(_log: InteractionLog): void {}

  /** A user's new purchases, without refitting (`log` holds the full history): see setHistory. */
  foldIn(log: InteractionLog, _user: number): void {
    this.setHistory(log);
  }

  /** foldIn for many users: one O(nnz) rebuild. */
  foldInUsers(log: InteractionLog, _users: ArrayLike<number>): void {
    this.setHistory(log);
  }

  /** `say`: progress lines for fits that can take long (fitProgress: quiet for the first 2 s). */
  protected abstract fitState(log: InteractionLog, say?: (line: string) => void): Promise<void>;
  /** Scores of `users` × all items, row-major. Users outside the log get the model's cold-start row. */
  protected abstract scoreBatch(users: Int32Array): Promise<Float32Array>;
  abstract explain(user: number, item: number): string;
  protected abstract saveState(): Record<string, unknown>;
  protected abstract loadState(state: Record<string, unknown>): void;

  protected get fitted(): SeenItems {
    if (!this.seen) throw new Error(`${this.name}: fit() or load() first`);
    return this.seen;
  }

  async scoreItems(users: Int32Array, items?: Int32Array): Promise<Float32Array> {
    const s = this.fitted;
    return selectColumns(await this.scoreBatch(users), users.length, s.nItems, items);
  }

  async recommend(users: Int32Array, k: number, opts: { excludeSeen?: boolean } = {}): Promise<TopN> {
    return topNFromScores(seenAsLog(this.fitted), users, k, opts.excludeSeen ?? false, (b) => this.scoreBatch(b));
  }

  save(): Record<string, unknown> {
    return { kind: this.kind, seen: this.fitted, ...this.saveState() };
  }

  load(state: Record<string, unknown>): void {
    if (state.kind !== this.kind) throw new Error(`state of a '${String(state.kind)}' model loaded into '${this.kind}'`);
    this.seen = state.seen as SeenItems;
    this.loadState(state);
  }
}
