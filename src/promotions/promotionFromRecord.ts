// One record of a promotions file (CSV row or JSON object) → a Promotion, or the problems of each
// field. Pure: the caller supplies the file name, the record's line and the product attributes.
import type { RowProblem } from '../domain/errors.ts';
import type { OfferLevel, OfferScope } from '../domain/types.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { PROMOTION_LEVELS, PROMOTION_MECHANISMS, type Promotion, type PromotionMechanism } from './promotion.ts';

export const PROMOTION_FIELDS = [
  'promotion_id',
  'name',
  'scope_attribute',
  'scope_value',
  'products',
  'mechanism',
  'value',
  'valid_from',
  'valid_to',
  'channel',
  'level',
  'audience',
  'customer_ids',
  'cost',
  'point_cost',
  'redemption_cost',
  'stock',
  'budget',
] as const;

export interface RecordContext {
  file: string;
  line: number;
  /** Product columns a scope attribute may name. */
  attributes: ReadonlySet<string>;
}

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = v instanceof Date ? v.toISOString().slice(0, 19).replace('T', ' ') : String(v).trim();
  return s === '' ? null : s;
};
/** A list field: a JSON array, or text separated by '|' or ';'. */
const list = (v: unknown): string[] | null => {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  const s = text(v);
  return s === null
    ? null
    : s
        .split(/[|;]/)
        .map((x) => x.trim())
        .filter(Boolean);
};

export function promotionFromRecord(
  rec: Record<string, unknown>,
  ctx: RecordContext,
): { promotion: Promotion | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const bad = (column: string, reason: string) => {
    problems.push({ file: ctx.file, line: ctx.line, column, reason });
  };
  const num = (field: string, ok: (x: number) => boolean, rule: string): number | null => {
    const s = text(rec[field]);
    if (s === null) return null;
    const x = Number(s);
    if (!Number.isFinite(x) || !ok(x)) {
      bad(field, `'${s}' is not ${rule}`);
      return null;
    }
    return x;
  };
  const date = (field: string): Date | null => {
    const s = text(rec[field]);
    if (s === null) return null;
    try {
      return parseDateArg(s);
    } catch {
      bad(field, `'${s}' is not a date (use YYYY-MM-DD or YYYY-MM-DD HH:MM)`);
      return null;
    }
  };
  const id = text(rec.promotion_id);
  if (id === null) bad('promotion_id', 'missing: every promotion needs an id');
  const mechText = text(rec.mechanism);
  let mechanism: PromotionMechanism | null = null;
  if (mechText === null) bad('mechanism', `missing (one of ${PROMOTION_MECHANISMS.join(', ')})`);
  else if (!(PROMOTION_MECHANISMS as readonly string[]).includes(mechText)) {
    bad('mechanism', `'${mechText}' is not one of ${PROMOTION_MECHANISMS.join(', ')}`);
  } else mechanism = mechText as PromotionMechanism;
  const value = mechanism ? mechanismValue(mechanism, rec, bad) : null;
  const scope = scopeOf(rec, ctx, bad);
  const validFrom = date('valid_from'),
    validTo = date('valid_to');
  if (validFrom && validTo && validTo < validFrom) bad('valid_to', 'is before valid_from');
  const levelText = text(rec.level) ?? 'all';
  if (!PROMOTION_LEVELS.includes(levelText as OfferLevel)) bad('level', `'${levelText}' is not one of ${PROMOTION_LEVELS.join(', ')}`);
  const audience = text(rec.audience),
    customerIds = list(rec.customer_ids);
  if (levelText === 'audience' && !audience) bad('audience', "missing: level 'audience' needs an audience expression");
  if (levelText === 'individual' && !customerIds?.length) bad('customer_ids', "missing: level 'individual' needs customer ids");
  const cost = num('cost', (x) => x >= 0 && x <= 1, 'a cost share between 0 and 1');
  const pointCost = num('point_cost', (x) => x >= 0, 'a cost ≥ 0');
  const redemptionCost = num('redemption_cost', (x) => x >= 0, 'a cost ≥ 0');
  const stock = num('stock', (x) => Number.isInteger(x) && x >= 0, 'a whole number ≥ 0');
  const budget = num('budget', (x) => x >= 0, 'an amount ≥ 0');
  if (problems.length || !id || !mechanism || !scope) return { promotion: null, problems };
  return {
    promotion: {
      promotionId: id,
      name: text(rec.name) ?? id,
      scope,
      mechanism,
      value,
      validFrom,
      validTo,
      channel: text(rec.channel) ?? 'all',
      level: levelText as OfferLevel,
      audience,
      customerIds,
      cost,
      pointCost,
      redemptionCost,
      stock,
      budget,
      source: 'import',
    },
    problems,
  };
}

const VALUE_RULES: Record<PromotionMechanism, [(x: number) => boolean, string] | null> = {
  percent_off: [(x) => x > 0 && x <= 100, 'a percent in (0, 100]'],
  amount_off: [(x) => x > 0, 'an amount > 0'],
  bundle: [(x) => x > 0, 'an amount > 0 (money off the bundle)'],
  points: [(x) => x > 1, 'a points multiplier > 1 (2 = double points)'],
  free_shipping: [(x) => x >= 0, 'a shipping cost ≥ 0'],
  bogo: null, // one free unit: no value
};

/** Why `value` does not suit the mechanism (see Promotion.value), or null when it does. */
export function mechanismValueProblem(m: PromotionMechanism, value: number | null): string | null {
  const rule = VALUE_RULES[m];
  if (!rule) return null;
  if (value === null) return `missing: ${m} needs ${rule[1]}`;
  return rule[0](value) ? null : `${value} is not ${rule[1]}`;
}

function mechanismValue(m: PromotionMechanism, rec: Record<string, unknown>, bad: (c: string, r: string) => void): number | null {
  const s = text(rec.value);
  const x = s === null ? null : Number(s);
  if (x !== null && !Number.isFinite(x)) {
    bad('value', `'${s}' is not a number`);
    return null;
  }
  const why = mechanismValueProblem(m, x);
  if (why) {
    bad('value', s === null ? why : `'${s}' is not ${VALUE_RULES[m]![1]}`);
    return null;
  }
  return x;
}

function scopeOf(rec: Record<string, unknown>, ctx: RecordContext, bad: (c: string, r: string) => void): OfferScope | null {
  const attribute = text(rec.scope_attribute),
    value = text(rec.scope_value),
    products = list(rec.products);
  if (attribute && products?.length) {
    bad('products', 'give either scope_attribute + scope_value or products, not both');
    return null;
  }
  if (products?.length) return { kind: 'products', productIds: products };
  if (!attribute) {
    bad('scope_attribute', 'missing: give scope_attribute + scope_value (e.g. family, candles) or products');
    return null;
  }
  if (!ctx.attributes.has(attribute)) {
    bad('scope_attribute', `'${attribute}' is not a product column (columns: ${[...ctx.attributes].join(', ') || 'none'})`);
    return null;
  }
  if (!value) {
    bad('scope_value', `missing: which ${attribute} the promotion covers`);
    return null;
  }
  return { kind: 'attribute', attribute, value };
}
