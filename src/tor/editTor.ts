// Edits a TOR. Renaming keeps its status; any change to what it computes sends it back to Draft
// (the last results stay visible but stale until recomputed). A computing TOR cannot be edited.
import { getOfferMap } from '../store/offerMapTable.ts';
import { ConflictError, UserError } from '../domain/errors.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { listOffers } from '../store/offerTable.ts';
import type { Store } from '../store/store.ts';
import { getTor, updateTorDefinition, type TorRecord } from '../store/torTable.ts';
import type { TorSettings } from '../domain/types.ts';
import { checkLimitOffers, checkObjective, MAX_TOR_OFFERS } from './createTor.ts';
import { countAudience } from './audienceForTor.ts';
import { defaultAsOf } from '../snapshot/interactions.ts';
import { isComputing } from './computeTor.ts';
import { torScorers } from './torScorers.ts';
import { selectOffersAuto, type AutoRule } from './selectOffersAuto.ts';

export interface TorPatch {
  name?: string;
  offers?: string[];
  perCustomer?: number;
  /** null = latest data. */
  asOf?: string | null;
  model?: string;
  audience?: string | null;
  objective?: TorSettings['objective'];
  /** Re-select the offers by a rule now (the selection stays automatic); not with `offers`. */
  auto?: { rule: AutoRule; count: number; window: string; type?: string };
  /** Guardrails, limits (a null removes one offer's limit), exclusions, send date. */
  extra?: Partial<TorSettings>;
}

/** `current` with `patch` merged in; a null in the patch removes that offer's limit. */
function mergedLimit<V>(
  current: Record<string, V> | undefined,
  patch: Record<string, V | null> | undefined,
): Record<string, V> | undefined {
  if (!patch) return current;
  const out: Record<string, V> = { ...(current ?? {}) };
  for (const [id, v] of Object.entries(patch)) {
    if (v === null) delete out[id];
    else out[id] = v;
  }
  return out;
}

/** Guardrails and limits in a patch add to the current ones, so one flag or field need not repeat the rest. */
function mergedExtra(current: TorSettings, extra: Partial<TorSettings>): Partial<TorSettings> {
  const out = { ...extra };
  if (extra.guardrails) out.guardrails = { ...(current.guardrails ?? {}), ...extra.guardrails };
  if (extra.limits) {
    const c = current.limits ?? {},
      e = extra.limits;
    out.limits = {
      ...c,
      min: mergedLimit(c.min, e.min),
      max: mergedLimit(c.max, e.max),
      maxAtPriority: mergedLimit(c.maxAtPriority, e.maxAtPriority),
    };
  }
  return out;
}

export async function editTor(store: Store, torId: string, patch: TorPatch): Promise<TorRecord> {
  const t = await getTor(store, torId);
  if (t.status === 'computing' || isComputing(torId)) throw new ConflictError(`TOR ${torId} is computing; edit it when it is done`);
  if (patch.name !== undefined && !patch.name.trim()) throw new UserError('the name cannot be empty');
  const catalogue = await listOffers(store);
  if (patch.offers && patch.auto) throw new UserError('give either offers or an automatic rule, not both');
  if (patch.auto) {
    if (patch.auto.count > MAX_TOR_OFFERS) throw new UserError(`a TOR holds at most ${MAX_TOR_OFFERS} offers (count ${patch.auto.count})`);
    const asOf = patch.asOf !== undefined ? patch.asOf : t.settings.asOf;
    const sendDate = patch.extra?.sendDate !== undefined ? patch.extra.sendDate : (t.settings.sendDate ?? null);
    patch = { ...patch, offers: await selectOffersAuto(store, { ...patch.auto, asOf: asOf ?? null, sendDate: sendDate ?? null }) };
    if (patch.offers!.length === 0) throw new UserError(`auto-selection '${patch.auto!.rule}' found no offers`);
  }
  if (patch.offers) {
    if (patch.offers.length === 0 || patch.offers.length > MAX_TOR_OFFERS)
      throw new UserError(`a TOR holds 1 to ${MAX_TOR_OFFERS} offers; ${patch.offers.length} given`);
    if (new Set(patch.offers).size !== patch.offers.length) throw new UserError('offer ids repeat');
    const known = new Set(catalogue.map((o) => o.offerId));
    const unknown = patch.offers.filter((o) => !known.has(o));
    if (unknown.length) throw new UserError(`unknown offer id(s): ${unknown.join(', ')}`);
  }
  if (patch.asOf) {
    try {
      parseDateArg(patch.asOf);
    } catch (e) {
      throw new UserError(`--as-of: ${(e as Error).message}`);
    }
  }
  if (patch.model !== undefined && !torScorers[patch.model])
    throw new UserError(`unknown model '${patch.model}' (models: ${Object.keys(torScorers).join(', ')})`);
  const settings = {
    ...t.settings,
    ...(patch.perCustomer !== undefined ? { perCustomer: patch.perCustomer } : {}),
    ...(patch.asOf !== undefined ? { asOf: patch.asOf } : {}),
    ...(patch.model !== undefined ? { model: patch.model } : {}),
    ...(patch.audience !== undefined ? { audience: patch.audience } : {}),
    ...(patch.objective !== undefined ? { objective: patch.objective } : {}),
    ...(patch.auto
      ? { selection: { mode: 'auto' as const, rule: patch.auto.rule, count: patch.auto.count, window: patch.auto.window } }
      : patch.offers
        ? { selection: { mode: 'manual' as const } }
        : {}),
    ...mergedExtra(t.settings, patch.extra ?? {}),
  };
  checkLimitOffers(settings, patch.offers ?? t.offers);
  checkObjective(settings, patch.offers ?? t.offers, catalogue);
  if (patch.extra?.offerMap) await getOfferMap(store, patch.extra.offerMap);
  if (patch.audience)
    await countAudience(store, patch.audience, (settings.asOf ? parseDateArg(settings.asOf) : await defaultAsOf(store)) ?? new Date());
  const changesResult = patch.offers !== undefined || JSON.stringify(settings) !== JSON.stringify(t.settings);
  await updateTorDefinition(store, torId, {
    name: patch.name?.trim(),
    offers: patch.offers,
    settings,
    status: changesResult ? 'draft' : t.status,
  });
  return getTor(store, torId);
}
