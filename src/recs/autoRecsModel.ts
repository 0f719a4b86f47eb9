// Resolves `--model auto` for product recommendations: the backtest choice (backtest/recsAutoChoice)
// on the store's purchase lines before the as-of date, remembered in meta `auto:recs:<variant>` with
// the lines it was made on, so recommend, the server's model and ingest agree and do not choose again
// until the history changes.
import { recsAutoChoice, type RecsAutoChoice } from '../backtest/recsAutoChoice.ts';
import type { PurchaseLines } from '../models/interactionLogFromLines.ts';
import { AUTO_BASELINE, modelRegistry } from '../models/registry.ts';
import { getMeta, setMeta } from '../store/meta.ts';
import type { Store } from '../store/store.ts';

export type RecsVariant = 'all' | 'new';
interface Saved {
  asOf: number;
  fingerprint: { lines: number; maxTs: number };
  choice: RecsAutoChoice;
}

export const autoMetaKey = (variant: RecsVariant) => `auto:recs:${variant}`;

/** The last auto choice for a variant (for `models show auto`, the API and the dashboard). */
export async function savedAutoChoice(store: Store, variant: RecsVariant): Promise<RecsAutoChoice | null> {
  return (await getMeta<Saved>(store, autoMetaKey(variant)))?.choice ?? null;
}

export async function autoRecsModel(
  store: Store,
  lines: PurchaseLines,
  asOf: number,
  fingerprint: Saved['fingerprint'],
  variant: RecsVariant,
  log: (s: string) => void,
  progress?: (fraction: number, stage: string) => void,
): Promise<RecsAutoChoice> {
  const saved = await getMeta<Saved>(store, autoMetaKey(variant));
  if (
    saved &&
    saved.asOf === asOf &&
    saved.fingerprint.lines === fingerprint.lines &&
    saved.fingerprint.maxTs === fingerprint.maxTs &&
    saved.choice.chosen in modelRegistry
  ) {
    log(`auto: ${saved.choice.chosen} (chosen by backtest on ${saved.choice.validationFrom} – ${saved.choice.validationTo})`);
    return saved.choice;
  }
  log(`auto: choosing the model by backtest on this store's history (${variant === 'all' ? 'all items' : 'new items'})…`);
  const choice = await recsAutoChoice(lines, asOf, {
    variant,
    candidates: Object.entries(modelRegistry),
    baseline: AUTO_BASELINE[variant],
    log,
    progress,
  });
  const best = choice.rows.find((r) => r.model === choice.chosen && r.stage === 'validation');
  log(
    `auto: chose ${choice.chosen}${best ? ` (NDCG@${choice.k} ${best.ndcg.toFixed(4)}` : ''}` +
      `${best && choice.baseline ? ` vs ${choice.baseline.model} ${choice.baseline.ndcg.toFixed(4)})` : best ? ')' : ''}` +
      ` in ${choice.seconds.toFixed(1)} s`,
  );
  await setMeta(store, autoMetaKey(variant), { asOf, fingerprint, choice } satisfies Saved);
  return choice;
}
