// Numbers, money, scores and dates formatted one way everywhere in the dashboard. Pure functions
// (no DOM, no React) so node's test runner checks them. Timestamps from the API are wall-clock
// times whose UTC fields hold the store's clock (see ARCHITECTURE.md), so dates print in UTC.

const LOCALE = 'en-GB';
const DASH = '—';

const intFmt = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

function missing(n: number | null | undefined): n is null | undefined {
  return n === null || n === undefined || Number.isNaN(n);
}

/** 12,369 — counts of customers, rows, orders. */
export function formatInt(n: number | null | undefined): string {
  return missing(n) ? DASH : intFmt.format(Math.round(n));
}

/** A compact count for chart axes and badges: 1.2k, 3.4M; exact below 10,000. */
export function formatCompact(n: number | null | undefined): string {
  if (missing(n)) return DASH;
  const a = Math.abs(n);
  if (a < 10_000) return formatInt(n);
  if (a < 1_000_000) return `${trimZero((n / 1000).toFixed(a < 100_000 ? 1 : 0))}k`;
  return `${trimZero((n / 1_000_000).toFixed(1))}M`;
}

function trimZero(s: string): string {
  return s.replace(/\.0$/, '');
}

/** A decimal number with thousands separators and a fixed number of decimals. */
export function formatDecimal(n: number | null | undefined, decimals = 2): string {
  if (missing(n)) return DASH;
  return new Intl.NumberFormat(LOCALE, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(n);
}

/**
 * Money in the store's currency: an ISO 4217 code ('GBP', 'EUR') prints its symbol (£5,938.33);
 * without a known currency, the amount alone with two decimals (5,938.33). Large amounts (≥ 100,000)
 * drop the pence.
 */
export function formatMoney(n: number | null | undefined, currency?: string | null): string {
  if (missing(n)) return DASH;
  const decimals = Math.abs(n) >= 100_000 ? 0 : 2;
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat(LOCALE, {
        style: 'currency',
        currency,
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      }).format(n);
    } catch {
      // an unknown code: fall through to the plain amount
    }
  }
  return formatDecimal(n, decimals);
}

/**
 * A model score: enough precision to compare neighbours, no more — 3 significant digits, at most
 * 3 decimals (0.647, 4.10, 12.3, 1,234).
 */
export function formatScore(n: number | null | undefined): string {
  if (missing(n)) return DASH;
  const a = Math.abs(n);
  if (a === 0) return '0';
  if (a >= 100) return formatInt(n);
  if (a >= 10) return formatDecimal(n, 1);
  if (a >= 1) return formatDecimal(n, 2);
  return formatDecimal(n, 3);
}

/** A fraction as a percentage: 0.0632 → 6.3 %, with a sign when asked (velocity: +6.3 %). */
export function formatPercent(fraction: number | null | undefined, opts: { decimals?: number; sign?: boolean } = {}): string {
  if (missing(fraction)) return DASH;
  const decimals = opts.decimals ?? 1;
  const v = fraction * 100;
  const s = formatDecimal(v, decimals);
  return `${opts.sign && v > 0 ? '+' : ''}${s} %`;
}

/** AUC: 3 decimals (0.712). */
export function formatAuc(n: number | null | undefined): string {
  return missing(n) ? DASH : n.toFixed(3);
}

/** Lift: a multiplier, 2 decimals (×1.84). */
export function formatLift(n: number | null | undefined): string {
  return missing(n) ? DASH : `×${n.toFixed(2)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-03-01 00:00:00.000" or "2023-01-02T11:56:34": a wall clock without a zone (read as UTC fields). */
const NO_ZONE = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/;

function toDate(v: string | number | Date | null | undefined): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(typeof v === 'string' && NO_ZONE.test(v) ? v.replace(' ', 'T') + 'Z' : v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 1 Mar 2024 */
export function formatDate(v: string | number | Date | null | undefined): string {
  const d = toDate(v);
  if (!d) return DASH;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** 1 Mar 2024, 09:05 */
export function formatDateTime(v: string | number | Date | null | undefined): string {
  const d = toDate(v);
  if (!d) return DASH;
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(d)}, ${hh}:${mm}`;
}

/** How long ago, relative to `now`: just now, 5 min ago, 3 h ago, 2 days ago, then the date. */
export function formatAgo(v: string | number | Date | null | undefined, now: Date = new Date()): string {
  const d = toDate(v);
  if (!d) return DASH;
  const s = (now.getTime() - d.getTime()) / 1000;
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  if (s < 7 * 86_400) return `${Math.round(s / 86_400)} days ago`;
  return formatDate(d);
}

/** A duration in seconds: 0.4 s, 9.2 s, 3 min 05 s. */
export function formatSeconds(s: number | null | undefined): string {
  if (missing(s)) return DASH;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.round(s - m * 60)).padStart(2, '0')} s`;
}

/** "1 customer", "12,369 customers" */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatInt(n)} ${n === 1 ? one : many}`;
}

/**
 * An offer's short display name: the last part of a hierarchy path ("grocery > coffee" → "coffee"),
 * with the path above it as context. Offers are shown by name, their id on hover.
 */
export function offerLabel(name: string | null | undefined, offerId: string): { label: string; context: string | null } {
  if (!name) return { label: offerId, context: null };
  const parts = name.split(' > ');
  if (parts.length === 1) return { label: name, context: null };
  return { label: parts[parts.length - 1], context: parts.slice(0, -1).join(' › ') };
}
