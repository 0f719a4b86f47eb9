// Rule files: defaults, and every mistake reported at its line and column with the field and reason,
// in YAML and in JSON; store checks (unknown offer, attribute, product, audience) at their lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../src/domain/errors.ts';
import { checkedRuleSet, checkRuleSet } from '../../src/rules/checkRuleSet.ts';
import { ruleSetFromSource } from '../../src/rules/ruleSetFromSource.ts';
import { rulesStore } from './rulesFixture.ts';

const candlesScope = { kind: 'attribute', attribute: 'family', value: 'candles' };

function problems(text: string, file = 'r.yaml'): string[] {
  try {
    ruleSetFromSource(text, file);
  } catch (e) {
    assert.ok(e instanceof InputError, String(e));
    return (e as Error).message.split('\n').slice(1);
  }
  assert.fail('expected an InputError');
}

test('a valid YAML file: triggers with their defaults and guardrails', () => {
  const set = ruleSetFromSource(
    `# comment
rules:
  - id: candle-fans
    offer: OC
    when:
      bought: {scope: family=candles, min_orders: 2, within_days: 30}
    cooldown_days: 14
    max_firings: 3
    frequency_cap: {max: 2, days: 7}
  - id: cart
    offer: OC
    when: {cart_abandoned: {no_purchase_within_days: 2}}
    valid_to: 2021-12-31
`,
    'r.yaml',
  );
  assert.equal(set.rules.length, 2);
  const [a, b] = set.rules;
  assert.deepEqual(a.trigger, { kind: 'bought', scope: candlesScope, minOrders: 2, withinDays: 30 });
  assert.equal(a.cooldownDays, 14);
  assert.equal(a.maxFirings, 3);
  assert.deepEqual(a.frequencyCap, { max: 2, days: 7 });
  assert.deepEqual(a.at.offer, { line: 4, col: 12 });
  const cartTypes = ['add_to_cart', 'cart_add', 'cart_abandon'];
  assert.deepEqual(b.trigger, { kind: 'cart_abandoned', noPurchaseWithinDays: 2, withinDays: 30, eventTypes: cartTypes });
  assert.equal(b.enabled, true);
  assert.equal(b.validTo?.toISOString(), '2021-12-31T00:00:00.000Z');
});

test('YAML mistakes: each at its line and column, naming the field and the reason', () => {
  const text = `rules:
  - id: a
    offr: X
    when: {bought: {min_orders: 0}}
  - id: a
    offer: OC
    when: {lapsed: {cycle_multiple: 1.5}, bought: {}}
  - 3
  - id: b
    offer: OC
    when: {event: {min_count: 2}}
    cooldown_days: soon
`;
  assert.deepEqual(problems(text), [
    'r.yaml:2:5: field rules[0].offer: required: the offer_id the rule fires',
    "r.yaml:3:5: field rules[0].offr: unknown key 'offr'; allowed here: id, offer, offer_id, description, when, audience, cooldown_days, " +
      'max_firings, suppress_days, frequency_cap, valid_from, valid_to, enabled, control_pct, control_seed',
    'r.yaml:4:33: field rules[0].when.bought.min_orders: expected a whole number >= 1 and <= 1000000 (got 0)',
    'r.yaml:7:11: field rules[1].when: give exactly one trigger (got lapsed, bought)',
    'r.yaml:8:5: field rules[2]: expected a rule: a mapping with id, offer and when',
    "r.yaml:11:19: field rules[3].when.event.type: required: the event type(s), e.g. 'view'",
    'r.yaml:12:20: field rules[3].cooldown_days: expected a number >= 0 and <= 36500 (got "soon")',
  ]);
});

