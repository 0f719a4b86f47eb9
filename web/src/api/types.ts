// Shapes of the /v1 answers the dashboard reads (see GET /v1/openapi.json on a running server).

export type Role = 'admin' | 'marketer' | 'viewer' | 'service';

export interface Session {
  actor: string;
  role: Role;
  via?: string;
  csrfToken: string | null;
}

export type TorStatus = 'draft' | 'computing' | 'ready' | 'exported' | 'error';
export type Objective = 'purchase' | 'revenue' | 'acquisition' | 'margin' | 'uplift';
export type AutoRule = 'top-revenue' | 'top-niche' | 'low-velocity' | 'top-aov';

export interface TorLimits {
  min?: Record<string, number>;
  max?: Record<string, number>;
  maxAtPriority?: Record<string, (number | null)[]>;
}

export interface TorSettings {
  objective: Objective;
  perCustomer: number;
  asOf: string | null;
  audience: string | null;
  selection?: { mode: 'manual' } | { mode: 'auto'; rule: AutoRule; count: number; window: string; type?: string };
  model: string;
  limits?: TorLimits;
  guardrails?: Record<string, unknown>;
  sendDate?: string | null;
  /** The segment → offer map applied over the scores (an offer map id). */
  offerMap?: string | null;
  /** The hold-out control group; absent or null = everyone is sent. */
  control?: TorControl | null;
}

export type ControlStratify = 'none' | 'segment' | 'priority';
export interface TorControl {
  /** Percentage of customers held out, 0–50. */
  pct: number;
  seed: string;
  stratify: ControlStratify;
  /** Experiment id the arms belong to; null = the TOR id. */
  experiment: string | null;
}

export interface OfferQualityRow {
  offerId: string;
  auc: number | null;
  lift10: number | null;
}
export interface TorQuality {
  method: string;
  meanAuc: number;
  meanLift10: number;
  offers: OfferQualityRow[];
  /** The scorer used (auto: the one it chose), NDCG@k of the backtest, and auto's comparison. */
  model?: string;
  ndcg?: number | null;
  k?: number;
  candidates?: { model: string; ndcg: number; meanAuc: number }[] | null;
}

/** Quality of an uplift TOR: the uplift model chosen by Qini on folds of past contacts with a control arm. */
export interface TorUpliftQuality {
  method: 'uplift';
  model: string;
  upliftMethod: string;
  learner: string;
  /** Normalised Qini of the chosen candidate, mean over folds. */
  qini: number;
  folds: number;
  candidates?: { method: string; learner: string; qini: number | null }[];
  trainUnits: number;
  treated: number;
  control: number;
  windowDays: number;
}

export function isUpliftQuality(q: TorQuality | TorUpliftQuality | null): q is TorUpliftQuality {
  return q !== null && q.method === 'uplift';
}

export interface TorStats {
  asOf: string;
  addressable: number;
  customers: number;
  assignments: number;
  objective: number;
  unconstrained: number;
  lost: number;
  capped: number;
  seconds: number;
  excluded: Record<string, number>;
  unmetMinimums: { offerId: string; required: number; assigned: number }[];
  /** Customers per arm, after a compute with a control group. */
  arms?: { experiment: string; treatment: number; control: number };
}

export interface Tor {
  torId: string;
  name: string;
  settings: TorSettings;
  offers: string[];
  status: TorStatus;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  progress: number | null;
  computedAt: string | null;
  quality: TorQuality | TorUpliftQuality | null;
  stats: TorStats | null;
}

export interface OfferVolume {
  offerId: string;
  name: string | null;
  volumes: number[];
  total: number;
}
export interface ResultRow {
  customerId: string;
  priority: number;
  offerId: string;
  offerName?: string | null;
  score: number;
  reason: string | null;
  /** With an offer map: the segment that governed the customer and the rule that shaped the pair; the offer's personalised copy. */
  segment?: string | null;
  mapRule?: string | null;
  message?: string | null;
}
export interface TorOverview {
  tor: Tor;
  volumes: OfferVolume[];
  sample: ResultRow[];
  customers: number;
}
export interface TorResultsPage {
  torId: string;
  page: number;
  pageSize: number;
  total: number;
  rows: ResultRow[];
}

