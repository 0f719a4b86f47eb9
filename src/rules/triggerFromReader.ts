// The `when:` of a rule: exactly one trigger kind, each with its own keys and defaults
// (docs/rules.md lists them). Problems go to the reader's list; null when the trigger is unusable.
import { isMap, isScalar, isSeq } from 'yaml';
import type { FieldReader } from './fieldReader.ts';
import { problemAt } from './fieldReader.ts';
import type { RuleScope, Trigger, TriggerKind } from './ruleTypes.ts';

export const TRIGGER_KINDS: readonly TriggerKind[] = ['bought', 'cart_abandoned', 'lapsed', 'no_purchase_days', 'first_purchase', 'event'];

/** Event types that count as putting something in the cart: the API's documented name and the generator's. */
export const CART_EVENT_TYPES = ['add_to_cart', 'cart_add', 'cart_abandon'];

const KEYS: Record<TriggerKind, readonly string[]> = {
  bought: ['scope', 'min_orders', 'within_days'],
  cart_abandoned: ['no_purchase_within_days', 'within_days', 'event_types'],
  lapsed: ['cycle_multiple', 'min_orders'],
  no_purchase_days: ['days', 'min_orders'],
  first_purchase: ['within_days'],
  event: ['type', 'min_count', 'within_days', 'scope'],
};

const DAYS = { min: 0, max: 36_500 };
const COUNT = { min: 1, max: 1_000_000, int: true };

/** `family=candles` or `{family: candles}` (an attribute value), `offer` (the offer's own scope), a product id, or a list of ids. */
export function scopeFrom(r: FieldReader, key: string): RuleScope | null {
  const v = r.value(key);
  if (isMap(v)) {
    const [pair] = v.items;
    if (v.items.length === 1 && isScalar(pair.key) && isScalar(pair.value) && pair.value.value !== null) {
      return { kind: 'attribute', attribute: String(pair.key.value), value: String(pair.value.value) };
    }
    r.problem(key, 'a scope mapping names one attribute and its value, e.g. {family: candles}');
    return null;
  }
  if (isSeq(v)) {
    const ids = r.strList(key);
    return ids ? { kind: 'products', productIds: ids } : null;
  }
  if (!isScalar(v) || v.value === null) {
    r.problem(key, "expected 'attribute=value', 'offer', a product id or a list of product ids");
    return null;
  }
  const s = String(v.value).trim();
  if (s === 'offer') return { kind: 'offer' };
  const eq = s.indexOf('=');
  if (eq < 0) return { kind: 'products', productIds: [s] };
  const attribute = s.slice(0, eq).trim();
  const value = s.slice(eq + 1).trim();
  if (!attribute || !value) {
    r.problem(key, `'${s}': write attribute=value, e.g. family=candles`);
    return null;
  }
  return { kind: 'attribute', attribute, value };
}

export function triggerFrom(when: FieldReader): Trigger | null {
  const kinds = when.keys();
  if (kinds.length !== 1) {
    const reason = kinds.length ? `give exactly one trigger (got ${kinds.join(', ')})` : `give one trigger: ${TRIGGER_KINDS.join(', ')}`;
    problemAt(when.w, when.node, when.path, reason);
    return null;
  }
  const kind = kinds[0] as TriggerKind;
  const t = when.map(kind, KEYS[kind]);
  if (!t) return null;
  switch (kind) {
    case 'bought':
      return {
        kind,
        scope: t.has('scope') ? (scopeFrom(t, 'scope') ?? { kind: 'offer' }) : { kind: 'offer' },
        minOrders: t.num('min_orders', 1, COUNT)!,
        withinDays: t.num('within_days', null, DAYS),
      };
    case 'cart_abandoned':
      return {
        kind,
        noPurchaseWithinDays: t.num('no_purchase_within_days', 0, { ...DAYS, required: 'days without a purchase after the cart event' })!,
        withinDays: t.num('within_days', 30, DAYS)!,
        eventTypes: t.strList('event_types') ?? CART_EVENT_TYPES,
      };
    case 'lapsed':
      return {
        kind,
        cycleMultiple: t.num('cycle_multiple', 1, { min: 0.01, max: 1000, required: "multiple of the customer's usual gap, e.g. 1.5" })!,
        minOrders: t.num('min_orders', 2, { ...COUNT, min: 2 })!,
      };
    case 'no_purchase_days':
      return {
        kind,
        days: t.num('days', 0, { ...DAYS, required: 'days since the last purchase' })!,
        minOrders: t.num('min_orders', 1, COUNT)!,
      };
    case 'first_purchase':
      return { kind, withinDays: t.num('within_days', 0, { ...DAYS, required: 'days since the first purchase' })! };
    case 'event': {
      const types = t.strList('type');
      if (!types && !t.has('type')) t.missing('type', "the event type(s), e.g. 'view'");
      return {
        kind,
        types: types ?? [],
        minCount: t.num('min_count', 1, COUNT)!,
        withinDays: t.num('within_days', null, DAYS),
        scope: t.has('scope') ? scopeFrom(t, 'scope') : null,
      };
    }
  }
}
