// The fields an audience may name: the computed customer features the service provides as
// columns, plus the store's customer attributes and any model outputs, typed from DuckDB types.
import type { AudienceField, AudienceFieldType } from './audienceTypes.ts';

export const CLV_TIERS = ['low', 'mid', 'high'] as const;

/** Computed features every audience may use (the service computes them as of the TOR's date). */
export const COMPUTED_AUDIENCE_FIELDS: readonly AudienceField[] = [
  { name: 'recency_days', type: 'number' }, // days since the last purchase
  { name: 'frequency', type: 'number' }, // distinct orders
  { name: 'monetary', type: 'number' }, // total net spend
  { name: 'aov', type: 'number' }, // monetary / frequency
  { name: 'tenure_days', type: 'number' }, // days since the first purchase
  { name: 'clv_tier', type: 'string', values: CLV_TIERS },
  { name: 'segment', type: 'string' }, // RFM segment name (vocabulary owned by the segment code)
  { name: 'is_member', type: 'boolean' },
  { name: 'last_purchase_date', type: 'date' },
  // Segment features (src/snapshot/customerFeaturesSql.ts says exactly how each is computed).
  { name: 'purchase_cycle_days', type: 'number' }, // median days between orders
  { name: 'typical_cycle_days', type: 'number' }, // median purchase cycle over all buyers
  { name: 'dormancy_ratio', type: 'number' }, // recency / expected gap; > 1 = overdue
  { name: 'cycle_regularity', type: 'number' }, // 1 − CV of the gaps
  { name: 'season_share', type: 'number' }, // share of orders in the peak 3-month season
  { name: 'season_years', type: 'number' }, // distinct years with an order in the peak season
  { name: 'season_score', type: 'number' }, // z-score of the peak against an even spread
  { name: 'peak_season_month', type: 'number' }, // 1–12: first month of the peak season
  { name: 'months_to_peak', type: 'number' }, // 0 inside the peak season
  { name: 'new_buyer_window_days', type: 'number' }, // p80 of days from first to second order
  { name: 'orders_365d', type: 'number' },
  { name: 'monetary_pct', type: 'number' }, // percent rank 0..1
  { name: 'frequency_pct', type: 'number' },
  { name: 'recency_pct', type: 'number' }, // 1 = most recent
  { name: 'engagement_pct', type: 'number' }, // percent rank of events_30d
  { name: 'events_30d', type: 'number' },
  { name: 'views_30d', type: 'number' },
  { name: 'opens_30d', type: 'number' },
  { name: 'cart_abandons_30d', type: 'number' },
  { name: 'offers_contacted', type: 'number' },
  { name: 'offers_redeemed', type: 'number' },
  { name: 'offer_uptake', type: 'number' }, // redeemed / contacted
];

/** Audience type of a DuckDB column type name, or null when the column cannot be filtered on. */
export function audienceTypeFromDuckType(duckType: string): AudienceFieldType | null {
  const t = duckType.toUpperCase();
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'VARCHAR' || t.startsWith('ENUM')) return 'string';
  if (t === 'DATE' || t.startsWith('TIMESTAMP')) return 'date';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|REAL|DOUBLE|DECIMAL)/.test(t)) return 'number';
  return null;
}

/**
 * Computed features + typed attribute columns (name, DuckDB type) + model outputs (numbers, e.g.
 * churn_risk). A computed feature wins over an attribute of the same name, so it means one thing.
 */
export function audienceFields(
  attributes: readonly { name: string; type: string }[],
  modelOutputs: readonly string[] = [],
): AudienceField[] {
  const out = new Map<string, AudienceField>();
  for (const a of attributes) {
    const type = audienceTypeFromDuckType(a.type);
    if (type) out.set(a.name, { name: a.name, type });
  }
  for (const m of modelOutputs) out.set(m, { name: m, type: 'number' });
  for (const f of COMPUTED_AUDIENCE_FIELDS) out.set(f.name, f);
  return [...out.values()];
}
