// Validation rules beyond "does it parse": values that parse but cannot be meant (docs/bad-input.md).
// Dates before 1900 or after the horizon, numbers beyond the bound, NUL bytes in ids and names,
// impossible zone offsets, and offer scopes naming no product attribute. Each rule is a SELECT
// yielding (line, column, reason), merged with the others by problemsFromStaged.
import { quoteIdent, quoteLiteral, type Store } from '../store/store.ts';
import { columnLabel } from './columnMapping.ts';
import {
  EARLIEST_DATE,
  EVENT_TIME_COLUMNS,
  LATEST_VALIDITY_DATE,
  LIMIT_SETTINGS,
  importLimits,
  latestEventDate,
  type ImportLimits,
} from './importLimits.ts';
import { ZONED, offsetInRange } from './parseExprs.ts';
import type { ProblemInput } from './problemsFromStaged.ts';
import { parsedCol, textCol } from './stagedFromRaw.ts';
import { tableColumns } from './upsertRows.ts';

/** Ids longer than this are refused. */
export const MAX_ID_LENGTH = 1000;

/** SELECTs of (line, col, reason) for the range rules; reads the limits and product columns from the store. */
export async function rangeRuleQueries(store: Store, p: ProblemInput, from: string, given?: ImportLimits): Promise<string[]> {
  const limits = given ?? (await importLimits(store));
  const q: string[] = [];
  const has = new Set(p.columns);
  const lit = quoteLiteral;
  const shown = (col: string) => `'''' || ${col} || ''''`;
  const latestEvent = latestEventDate(limits.futureDays);
  for (const c of p.spec.columns) {
    if (!has.has(c.name)) continue;
    const label = lit(columnLabel(c.name, p.map));
    const mapped = p.map[c.name] !== undefined;
    // Defaults (amount = quantity × price) are not the file's values: check what the file gave.
    const v = p.overridden.includes(c.name) ? parsedCol(c.name) : quoteIdent(c.name);
    const text = mapped ? textCol(c.name) : `${v}::VARCHAR`;
    if (c.kind === 'number' && mapped) {
      const allow = `to allow more: nextbest config set ${LIMIT_SETTINGS.maxNumber} N`;
      const why = `${c.name} ' || ${text} || ' is out of range: at most ${limits.maxNumber} in absolute value (${allow})`;
      q.push(`SELECT __line, ${label}, '${why}' ${from} AND abs(${v}) > ${limits.maxNumber}`);
    }
    if (c.kind === 'timestamp' && mapped) {
      q.push(`SELECT __line, ${label}, 'date ' || ${shown(text)} || ' is before ${EARLIEST_DATE}' ${from}
              AND ${v} < TIMESTAMP '${EARLIEST_DATE}'`);
      const event = EVENT_TIME_COLUMNS.includes(c.name);
      const latest = event ? latestEvent : LATEST_VALIDITY_DATE;
      const why = event
        ? `is after ${latest} (today + ${limits.futureDays} days; to allow later: nextbest config set ${LIMIT_SETTINGS.futureDays} DAYS)`
        : `is after ${latest} (leave it empty for no end)`;
      q.push(`SELECT __line, ${label}, 'date ' || ${shown(text)} || ' ${why}' ${from}
              AND ${v} >= TIMESTAMP '${latest}' + INTERVAL 1 DAY`);
      const rx = lit(ZONED);
      q.push(`SELECT __line, ${label}, 'zone offset out of range in ' || ${shown(text)} || ' (offsets run from -14:00 to +14:00)' ${from}
              AND ${text} IS NOT NULL AND regexp_matches(${text}, ${rx}) AND NOT ${offsetInRange(text)}`);
    }
    if (c.kind === 'id') {
      // An id is a key shown in tables, exports and URLs: a megabyte one is a broken file, not an id.
      q.push(`SELECT __line, ${label}, 'id longer than ${MAX_ID_LENGTH} characters (' || length(${v})::VARCHAR || ')' ${from}
              AND length(${v}) > ${MAX_ID_LENGTH}`);
    }
    if (c.kind === 'id' || c.kind === 'text') {
      q.push(`SELECT __line, ${label}, 'contains a NUL byte (\\0): ' || ${shown(`replace(${v}, chr(0), '\\0')`)} ${from}
              AND contains(${v}, chr(0))`);
    }
  }
  for (const a of p.attributes) {
    if (a.type !== 'VARCHAR') continue;
    const v = quoteIdent(a.name);
    q.push(`SELECT __line, ${lit(a.source)}, 'contains a NUL byte (\\0): ' || ${shown(`replace(${v}, chr(0), '\\0')`)} ${from}
            AND contains(${v}, chr(0))`);
  }
  if (p.spec.name === 'offers' && has.has('scope_attribute')) q.push(await scopeAttributeRule(store, p, from));
  return q;
}

/** An offer scoped by a column products do not have would make every later offers/TOR query fail. */
async function scopeAttributeRule(store: Store, p: ProblemInput, from: string): Promise<string> {
  const known = (await tableColumns(store, 'products')).map((c) => c.name).filter((c) => c !== 'product_id');
  const list = known.length ? known.map(quoteLiteral).join(', ') : 'NULL';
  const shownKnown = known.length ? known.join(', ') : 'none: import products first';
  return `SELECT __line, ${quoteLiteral(columnLabel('scope_attribute', p.map))},
            'products have no attribute ''' || scope_attribute || ''' (known attributes: ${shownKnown.replaceAll("'", "''")})' ${from}
            AND scope_attribute IS NOT NULL AND scope_attribute NOT IN (${list})`;
}
