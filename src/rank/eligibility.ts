// Eligibility and guardrails of a TOR, pure over arrays: which (customer, offer) pairs may be
// assigned and how many offers each customer may still receive. Customers and offers are dense
// indices; times are wall-clock epoch ms. The mask is customers × offers, row-major.
// Each excluded pair is counted once, under the first rule that removes it, in this order:
// customer exclusion list, offer level, offer validity, pair exclusion list, already redeemed,
// contacted recently. Frequency caps lower the per-customer maximum instead of removing pairs.
import type { OfferLevel } from '../domain/types.ts';
import { DAY } from '../math/day.ts';

export interface GuardrailConfig {
  /** Offers per customer wanted by the TOR (K). */
  perCustomer: number;
  /** Do not re-send an offer contacted to the customer within this many days before the send date; 0 = off. */
  suppressionDays: number;
  /** Never send an offer the customer already redeemed (before the send date). */
  suppressRedeemed: boolean;
  /** Frequency cap: at most this many contacts per customer in the window (including this TOR); null = no cap. */
  maxContacts: number | null;
  /** Length of the frequency-cap window in days before the send date. */
  capWindowDays: number;
  /** 'offers': every offer sent counts as one contact; 'sends': one per distinct send time (one message may carry several offers). */
  capUnit: 'offers' | 'sends';
}

export const DEFAULT_GUARDRAILS: GuardrailConfig = {
  perCustomer: 4, // four offers per customer, the usual TOR size
  suppressionDays: 30, // one month between two sends of the same offer
  suppressRedeemed: true, // an offer is a one-time incentive
  maxContacts: null, // no frequency cap unless the user sets one
  capWindowDays: 30, // a cap, when set, counts the last month
  capUnit: 'offers', // count offers received, the unit of fatigue in an offer-heavy channel
};

export interface EligibilityInput {
  nCustomers: number;
  nOffers: number;
  /** The TOR's send date, epoch ms. */
  sendDate: number;
  /** Per offer: level and validity (NaN = open-ended). Validity is inclusive: validFrom ≤ send date ≤ validTo. */
  level: readonly OfferLevel[];
  validFrom: Float64Array;
  validTo: Float64Array;
  /** Per customer: 1 if a loyalty member (level 'members'). */
  isMember?: Uint8Array;
  /** Per offer with level 'audience': customer mask of its audience. */
  audience?: readonly (Uint8Array | null)[];
  /** Per offer with level 'individual': the customers it was made for. */
  individual?: readonly (Int32Array | null)[];
  /** Past contacts and redemptions (rows at or after the send date are ignored). */
  contacts?: { customer: Int32Array; offer: Int32Array; sentAt: Float64Array };
  responses?: { customer: Int32Array; offer: Int32Array; redeemedAt: Float64Array };
  /** Exclusion lists: whole customers, and single (customer, offer) pairs. */
  excludedCustomers?: Int32Array;
  excludedPairs?: { customer: Int32Array; offer: Int32Array };
}

export type ExclusionReason = 'excludedCustomer' | 'level' | 'validity' | 'excludedPair' | 'redeemed' | 'suppressed';

export interface Eligibility {
  /** 1 where the pair may be assigned, customers × offers. */
  mask: Uint8Array;
  /** Per customer: offers it may still receive in this TOR (0..perCustomer) after frequency caps. */
  maxOffers: Uint8Array;
  /** Pairs removed, by the first rule that removed them. */
  excluded: Record<ExclusionReason, number>;
  /** Customers whose maximum the frequency cap lowered, and those it lowered to zero. */
  capped: number;
  blocked: number;
}

