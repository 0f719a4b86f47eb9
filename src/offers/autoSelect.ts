// Auto-selection of offers for a TOR from their insights (offers/insights.ts). Pure.
// Offers without a defined value for the rule's metric (e.g. no efficiency: no recent buyers) are
// never picked; ties are broken by offer id (ascending, case-sensitive code-point order), so the
// result does not depend on input order.
import type { OfferInsight } from './insights.ts';

export const AUTO_RULES = ['top-revenue', 'top-niche', 'low-velocity', 'top-aov'] as const;
export type AutoRule = (typeof AUTO_RULES)[number];

/** What each rule sorts on and in which direction (+1 = highest first). */
const RULES: Record<AutoRule, { metric: (x: OfferInsight) => number | null; direction: 1 | -1; about: string }> = {
  'top-revenue': { metric: (x) => x.revenue, direction: 1, about: 'highest revenue in the last 30 days' },
  'top-niche': { metric: (x) => x.efficiency, direction: 1, about: 'highest efficiency index (model lift at 10 %)' },
  'low-velocity': { metric: (x) => x.velocity, direction: -1, about: 'revenue down most vs the previous 30 days' },
  'top-aov': { metric: (x) => x.aov, direction: 1, about: 'highest average order value in the last 30 days' },
};

export function isAutoRule(rule: string): rule is AutoRule {
  return (AUTO_RULES as readonly string[]).includes(rule);
}

export function autoRuleDescription(rule: AutoRule): string {
  return RULES[rule].about;
}

/** The `count` offer ids the rule ranks first (fewer when fewer offers have the metric). */
export function offerIdsFromInsights(insights: (OfferInsight & { offerId: string })[], rule: AutoRule, count: number): string[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`auto-selection count must be a whole number ≥ 1 (got ${count})`);
  const { metric, direction } = RULES[rule];
  return insights
    .map((x) => ({ id: x.offerId, v: metric(x) }))
    .filter((e): e is { id: string; v: number } => e.v !== null && Number.isFinite(e.v))
    .sort((a, b) => direction * (b.v - a.v) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, count)
    .map((e) => e.id);
}
