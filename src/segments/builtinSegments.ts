// The segments every store starts with. Each is an audience expression (docs/audience.md) over the
// computed customer features, with thresholds relative to the data (percent ranks, the customer's own
// purchase cycle, the store's typical cycle) rather than numbers tuned to one dataset. Users may edit
// them; deleting one resets it to the definition below. docs/segments.md explains each with examples.
export interface SegmentDefinition {
  id: string;
  name: string;
  description: string;
  expression: string;
}

export const BUILTIN_SEGMENTS: readonly SegmentDefinition[] = [
  {
    id: 'high-value-repeaters',
    name: 'High-value repeaters',
    description: 'two or more orders, spend in the top 20% of buyers, and not overdue on their own purchase cycle',
    expression: 'frequency >= 2 and monetary_pct >= 0.8 and dormancy_ratio <= 1',
  },
  {
    id: 'dormant',
    name: 'Dormant',
    description:
      'previously active (two or more orders) and now silent for longer than twice their own purchase cycle, ' +
      'and than twice the gap within which 80% of all repeat orders in the store come',
    expression: 'frequency >= 2 and dormancy_ratio > 1',
  },
  {
    id: 'browsers',
    name: 'Browsers',
    description: 'engagement in the last 30 days (views, opens, carts) in the top quarter, but no more orders than half the buyers',
    expression: 'events_30d > 0 and engagement_pct >= 0.75 and frequency_pct <= 0.5',
  },
  {
    id: 'new-buyers',
    name: 'New buyers',
    description: "first purchase within the window in which 80% of this store's buyers place their second order",
    expression: 'frequency >= 1 and tenure_days <= new_buyer_window_days',
  },
  {
    id: 'seasonal',
    name: 'Seasonal',
    description:
      'orders concentrated in one 3-month season that recurs: at least half of them in it, in two or more years, ' +
      'and more than an even spread explains (z-score ≥ 2.5)',
    expression: 'season_years >= 2 and season_share >= 0.5 and season_score >= 2.5',
  },
];

export const BUILTIN_IDS: ReadonlySet<string> = new Set(BUILTIN_SEGMENTS.map((s) => s.id));
