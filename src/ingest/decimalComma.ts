// Detects decimal commas ('1,50') in a CSV's number columns: only when the delimiter is not a
// comma (then '1,50' cannot be two fields) and no number column value uses a decimal point, so a
// file mixing both styles is left alone and its bad values get reported.
import { quoteIdent, type Store } from '../store/store.ts';
import type { Mapping } from './columnMapping.ts';
import type { RawTable } from './rawFromFile.ts';
import type { TableSpec } from './tableSpecs.ts';

export async function decimalCommaFromRaw(store: Store, raw: RawTable, spec: TableSpec, map: Mapping): Promise<boolean> {
  if (!raw.dialect || raw.dialect.delimiter === ',') return false;
  const cols = spec.columns.filter((c) => c.kind === 'number' && map[c.name] !== undefined).map((c) => quoteIdent(map[c.name]));
  if (!cols.length) return false;
  const comma = `'^[+-]?([0-9]{1,3}(\\.[0-9]{3})+|[0-9]*),[0-9]+$'`;
  const point = `'^[+-]?[0-9]*\\.[0-9]+$'`;
  const parts = cols.map(
    (c) => `count(*) FILTER (WHERE regexp_matches(trim(${c}), ${comma})) AS c_${cols.indexOf(c)},
    count(*) FILTER (WHERE regexp_matches(trim(${c}), ${point})) AS p_${cols.indexOf(c)}`,
  );
  const row = (await store.one<Record<string, bigint>>(`SELECT ${parts.join(', ')} FROM ${quoteIdent(raw.name)}`))!;
  let commas = 0n;
  let points = 0n;
  cols.forEach((_, i) => {
    commas += row[`c_${i}`];
    points += row[`p_${i}`];
  });
  return commas > 0n && points === 0n;
}
