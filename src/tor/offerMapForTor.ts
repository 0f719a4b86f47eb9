// Compiles a stored segment → offer map for one TOR compute: which rule governs each audience row
// (the first rule, in the map's order, whose segment holds the customer as of the TOR's date), the
// value tier of each row for the map's intensity caps, and per-offer arrays for rank/offerMapLayer.
import type { Offer } from '../domain/types.ts';
import type { OfferMap } from '../offerMaps/offerMapSchema.ts';
import type { CompiledMapRule, IntensityCap, OfferMapLayerInput } from '../rank/offerMapLayer.ts';
import { segmentMembersFromStore } from '../segments/segmentMembersFromStore.ts';
import { getOfferMap } from '../store/offerMapTable.ts';
import type { Store } from '../store/store.ts';
import { audienceRelation } from '../segments/audienceRelation.ts';
import { isoLocal } from '../snapshot/interactions.ts';

export interface TorOfferMap {
  map: OfferMap;
  input: OfferMapLayerInput;
  /** Per rule: its segment-specific message template, if any. */
  ruleMessages: (string | null)[];
}

const TIERS = ['low', 'mid', 'high'] as const;

export async function offerMapForTor(
  store: Store,
  mapId: string,
  offers: Offer[],
  customerIds: string[],
  audience: Int32Array,
  asOf: Date,
): Promise<TorOfferMap> {
  const { map } = await getOfferMap(store, mapId);
  const m = offers.length,
    n = audience.length;
  const offerIndex = new Map(offers.map((o, i) => [o.offerId, i]));
  // offers the map names but this TOR does not hold are simply not in play
  const perOffer = (ids: string[] | undefined) => {
    const v = new Uint8Array(m);
    for (const id of ids ?? []) {
      const o = offerIndex.get(id);
      if (o !== undefined) v[o] = 1;
    }
    return v;
  };
  const rules: CompiledMapRule[] = map.rules.map((r) => {
    const boost = new Float64Array(m).fill(1);
    for (const [id, f] of Object.entries(r.boost ?? {})) {
      const o = offerIndex.get(id);
      if (o !== undefined) boost[o] = f;
    }
    return {
      segment: r.segment,
      allow: r.allow ? perOffer(r.allow) : null,
      forbid: perOffer(r.forbid),
      boost,
      maxValue: r.max_value ?? Infinity,
      maxCost: r.max_cost ?? Infinity,
    };
  });
  const members = await segmentMembersFromStore(store, asOf, [...new Set(map.rules.map((r) => r.segment))]);
  const ruleOfRow = new Int32Array(n).fill(-1);
  for (let r = 0; r < n; r++) {
    const id = customerIds[audience[r]];
    ruleOfRow[r] = map.rules.findIndex((rule) => members.get(rule.segment)?.has(id));
  }
  const tierOfRow = new Int32Array(n).fill(-1);
  // one index per capped tier; every customer's tier in one read of the features (not one per tier)
  const capped = TIERS.filter((t) => map.intensity?.[t]);
  const tierCaps: IntensityCap[] = capped.map((t) => ({
    maxValue: map.intensity![t]!.max_value ?? Infinity,
    maxCost: map.intensity![t]!.max_cost ?? Infinity,
  }));
  if (capped.length) {
    const rowOfId = new Map<string, number>();
    audience.forEach((c, r) => rowOfId.set(customerIds[c], r));
    const f = await audienceRelation(store, null);
    const tiers = await store.columns(
      `SELECT f.customer_id, f.clv_tier FROM ${f.from}`,
      { customer_id: 'str', clv_tier: 'str' },
      Array(f.nParams).fill(isoLocal(asOf)),
    );
    tiers.customer_id.forEach((id, k) => {
      const r = rowOfId.get(id),
        t = capped.indexOf(tiers.clv_tier[k] as (typeof TIERS)[number]);
      if (r !== undefined && t >= 0) tierOfRow[r] = t;
    });
  }
  const input: OfferMapLayerInput = {
    nRows: n,
    nOffers: m,
    ruleOfRow,
    rules,
    tierOfRow,
    tierCaps,
    offerValue: Float64Array.from(offers, (o) => o.value ?? NaN),
    offerCost: Float64Array.from(offers, (o) => o.cost ?? NaN),
  };
  return { map, input, ruleMessages: map.rules.map((r) => r.message ?? null) };
}
