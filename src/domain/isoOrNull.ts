// A value read from DuckDB (a Date for TIMESTAMP, or NULL) as an ISO string or null, for JSON answers.
export function isoOrNull(d: unknown): string | null {
  return d instanceof Date ? d.toISOString() : d == null ? null : String(d);
}