test('YAML syntax errors and duplicate keys and ids', () => {
  assert.match(problems('rules:\n  - id: a\n    id: b\n')[0], /^r\.yaml:3:5: Map keys must be unique/);
  assert.match(problems('rules: [\n')[0], /^r\.yaml:\d+:\d+: /);
  const one = '  - {id: a, offer: OC, when: {lapsed: {cycle_multiple: 2}}}\n';
  const dup = `rules:\n${one}${one}`;
  assert.deepEqual(problems(dup), ["r.yaml:3:5: field rules[1].id: duplicate rule id 'a' (first at line 2)"]);
  assert.deepEqual(problems('rules: []\n'), ['r.yaml:1:8: field rules: the list is empty: give at least one rule']);
  assert.deepEqual(problems('rule:\n  - {id: a}\n'), [
    "r.yaml:1:1: field rule: unknown key 'rule'; allowed here: rules, description",
    'r.yaml:1:1: field rules: required: the list of rules',
  ]);
});

test('JSON files: syntax errors at their line and column, then the same field checks', () => {
  const broken = '{\n  "rules": [\n    {"id": "a", "offer": "OC", "when": {"lapsed": {"cycle_multiple": 2}}},\n  ]\n}\n';
  assert.deepEqual(problems(broken, 'r.json'), ["r.json:4:3: not valid JSON: expected a value, found ']'"]);
  assert.deepEqual(problems('{"rules": [{"id": "a", "offer": "OC",\n  "when": {"lapsed": {"cycle_multiple": "x"}}}]}', 'r.json'), [
    'r.json:2:41: field rules[0].when.lapsed.cycle_multiple: expected a number >= 0.01 and <= 1000 (got "x")',
  ]);
  const ok = ruleSetFromSource('{"rules": [{"id": "a", "offer_id": "OC", "when": {"first_purchase": {"within_days": 7}}}]}', 'inline');
  assert.deepEqual(ok.rules[0].trigger, { kind: 'first_purchase', withinDays: 7 });
  assert.equal(ok.rules[0].offer, 'OC', 'offer_id is another name for offer');
  const mapScope = ruleSetFromSource('rules:\n  - {id: a, offer: OC, when: {bought: {scope: {family: candles}}}}\n', 'r.yaml');
  assert.deepEqual(mapScope.rules[0].trigger, { kind: 'bought', scope: candlesScope, minOrders: 1, withinDays: null });
});

test('store checks: unknown offer, scope attribute, products and a bad audience, at their lines', async () => {
  const s = await rulesStore();
  try {
    const set = ruleSetFromSource(
      `rules:
  - id: a
    offer: NOPE
    when: {bought: {scope: colour=red}}
    audience: "frequncy >= 2"
  - id: b
    offer: OM
    when: {event: {type: view, scope: [p1, zz]}}
`,
      'r.yaml',
    );
    await assert.rejects(checkRuleSet(s, set), (e: Error) => {
      assert.ok(e instanceof InputError);
      const lines = e.message.split('\n');
      assert.match(lines[0], /^4 problem\(s\) in the rule file; nothing was stored$/);
      assert.match(lines[1], /^r\.yaml:3:12: field rules\[0\]\.offer: unknown offer 'NOPE' \(known: OC, OM\)$/);
      assert.match(lines[2], /^r\.yaml:4:11: field rules\[0\]\.when\.bought\.scope: products have no attribute 'colour'/);
      assert.match(lines[3], /^r\.yaml:5:15: field rules\[0\]\.audience: unknown field 'frequncy' at column 1; did you mean frequency\?/);
      assert.match(lines[4], /^r\.yaml:8:11: field rules\[1\]\.when\.event\.scope: unknown product\(s\): zz$/);
      return true;
    });
  } finally {
    s.close();
  }
});

test('structure and store problems are reported together', async () => {
  const s = await rulesStore();
  try {
    const text = 'rules:\n  - id: a\n    offer: NOPE\n    when: {lapsed: {cycle_multiple: 2}}\n    max_firings: 0\n';
    await assert.rejects(checkedRuleSet(s, text, 'r.yaml'), (e: Error) => {
      assert.deepEqual(e.message.split('\n').slice(1), [
        "r.yaml:3:12: field rules[0].offer: unknown offer 'NOPE' (known: OC, OM)",
        'r.yaml:5:18: field rules[0].max_firings: expected a whole number >= 1 and <= 1000000 (got 0)',
      ]);
      return true;
    });
  } finally {
    s.close();
  }
});
