// Which file column feeds each canonical column. The user names their column per canonical one
// (`--map customer_id=CustomerID`); a saved mapping (meta `mapping:<table>`) fills in what the
// flags do not say; a canonical name present in the file maps itself (exact, then any case).
import { UserError } from '../domain/errors.ts';
import type { TableSpec } from './tableSpecs.ts';

/** canonical column → file column. */
export type Mapping = Record<string, string>;

/** Columns computed by the import, never read from the file. */
const COMPUTED = new Set(['line_no']);

/** Parses `canonical=source` entries (already split on commas by parseFlags). */
export function mappingFromFlags(entries: string[], spec: TableSpec): Mapping {
  const out: Mapping = {};
  const known = spec.columns.map((c) => c.name);
  for (const e of entries) {
    const eq = e.indexOf('=');
    if (eq <= 0 || eq === e.length - 1) throw new UserError(`--map takes canonical=source (e.g. customer_id=CustomerID), got '${e}'`);
    const canonical = e.slice(0, eq).trim();
    const source = e.slice(eq + 1).trim();
    if (!known.includes(canonical)) {
      throw new UserError(`--map ${e}: '${canonical}' is not a column of ${spec.name} (columns: ${known.join(', ')})`);
    }
    out[canonical] = source;
  }
  return out;
}

export interface ResolvedMapping {
  /** canonical → file column, for every canonical column the file provides. */
  map: Mapping;
  /** File columns not used by the mapping. */
  unused: string[];
}

/**
 * Resolves the mapping for one file. Precedence: explicit (flags or recipe) > saved > identity.
 * Explicit sources must exist; a saved source the file lacks is skipped (the file changed shape).
 * Missing required columns (unless `computed` by a recipe) are a usage error listing the file's columns.
 */
export function resolveMapping(
  spec: TableSpec,
  fileColumns: string[],
  explicit: Mapping,
  saved: Mapping,
  file: string,
  computed: string[] = [],
): ResolvedMapping {
  const exact = new Set(fileColumns);
  const byLower = new Map(fileColumns.map((c) => [c.toLowerCase(), c]));
  const find = (name: string) => (exact.has(name) ? name : byLower.get(name.toLowerCase()));
  const map: Mapping = {};
  for (const col of spec.columns) {
    const c = col.name;
    if (COMPUTED.has(c)) continue;
    if (explicit[c] !== undefined) {
      const src = find(explicit[c]);
      if (!src) throw new UserError(`${file}: no column '${explicit[c]}' to map to ${c} (file columns: ${fileColumns.join(', ')})`);
      map[c] = src;
    } else if (saved[c] !== undefined && find(saved[c])) {
      map[c] = find(saved[c])!;
    } else if (find(c)) {
      map[c] = find(c)!;
    }
  }
  const missing = spec.columns.filter((c) => c.required && map[c.name] === undefined && !computed.includes(c.name)).map((c) => c.name);
  if (missing.length) {
    const hint = missing.map((m) => `--map ${m}=YOUR_COLUMN`).join(' ');
    throw new UserError(
      `${file}: no column for ${missing.join(', ')} in ${spec.name} (file columns: ${fileColumns.join(', ')}); name yours with ${hint}`,
    );
  }
  const used = new Set(Object.values(map));
  return { map, unused: fileColumns.filter((c) => !used.has(c)) };
}

/** How a problem names a column: the user's name, plus the canonical one when they differ. */
export function columnLabel(canonical: string, map: Mapping): string {
  const src = map[canonical];
  if (!src || src === canonical) return canonical;
  return `${src} (${canonical})`;
}
