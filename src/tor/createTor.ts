// Creates a TOR in Draft: validates the offers (≤ 25, known ids) and settings; automatic selection
// resolves the rule to concrete offer ids now, so later data does not silently change the TOR.
import { getOfferMap } from '../store/offerMapTable.ts';
import type { Offer, Tor, TorObjective, TorSettings } from '../domain/types.ts';
import { UserError } from '../domain/errors.ts';
import { listOffers } from '../store/offerTable.ts';
import { insertTor, nextTorId } from '../store/torTable.ts';
import type { Store } from '../store/store.ts';
import { selectOffersAuto, type AutoRule } from './selectOffersAuto.ts';
import { torScorers } from './torScorers.ts';
import { countAudience } from './audienceForTor.ts';
import { defaultAsOf, parseDateArg } from '../snapshot/interactions.ts';

/** The margin objective needs a cost on every offer of the TOR. */
export function checkObjective(settings: TorSettings, offers: string[], catalogue: Offer[]): void {
  if (settings.objective !== 'margin') return;
  const byId = new Map(catalogue.map((o) => [o.offerId, o]));
  const missing = offers.filter((id) => byId.get(id)?.cost == null);
  if (missing.length)
    throw new UserError(
      `objective margin needs a cost on every offer (import offers with a cost column); missing for: ${missing.join(', ')}`,
    );
}

/** Limits may only name the TOR's own offers, and an offer's minimum may not exceed its maximum. */
export function checkLimitOffers(settings: TorSettings, offers: string[]): void {
  const known = new Set(offers);
  const l = settings.limits ?? {};
  for (const id of [...Object.keys(l.min ?? {}), ...Object.keys(l.max ?? {}), ...Object.keys(l.maxAtPriority ?? {})]) {
    if (!known.has(id)) throw new UserError(`a limit names offer '${id}', which is not in this TOR (${offers.join(', ')})`);
  }
  for (const [id, lo] of Object.entries(l.min ?? {})) {
    if (l.max?.[id] !== undefined && lo > l.max[id]) throw new UserError(`offer ${id}: --min ${lo} is above --max ${l.max[id]}`);
  }
}

export const MAX_TOR_OFFERS = 25;

export interface CreateTorInput {
  name: string;
  offers?: string[];
  auto?: { rule: AutoRule; count: number; window: string; type?: string };
  perCustomer: number;
  asOf?: string | null;
  audience?: string | null;
  objective?: TorObjective;
  model?: string;
  /** Guardrails, limits, exclusions, send date (see TorSettings). */
  extra?: Partial<TorSettings>;
}

export async function createTor(store: Store, input: CreateTorInput): Promise<Tor> {
  if (!input.name.trim()) throw new UserError('a TOR needs a non-empty --name');
  if (!Number.isInteger(input.perCustomer) || input.perCustomer < 1 || input.perCustomer > 4) {
    throw new UserError(`--per-customer must be 1 to 4 (got ${input.perCustomer})`);
  }
  if (!!input.offers?.length === !!input.auto) throw new UserError('give either --offer ID… or --auto RULE, not both nor neither');
  let offers: string[];
  if (input.offers?.length) {
    offers = [...new Set(input.offers)];
    if (offers.length !== input.offers.length) throw new UserError(`offer ids repeat: ${input.offers.join(', ')}`);
  } else {
    const { rule, count } = input.auto!;
    if (count < 1) throw new UserError('--count must be at least 1');
    if (count > MAX_TOR_OFFERS) throw new UserError(`a TOR holds at most ${MAX_TOR_OFFERS} offers (--count ${count})`);
    offers = await selectOffersAuto(store, { ...input.auto!, asOf: input.asOf ?? null, sendDate: input.extra?.sendDate ?? null });
    if (offers.length === 0) throw new UserError(`auto-selection '${rule}' found no offers`);
  }
  if (offers.length > MAX_TOR_OFFERS) throw new UserError(`a TOR holds at most ${MAX_TOR_OFFERS} offers; ${offers.length} given`);
  const catalogue = await listOffers(store);
  const known = new Set(catalogue.map((o) => o.offerId));
  const unknown = offers.filter((o) => !known.has(o));
  if (unknown.length) throw new UserError(`unknown offer id(s): ${unknown.join(', ')} (see \`nextbest offers list\`)`);
  const settings: TorSettings = {
    objective: input.objective ?? 'purchase',
    perCustomer: input.perCustomer,
    asOf: input.asOf ?? null,
    audience: input.audience ?? null,
    selection: input.auto
      ? { mode: 'auto', rule: input.auto.rule, count: input.auto.count, window: input.auto.window }
      : { mode: 'manual' },
    model: input.model ?? 'auto',
    ...(input.extra ?? {}),
  };
  if (!torScorers[settings.model]) throw new UserError(`unknown model '${settings.model}' (models: ${Object.keys(torScorers).join(', ')})`);
  checkLimitOffers(settings, offers);
  checkObjective(settings, offers, catalogue);
  if (settings.offerMap) await getOfferMap(store, settings.offerMap);
  if (settings.audience)
    await countAudience(store, settings.audience, (settings.asOf ? parseDateArg(settings.asOf) : await defaultAsOf(store)) ?? new Date());
  return store.transaction(async () => {
    const tor: Tor = {
      torId: await nextTorId(store),
      name: input.name.trim(),
      offers,
      settings,
      status: 'draft',
      error: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    await insertTor(store, tor);
    return tor;
  });
}
