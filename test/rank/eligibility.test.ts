import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_GUARDRAILS, eligibilityFromGuardrails, type EligibilityInput } from '../../src/rank/eligibility.ts';

const DAY = 86_400_000;
const send = Date.UTC(2024, 5, 1);
// 3 customers × 2 offers unless a test says otherwise.
const base = (over: Partial<EligibilityInput> = {}): EligibilityInput => ({
  nCustomers: 3,
  nOffers: 2,
  sendDate: send,
  level: ['all', 'all'],
  validFrom: Float64Array.from([NaN, NaN]),
  validTo: Float64Array.from([NaN, NaN]),
  ...over,
});
const noGuards = { ...DEFAULT_GUARDRAILS, suppressionDays: 0, suppressRedeemed: false };

test('everything eligible by default', () => {
  const e = eligibilityFromGuardrails(base());
  assert.deepEqual([...e.mask], [1, 1, 1, 1, 1, 1]);
  assert.deepEqual([...e.maxOffers], [4, 4, 4]);
  assert.equal(
    Object.values(e.excluded).reduce((a, b) => a + b, 0),
    0,
  );
});

test('offer levels: members only, audience mask, individual list', () => {
  const e = eligibilityFromGuardrails(
    base({
      nOffers: 3,
      level: ['members', 'audience', 'individual'],
      validFrom: new Float64Array(3).fill(NaN),
      validTo: new Float64Array(3).fill(NaN),
      isMember: Uint8Array.from([1, 0, 0]),
      audience: [null, Uint8Array.from([0, 1, 0]), null],
      individual: [null, null, Int32Array.from([2])],
    }),
  );
  assert.deepEqual([...e.mask], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  assert.equal(e.excluded.level, 6);
  assert.throws(() => eligibilityFromGuardrails(base({ level: ['members', 'all'] })), /membership column/);
});

test('validity dates are inclusive and compared with the send date', () => {
  const e = eligibilityFromGuardrails(base({ validFrom: Float64Array.from([send, send + DAY]), validTo: Float64Array.from([send, NaN]) }));
  assert.deepEqual([...e.mask], [1, 0, 1, 0, 1, 0]);
  assert.equal(e.excluded.validity, 3);
});

test('suppression: recently contacted offers and redeemed offers; future rows ignored', () => {
  const e = eligibilityFromGuardrails(
    base({
      contacts: {
        customer: Int32Array.from([0, 1, 2]),
        offer: Int32Array.from([0, 0, 1]),
        sentAt: Float64Array.from([send - 10 * DAY, send - 40 * DAY, send + DAY]),
      },
      responses: {
        customer: Int32Array.from([2, 1]),
        offer: Int32Array.from([0, 1]),
        redeemedAt: Float64Array.from([send - 400 * DAY, send + DAY]),
      },
    }),
    { ...DEFAULT_GUARDRAILS, suppressionDays: 30 },
  );
  assert.deepEqual([...e.mask], [0, 1, 1, 1, 0, 1]);
  assert.equal(e.excluded.suppressed, 1);
  assert.equal(e.excluded.redeemed, 1);
  const off = eligibilityFromGuardrails(
    base({
      responses: { customer: Int32Array.from([2]), offer: Int32Array.from([0]), redeemedAt: Float64Array.from([send - DAY]) },
    }),
    noGuards,
  );
  assert.equal(off.mask[4], 1, 'redeemed rule off');
});

test('frequency cap counts offers (or sends) in the window and lowers the per-customer maximum', () => {
  const contacts = {
    // customer 0: 3 offers in one send 5 days ago; customer 1: 1 offer 50 days ago
    customer: Int32Array.from([0, 0, 0, 1]),
    offer: Int32Array.from([0, 1, 0, 0]),
    sentAt: Float64Array.from([send - 5 * DAY, send - 5 * DAY, send - 5 * DAY, send - 50 * DAY]),
  };
  const byOffers = eligibilityFromGuardrails(base({ contacts }), { ...noGuards, maxContacts: 4, capWindowDays: 30, capUnit: 'offers' });
  assert.deepEqual([...byOffers.maxOffers], [1, 4, 4]);
  assert.equal(byOffers.capped, 1);
  assert.equal(byOffers.blocked, 0);
  const bySends = eligibilityFromGuardrails(base({ contacts }), { ...noGuards, maxContacts: 1, capWindowDays: 30, capUnit: 'sends' });
  assert.deepEqual([...bySends.maxOffers], [0, 4, 4]);
  assert.equal(bySends.blocked, 1);
});

test('exclusion lists; each pair is counted once under its first rule', () => {
  const e = eligibilityFromGuardrails(
    base({
      validTo: Float64Array.from([NaN, send - DAY]),
      excludedCustomers: Int32Array.from([1]),
      excludedPairs: { customer: Int32Array.from([2, 2]), offer: Int32Array.from([0, 1]) },
    }),
    noGuards,
  );
  assert.deepEqual([...e.mask], [1, 0, 0, 0, 0, 0]);
  assert.deepEqual(e.excluded, { excludedCustomer: 2, level: 0, validity: 2, excludedPair: 1, redeemed: 0, suppressed: 0 });
});
