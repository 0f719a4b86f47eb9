// Plain types shared by every layer. Ids are case-sensitive strings everywhere outside the
// numeric core; inside it they are dense int indices into an id dictionary (string[]).

export type OfferMechanism = 'percent_off' | 'amount_off' | 'bogo' | 'points' | 'free_shipping' | 'other';
export type OfferLevel = 'all' | 'members' | 'audience' | 'individual';

/** What an offer covers: one hierarchy node (`family=candles`) or an explicit product list. */
export type OfferScope = { kind: 'attribute'; attribute: string; value: string } | { kind: 'products'; productIds: string[] };

export interface Offer {
  offerId: string;
  name: string;
  scope: OfferScope;
  mechanism: OfferMechanism;
  value: number | null;
  validFrom: Date | null;
  validTo: Date | null;
  level: OfferLevel;
  /** Unit cost share of revenue (0..1) when margin objectives are used; null when unknown. */
  cost: number | null;
  /** Level 'audience': the audience expression of who may get it; null otherwise. */
  audience?: string | null;
  /** Level 'individual': the customers it was made for; null otherwise. */
  customerIds?: string[] | null;
  /** Days after a contact during which outcomes count for this offer; absent = the report's window. */
  attributionDays?: number | null;
}

export type TorStatus = 'draft' | 'computing' | 'ready' | 'exported' | 'error';
export type TorObjective = 'purchase' | 'revenue' | 'acquisition' | 'margin' | 'uplift';

export interface TorSettings {
  objective: TorObjective;
  perCustomer: number;
  /** ISO timestamp, or null = the midnight after the latest stored order line. */
  asOf: string | null;
  /** Audience filter expression; null = every customer with history before the as-of date. */
  audience: string | null;
  /** How the offers were chosen: by hand or by an auto-selection rule. */
  selection: { mode: 'manual' } | { mode: 'auto'; rule: string; count: number; window: string };
  /** Scoring method: 'auto' (the best of the others by backtest), 'baseline' (affinity), 'frequency', 'popularity' or 'propensity'. */
  model: string;
  /** Send date the guardrails are checked against (ISO); null = the as-of date. */
  sendDate?: string | null;
  /** Suppression windows and frequency caps; missing fields take the defaults of rank/eligibility.ts. */
  guardrails?: Partial<TorGuardrails>;
  /** Per-offer volume limits (customers) and per-priority limits: offer id → number / numbers per priority. */
  limits?: { min?: Record<string, number>; max?: Record<string, number>; maxAtPriority?: Record<string, number[]> };
  /** Customers never to include. */
  excludeCustomers?: string[];
  /** A segment → offer map applied as a rule layer over the scores (offer_maps id); null/absent = none. */
  offerMap?: string | null;
  /** Channel of the send (email, sms, …): customers whose consent_<channel> attribute is not true are excluded (docs/privacy.md). */
  channel?: string | null;
  /** A randomised control group held out of the send (docs/experiments.md); null/absent = everyone is treated. */
  control?: TorControl | null;
}

/** Hold-out settings: a customer's arm is a hash of (experiment, seed, customer id), fixed once assigned. */
export interface TorControl {
  /** Percentage of customers held out, 0–50. */
  pct: number;
  /** Seed mixed into the hash: a new seed draws a new split (for a new experiment id). */
  seed: string;
  /** 'segment' or 'priority' (the first-priority offer): exact shares within each stratum. */
  stratify: 'none' | 'segment' | 'priority';
  /** Experiment id the arms belong to; null = the TOR id. Share one id across campaigns to keep customers in one arm. */
  experiment: string | null;
}

export interface TorGuardrails {
  suppressionDays: number;
  suppressRedeemed: boolean;
  maxContacts: number | null;
  capWindowDays: number;
  capUnit: 'offers' | 'sends';
}

export interface Tor {
  torId: string;
  name: string;
  offers: string[];
  settings: TorSettings;
  status: TorStatus;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}