export function eligibilityFromGuardrails(x: EligibilityInput, cfg: GuardrailConfig = DEFAULT_GUARDRAILS): Eligibility {
  const { nCustomers: n, nOffers: m, sendDate } = x;
  const K = cfg.perCustomer;
  if (!(K >= 0 && K <= 255)) throw new Error(`perCustomer must be 0..255, got ${K}`);
  // Rule per pair, 0 = eligible, else 1 + index of the first rule (ordered as ExclusionReason).
  const rule = new Uint8Array(n * m);
  const mark = (c: number, o: number, r: number) => {
    if (c < 0 || c >= n || o < 0 || o >= m) return;
    const i = c * m + o;
    if (rule[i] === 0 || rule[i] > r) rule[i] = r;
  };
  for (const c of x.excludedCustomers ?? []) for (let o = 0; o < m; o++) mark(c, o, 1);
  for (let o = 0; o < m; o++) {
    const lvl = x.level[o];
    if (lvl === 'members' && !x.isMember) throw new Error(`offer #${o} is for members but no membership column was given`);
    let allowed: Uint8Array | null = null;
    if (lvl === 'members') allowed = x.isMember!;
    else if (lvl === 'audience') allowed = x.audience?.[o] ?? new Uint8Array(n);
    else if (lvl === 'individual') {
      allowed = new Uint8Array(n);
      for (const c of x.individual?.[o] ?? []) if (c >= 0 && c < n) allowed[c] = 1;
    }
    if (allowed) for (let c = 0; c < n; c++) if (!allowed[c]) mark(c, o, 2);
    const from = x.validFrom[o],
      to = x.validTo[o];
    if (sendDate < from || sendDate > to) for (let c = 0; c < n; c++) mark(c, o, 3);
  }
  if (x.excludedPairs) {
    const { customer, offer } = x.excludedPairs;
    for (let k = 0; k < customer.length; k++) mark(customer[k], offer[k], 4);
  }
  if (x.responses && cfg.suppressRedeemed) {
    const { customer, offer, redeemedAt } = x.responses;
    for (let k = 0; k < customer.length; k++) if (redeemedAt[k] < sendDate) mark(customer[k], offer[k], 5);
  }
  const maxOffers = new Uint8Array(n).fill(K);
  let capped = 0,
    blocked = 0;
  if (x.contacts) {
    const { customer, offer, sentAt } = x.contacts; // offer: which offer was sent (suppression is per pair)
    const suppressFrom = sendDate - cfg.suppressionDays * DAY;
    if (cfg.suppressionDays > 0) {
      for (let k = 0; k < customer.length; k++) if (sentAt[k] >= suppressFrom && sentAt[k] < sendDate) mark(customer[k], offer[k], 6);
    }
    if (cfg.maxContacts !== null) {
      const used = contactsInWindow(x.contacts, n, sendDate - cfg.capWindowDays * DAY, sendDate, cfg.capUnit);
      for (let c = 0; c < n; c++) {
        // Offers-unit: the remaining allowance; sends-unit: this TOR is one more send, all or nothing.
        const left = cfg.capUnit === 'offers' ? cfg.maxContacts - used[c] : used[c] < cfg.maxContacts ? K : 0;
        const allowed = Math.max(0, Math.min(K, left));
        if (allowed < K) {
          maxOffers[c] = allowed;
          capped++;
          if (allowed === 0) blocked++;
        }
      }
    }
  }
  const reasons: ExclusionReason[] = ['excludedCustomer', 'level', 'validity', 'excludedPair', 'redeemed', 'suppressed'];
  const excluded = Object.fromEntries(reasons.map((r) => [r, 0])) as Record<ExclusionReason, number>;
  const mask = new Uint8Array(n * m);
  for (let i = 0; i < rule.length; i++) {
    if (rule[i] === 0) mask[i] = 1;
    else excluded[reasons[rule[i] - 1]]++;
  }
  return { mask, maxOffers, excluded, capped, blocked };
}

/** Contacts per customer with sentAt in [from, to): offer rows, or distinct send times ('sends'). */
function contactsInWindow(
  k: { customer: Int32Array; sentAt: Float64Array },
  n: number,
  from: number,
  to: number,
  unit: 'offers' | 'sends',
): Int32Array {
  const used = new Int32Array(n);
  if (unit === 'offers') {
    for (let j = 0; j < k.customer.length; j++)
      if (k.sentAt[j] >= from && k.sentAt[j] < to && k.customer[j] >= 0 && k.customer[j] < n) used[k.customer[j]]++;
    return used;
  }
  const seen = new Set<string>();
  for (let j = 0; j < k.customer.length; j++) {
    const c = k.customer[j];
    if (!(k.sentAt[j] >= from && k.sentAt[j] < to) || c < 0 || c >= n) continue;
    const key = `${c}:${k.sentAt[j]}`;
    if (!seen.has(key)) {
      seen.add(key);
      used[c]++;
    }
  }
  return used;
}
