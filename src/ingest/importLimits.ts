// The sane ranges an import enforces (docs/bad-input.md). A value outside them is almost always a
// typo or a placeholder (9999-12-31, 1e20) that would silently break every later command — the
// default as-of date is the midnight after the latest line — so it is refused with its line.
// Both limits are store settings (`nextbest config set import_future_days 730`).
import { getMeta } from '../store/meta.ts';
import type { Store } from '../store/store.ts';

export interface ImportLimits {
  /** Event times (order lines, events, sends, redemptions) may lie at most this many days after today. */
  futureDays: number;
  /** Every number column (quantities, prices, amounts, values) must satisfy |x| ≤ this. */
  maxNumber: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { futureDays: 366, maxNumber: 1e9 };

/** The earliest date any timestamp may hold: older ones are placeholders (0000-01-01, 1800…). */
export const EARLIEST_DATE = '1900-01-01';
/** Validity dates (valid_from/valid_to) may be open-ended but not past this (9999-12-31 means "never ends": leave it empty). */
export const LATEST_VALIDITY_DATE = '2999-12-31';

/** Timestamp columns that record when something happened: bounded by today + futureDays. */
export const EVENT_TIME_COLUMNS = ['ts', 'sent_at', 'redeemed_at'];

export const LIMIT_SETTINGS = { futureDays: 'import_future_days', maxNumber: 'import_max_number' } as const;

/** The limits in force: store settings over the defaults. */
export async function importLimits(store: Store): Promise<ImportLimits> {
  const days = await getMeta<number>(store, LIMIT_SETTINGS.futureDays);
  const max = await getMeta<number>(store, LIMIT_SETTINGS.maxNumber);
  return {
    futureDays: typeof days === 'number' ? days : DEFAULT_IMPORT_LIMITS.futureDays,
    maxNumber: typeof max === 'number' ? max : DEFAULT_IMPORT_LIMITS.maxNumber,
  };
}

/** 'YYYY-MM-DD' of today (UTC) plus `days`: the latest event date accepted. */
export function latestEventDate(futureDays: number, now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + futureDays)).toISOString().slice(0, 10);
}
