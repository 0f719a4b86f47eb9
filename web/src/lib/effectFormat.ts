// Effects of a campaign (treatment minus control) printed one way on the Campaigns page: a
// difference of two rates in percentage points with its sign, money with its sign, and a
// confidence interval as [low, high]. Pure, like format.ts, so node's test runner checks them.
import { formatDecimal, formatMoney, formatPercent } from './format.ts';

const DASH = '—';

function missing(n: number | null | undefined): n is null | undefined {
  return n === null || n === undefined || Number.isNaN(n);
}

/** A difference of two rates in percentage points: 0.0234 → +2.3 pp (a relative change would be %). */
export function formatPoints(diff: number | null | undefined, decimals = 1): string {
  if (missing(diff)) return DASH;
  const v = diff * 100;
  const s = Math.abs(v).toFixed(decimals);
  const sign = Number(s) === 0 ? '' : v > 0 ? '+' : '−';
  return `${sign}${s} pp`;
}

/** An amount of money with its sign: +£1,234.50, −£12.00; `whole` drops the pence (+£1,235), for tight columns. */
export function formatSignedMoney(n: number | null | undefined, currency?: string | null, opts: { whole?: boolean } = {}): string {
  if (missing(n)) return DASH;
  const s = opts.whole ? wholeMoney(Math.abs(n), currency) : formatMoney(Math.abs(n), currency);
  return n > 0 ? `+${s}` : n < 0 ? `−${s}` : s;
}

function wholeMoney(n: number, currency?: string | null): string {
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(n);
    } catch {
      // an unknown code: the plain amount
    }
  }
  return formatDecimal(n, 0);
}

/** A relative change with its sign: 0.25 → +25.0 %. */
export function formatSignedPercent(n: number | null | undefined): string {
  if (missing(n)) return DASH;
  return n < 0 ? `−${formatPercent(-n)}` : formatPercent(n, { sign: true });
}

/** A confidence interval, both ends in the same format: [+0.4 pp, +3.1 pp]; a missing end prints —. */
export function formatInterval(
  low: number | null | undefined,
  high: number | null | undefined,
  fmt: (n: number | null | undefined) => string,
): string {
  if (missing(low) && missing(high)) return DASH;
  return `[${fmt(low)}, ${fmt(high)}]`;
}

/** A p-value: 3 significant decimals, tiny ones as < 0.001. */
export function formatPValue(p: number | null | undefined): string {
  if (missing(p)) return DASH;
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

/** Whether an interval lies wholly on one side of zero (the effect's sign is established at its level). */
export function excludesZero(low: number | null | undefined, high: number | null | undefined): boolean {
  if (missing(low) || missing(high)) return false;
  return low > 0 || high < 0;
}