export interface Job {
  jobId: string;
  op: string;
  input: Record<string, unknown>;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: number;
  stage: string;
  result: unknown;
  error: string | null;
  errorName: string | null;
  actor: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
export interface JobAccepted {
  job: Job;
  url: string;
  events: string;
}

export interface Offer {
  offerId: string;
  name: string;
  level?: string;
  scope?: string;
  revenue?: number;
  orders?: number;
  buyers?: number;
}
export interface OfferList {
  asOf: string | null;
  list: Offer[];
}

export interface OfferInsight {
  offerId: string;
  name: string;
  revenue: number;
  revenuePrev: number;
  velocity: number;
  orders: number;
  buyers: number;
  aov: number;
  audience: number;
  scopeCustomers: number;
  efficiency: number | null;
}
export interface InsightsReport {
  level: string;
  asOf: string;
  efficiencyModel: string | null;
  insights: OfferInsight[];
}

export interface AutoSelectPreview {
  rule: AutoRule;
  description: string;
  offerIds: string[];
}
export interface AudienceCountAnswer {
  included: number;
  addressable: number;
  asOf: string;
}

/** What a TOR export recorded besides the file: the send's contacts per arm and the manifest. */
export interface TorExportSend {
  rows?: number;
  target?: string;
  contacts: { sendId: string; sentAt: string; treatment: number; control: number } | null;
  manifest: string | null;
}

export interface ExportRecord {
  exportId: string;
  torId: string | null;
  target: string;
  format: string;
  layout: string | null;
  rows: number | null;
  bytes: number | null;
  status: string;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface AutoRow {
  model: string;
  stage: 'first cut' | 'validation';
  ndcg: number;
  recall: number;
  hit: number;
  users: number;
  fitSeconds: number;
  /** The lists left out the customer's past purchases (absent in choices saved before this field). */
  excludeSeen?: boolean;
}
export interface AutoChoice {
  chosen: string;
  variant: 'all' | 'new';
  k: number;
  horizonDays: number;
  validation?: 'time' | 'holdout';
  validationFrom: string;
  validationTo: string;
  users: number;
  /** Lists leave out each customer's past purchases (all items: when the backtest found repeats do not pay). */
  excludeSeen?: boolean;
  /** The choice was made on every n-th customer (null or absent: on everyone). */
  sample?: { customers: number; of: number } | null;
  /** Models passed over because their fit on everyone would exceed the budget (predicted seconds). */
  tooSlow?: { model: string; predictedSeconds: number }[];
  rows: AutoRow[];
  baseline: { model: string; ndcg: number } | null;
  seconds: number;
  note: string | null;
}
export interface AutoModelInfo {
  name: 'auto';
  auto: { all: AutoChoice | null; new: AutoChoice | null };
}
export interface ModelInfo {
  name: string;
  tunable: boolean;
  config: unknown;
  quality: Record<string, unknown> | null;
}

export interface Page<T> {
  items: T[];
  page?: number;
  pageSize?: number;
  total?: number;
}

export interface TableCount {
  table: string;
  rows: number;
}
export interface ImportRecord {
  [k: string]: unknown;
}
export interface ApiKeyInfo {
  keyId: string;
  prefix?: string;
  role: Role;
  name: string | null;
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}
export interface UserInfo {
  username: string;
  role: Role;
  createdAt: string;
  disabledAt: string | null;
}
export interface AuditRow {
  at: string;
  actor: string;
  role: Role | null;
  action: string;
  target: string | null;
  outcome: string;
  detail: string | null;
}
