// Chooses how each mapped timestamp column of a file is read (timestampFormat.ts): the forced
// `--ts-format`, else unix seconds or milliseconds when most of the column's values are numbers
// whose median is a plausible epoch in that unit, else ISO text. Deciding on the median and a
// majority (not on every value) keeps one bad value a row error with its line instead of turning
// the whole column into "not a date" errors.
import { quoteIdent, type Store } from '../store/store.ts';
import type { Mapping } from './columnMapping.ts';
import { textExpr } from './parseExprs.ts';
import type { RawTable } from './rawFromFile.ts';
import type { TableSpec } from './tableSpecs.ts';
import { unixUnitOf, type TimestampFormat, type TimestampReading } from './timestampFormat.ts';

/** canonical timestamp column → how it is read. Native date/timestamp columns are left out (read as they are). */
export async function timestampFormatsFromRaw(
  store: Store,
  raw: RawTable,
  spec: TableSpec,
  map: Mapping,
  forced: TimestampFormat | undefined,
): Promise<Record<string, TimestampReading>> {
  const typeOf = new Map(raw.columns.map((c) => [c.name, c.type]));
  const cols = spec.columns.filter(
    (c) => c.kind === 'timestamp' && map[c.name] !== undefined && !/^(TIMESTAMP|DATE)/.test(typeOf.get(map[c.name])!),
  );
  const out: Record<string, TimestampReading> = {};
  if (forced !== undefined) {
    for (const c of cols) out[c.name] = { format: forced, detected: false };
    return out;
  }
  if (!cols.length) return out;
  const parts = cols.map((c, i) => {
    const text = textExpr(quoteIdent(map[c.name]), typeOf.get(map[c.name])!);
    const x = `TRY_CAST(${text} AS DOUBLE)`;
    return `count(${text}) AS n_${i}, count(*) FILTER (WHERE isfinite(${x})) AS k_${i},
      quantile_cont(${x}, 0.5) FILTER (WHERE isfinite(${x})) AS m_${i}`;
  });
  const row = (await store.one<Record<string, bigint | number | null>>(`SELECT ${parts.join(', ')} FROM ${quoteIdent(raw.name)}`))!;
  cols.forEach((c, i) => {
    const numbers = Number(row[`k_${i}`]);
    const unit = numbers * 2 > Number(row[`n_${i}`]) ? unixUnitOf(Number(row[`m_${i}`])) : null;
    out[c.name] = { format: unit ?? 'iso', detected: true };
  });
  return out;
}
