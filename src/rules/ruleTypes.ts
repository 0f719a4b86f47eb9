// Trigger rules as parsed from a rule file (docs/rules.md): what makes a customer qualify (`when`),
// for which offer, and the guardrails that hold a firing back. Each field keeps the line and column it
// was written at, so checks against the store (unknown offer, bad audience) can name it.

/** Products a trigger looks at: one attribute value (`family=candles`), explicit ids, or the offer's own scope. */
export type RuleScope =
  { kind: 'attribute'; attribute: string; value: string } | { kind: 'products'; productIds: string[] } | { kind: 'offer' };

export type Trigger =
  /** Purchases in the scope on at least minOrders distinct orders within the withinDays before (null = all history). */
  | { kind: 'bought'; scope: RuleScope; minOrders: number; withinDays: number | null }
  /** A cart event in the withinDays before, then no purchase for noPurchaseWithinDays (once per cart event). */
  | { kind: 'cart_abandoned'; noPurchaseWithinDays: number; withinDays: number; eventTypes: string[] }
  /** No purchase for cycleMultiple × the customer's median gap between orders (once per lapse). */
  | { kind: 'lapsed'; cycleMultiple: number; minOrders: number }
  /** No purchase for `days` days, having bought on at least minOrders orders (once per lapse). */
  | { kind: 'no_purchase_days'; days: number; minOrders: number }
  /** The customer's first purchase was within the withinDays before (once per customer). */
  | { kind: 'first_purchase'; withinDays: number }
  /** At least minCount events of these types (about products in scope, when given) within the withinDays before. */
  | { kind: 'event'; types: string[]; minCount: number; withinDays: number | null; scope: RuleScope | null };

export type TriggerKind = Trigger['kind'];

export interface Rule {
  /** Position in the file's `rules` list (0-based), for messages. */
  index: number;
  id: string;
  offer: string;
  description: string | null;
  trigger: Trigger;
  /** Audience-language filter (docs/audience.md) over customer features as of the evaluation date. */
  audience: string | null;
  /** No second firing of this rule for a customer within this many days. */
  cooldownDays: number;
  /** At most this many firings of this rule per customer, ever (null = no limit). */
  maxFirings: number | null;
  /** No firing when the customer got this offer (a contact or a firing) within this many days. */
  suppressDays: number;
  /** At most `max` contacts + firings per customer, across offers, within `days` days. */
  frequencyCap: { max: number; days: number } | null;
  validFrom: Date | null;
  /** Inclusive: the rule is active through this whole day. */
  validTo: Date | null;
  enabled: boolean;
  /** Percentage (0–50) of qualifying customers held out as the rule's control group: their firings are
   *  recorded (group control) but not acted on, so the campaign report can measure the rule. */
  controlPct: number;
  /** Seed of the hold-out split; the arm of a customer is fixed for the rule's life (experiment id = rule id). */
  controlSeed: string;
  /** Where each field's value is in the file (key → line, column), and the rule itself ('' key). */
  at: Record<string, { line: number; col: number }>;
}

export interface RuleSet {
  /** The file name messages show (the path as typed, or 'rules' for posted text). */
  label: string;
  rules: Rule[];
}
