// How a timestamp column is read. Interaction logs often carry unix times instead of dates, so a
// column is read as ISO text (the default), unix seconds, unix milliseconds or a strftime pattern —
// detected from its values (timestampFormatsFromRaw.ts) or forced with `--ts-format`. Unix times are
// instants: they become the UTC wall clock, like ISO values with an offset.
import { UserError } from '../domain/errors.ts';
import { quoteLiteral, type Store } from '../store/store.ts';
import { isNumericType, isTextType, textExpr, timestampExpr } from './parseExprs.ts';

/** 'iso', 'unix-s', 'unix-ms', or a strftime pattern such as '%d/%m/%Y %H:%M'. */
export type TimestampFormat = string;

export interface TimestampReading {
  format: TimestampFormat;
  /** Chosen from the column's values (then only plausible epochs parse) rather than forced. */
  detected: boolean;
}

export const TS_FORMAT_WORDS = ['auto', 'iso', 'unix-s', 'unix-ms'] as const;

/**
 * Plausible epochs when detecting: 1973-03-03 to 2286-11-20, in seconds or in ms. The two ranges do
 * not overlap, so the median value names the unit; a value outside it is a row error, not a date
 * thousands of years away. A forced unit accepts anything DuckDB and JS dates can hold.
 */
const UNIX = {
  'unix-s': { micros: 1e6, detected: [1e8, 1e10], forced: [-1e11, 1e11], noun: 'unix seconds' },
  'unix-ms': { micros: 1e3, detected: [1e11, 1e13], forced: [-1e14, 1e14], noun: 'unix milliseconds' },
} as const;

export function isUnixFormat(f: TimestampFormat): f is keyof typeof UNIX {
  return f === 'unix-s' || f === 'unix-ms';
}

/** The unix unit whose detection range holds `median`, or null. */
export function unixUnitOf(median: number): 'unix-s' | 'unix-ms' | null {
  for (const unit of ['unix-s', 'unix-ms'] as const) {
    const [lo, hi] = UNIX[unit].detected;
    if (median >= lo && median < hi) return unit;
  }
  return null;
}

/** `--ts-format` value → format; undefined (or 'auto') = detect. A pattern must hold a % directive. */
export function timestampFormatFromFlag(v: string | undefined): TimestampFormat | undefined {
  if (v === undefined || v === 'auto') return undefined;
  if ((TS_FORMAT_WORDS as readonly string[]).includes(v) || v.includes('%')) return v;
  throw new UserError(`--ts-format takes auto, iso, unix-s, unix-ms or a strftime pattern like '%d/%m/%Y %H:%M' (got '${v}')`);
}

/** A bad strftime pattern fails every query that uses it: refuse it up front, naming the flag. */
export async function checkTimestampPattern(store: Store, f: TimestampFormat | undefined): Promise<void> {
  if (f === undefined || (TS_FORMAT_WORDS as readonly string[]).includes(f)) return;
  try {
    await store.run(`SELECT try_strptime('', ${quoteLiteral(f)})`);
  } catch (e) {
    const why = (e as Error).message.split('\n')[0].replace(/^Invalid Input Error: /, '');
    throw new UserError(`--ts-format '${f}' is not a strftime pattern: ${why}`);
  }
}

/**
 * Wall-clock TIMESTAMP or NULL for one value. `ref` is the trimmed text for VARCHAR/JSON raw
 * columns, else the native value (see stagedFromRaw). Native dates and timestamps need no format.
 */
export function timestampFormatExpr(ref: string, type: string, r: TimestampReading): string {
  if (/^(TIMESTAMP|DATE)/.test(type)) return timestampExpr(ref, type);
  const text = isTextType(type) ? ref : textExpr(ref, type);
  if (isUnixFormat(r.format)) {
    const u = UNIX[r.format];
    const [lo, hi] = r.detected ? u.detected : u.forced;
    const x = isNumericType(type) ? `CAST(${ref} AS DOUBLE)` : `TRY_CAST(${text} AS DOUBLE)`;
    return `(CASE WHEN ${x} >= ${lo} AND ${x} < ${hi} THEN make_timestamp(CAST(round(${x} * ${u.micros}) AS BIGINT)) END)`;
  }
  if (r.format !== 'iso') {
    const parsed = `try_strptime(${text}, ${quoteLiteral(r.format)})`;
    // %z / %Z give a TIMESTAMPTZ: keep its UTC wall clock, as ISO offsets do.
    return /%[zZ]/.test(r.format) ? `make_timestamp(epoch_us(${parsed}))` : parsed;
  }
  return timestampExpr(text, 'VARCHAR');
}

/** What a 'not a date' problem adds, so the user sees how the column was read and how to change it. */
export function timestampHint(r: TimestampReading | undefined): string {
  const f = r?.format ?? 'iso';
  if (isUnixFormat(f)) {
    const u = UNIX[f];
    return r!.detected
      ? ` (read as ${u.noun}, detected from the column: expected ${u.detected[0]} to ${u.detected[1]}; force a reading with --ts-format)`
      : ` (read as ${u.noun} by --ts-format ${f})`;
  }
  if (f !== 'iso') return ` (expected the pattern --ts-format '${f}')`;
  return (
    ' (use YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or ISO 8601 with T and an optional zone offset; ' +
    'unix times and other layouts: --ts-format unix-s, unix-ms or a strftime pattern)'
  );
}
