// Every validation rule as one SQL query over the staged rows (dropped rows excluded): each rule
// yields (line, column, reason) rows; we count them all and return the first `limit` in file order.
import type { RowProblem } from '../domain/errors.ts';
import { quoteIdent, quoteLiteral, type Store } from '../store/store.ts';
import { columnLabel, type Mapping } from './columnMapping.ts';
import type { AttributeColumn } from './stagedFromRaw.ts';
import { parsedCol, textCol } from './stagedFromRaw.ts';
import type { TableSpec } from './tableSpecs.ts';
import { timestampHint, type TimestampReading } from './timestampFormat.ts';
import type { ImportLimits } from './importLimits.ts';
import { rangeRuleQueries } from './rangeProblems.ts';

export interface ProblemInput {
  staged: string;
  spec: TableSpec;
  map: Mapping;
  /** Canonical columns the staged table holds, and those overridden by defaults (see stagedFromRaw). */
  columns: string[];
  overridden: string[];
  attributes: AttributeColumn[];
  checkRefs: boolean;
  file: string;
  /** How timestamp columns were read, for the hint of a 'not a date' problem. */
  timestamps?: Record<string, TimestampReading>;
  /** Sane ranges (importLimits.ts); undefined = the store's settings. */
  limits?: ImportLimits;
}

const ENTITY: Record<string, string> = { customers: 'customer', products: 'product', offers: 'offer' };

/** SELECT statements, each yielding (line, col, reason) for one rule. */
function ruleQueries(p: ProblemInput): string[] {
  const q: string[] = [];
  const from = `FROM ${quoteIdent(p.staged)} WHERE __drop IS NULL`;
  const has = new Set(p.columns);
  const lit = (s: string) => quoteLiteral(s);
  const shown = (col: string) => `'''' || ${col} || ''''`;
  for (const c of p.spec.columns) {
    if (!has.has(c.name)) continue;
    const id = quoteIdent(c.name);
    const label = lit(columnLabel(c.name, p.map));
    const mapped = p.map[c.name] !== undefined;
    const parsed = p.overridden.includes(c.name) ? parsedCol(c.name) : id;
    if (c.required) {
      const why = c.kind === 'id' ? 'missing id' : `missing ${c.name}`;
      const cond = mapped && c.kind !== 'id' && c.kind !== 'text' ? `${id} IS NULL AND ${textCol(c.name)} IS NULL` : `${id} IS NULL`;
      q.push(`SELECT __line, ${label}, ${lit(why)} ${from} AND ${cond}`);
    }
    if (mapped && (c.kind === 'number' || c.kind === 'timestamp' || c.kind === 'list')) {
      const what = c.kind === 'number' ? 'not a number: ' : c.kind === 'list' ? 'not a list of ids: ' : 'not a date: ';
      const hint = c.kind === 'timestamp' ? ` || ${lit(timestampHint(p.timestamps?.[c.name]))}` : '';
      q.push(
        `SELECT __line, ${label}, ${lit(what)} || ${shown(textCol(c.name))}${hint} ${from} AND ${parsed} IS NULL AND ${textCol(c.name)} IS NOT NULL`,
      );
    }
    if (c.nonNegative) {
      const noun = c.name === 'unit_price' || c.name === 'price' ? 'price' : c.name;
      q.push(`SELECT __line, ${label}, 'negative ${noun}: ' || ${id}::VARCHAR ${from} AND ${id} < 0`);
    }
    if (c.oneOf) {
      const list = c.oneOf.map(lit).join(', ');
      q.push(
        `SELECT __line, ${label}, 'unknown ${c.name} ' || ${shown(id)} || ' (use ${c.oneOf.join(', ')})' ${from} AND ${id} IS NOT NULL AND ${id} NOT IN (${list})`,
      );
    }
    if (c.ref && p.checkRefs) {
      const t = quoteIdent(c.ref.table);
      const k = quoteIdent(c.ref.column);
      q.push(`SELECT __line, ${label}, 'unknown ${ENTITY[c.ref.table]} ' || ${shown(id)} || ' (not in ${c.ref.table})' ${from}
              AND ${id} IS NOT NULL AND ${id} NOT IN (SELECT ${k} FROM ${t} WHERE ${k} IS NOT NULL)`);
    }
  }
  for (const a of p.attributes) {
    q.push(`SELECT __line, ${lit(a.source)}, 'not a ${a.type}: ' || ${shown(textCol(a.name))} ${from}
            AND ${quoteIdent(a.name)} IS NULL AND ${textCol(a.name)} IS NOT NULL`);
  }
  if (p.spec.uniqueInFile && p.spec.key.length === 1) {
    const k = p.spec.key[0];
    const id = quoteIdent(k);
    q.push(`SELECT __line, ${lit(columnLabel(k, p.map))}, 'duplicate ${k} ' || ${shown(id)} || ' (first at line ' || first::VARCHAR || ')'
            FROM (SELECT __line, ${id}, min(__line) OVER (PARTITION BY ${id}) AS first ${from} AND ${id} IS NOT NULL)
            WHERE __line > first`);
  } else if (p.spec.uniqueInFile) {
    // Composite keys (loyalty files): the problem names the last key column; NULLs compare equal, as in the upsert.
    const keys = p.spec.key.filter((k) => has.has(k));
    const last = keys[keys.length - 1];
    const shownKey = keys.map((k) => `coalesce(${quoteIdent(k)}::VARCHAR, '')`).join(` || ', ' || `);
    const what = `'duplicate (${keys.join(', ')}) (' || k || ') (first at line ' || first::VARCHAR || ')'`;
    q.push(`SELECT __line, ${lit(columnLabel(last, p.map))}, ${what}
            FROM (SELECT __line, ${shownKey} AS k, min(__line) OVER (PARTITION BY ${keys.map(quoteIdent).join(', ')}) AS first ${from})
            WHERE __line > first`);
  }
  if (p.spec.name !== 'offers' && has.has('valid_from') && has.has('valid_to')) {
    q.push(`SELECT __line, ${lit(columnLabel('valid_to', p.map))}, 'valid_to is before valid_from' ${from} AND valid_to < valid_from`);
  }
  if (p.spec.name === 'contacts' && has.has('campaign_id')) q.push(...contactArmProblems(p, from));
  if (p.spec.name === 'offers' && has.has('attribution_days')) {
    q.push(`SELECT __line, ${lit(columnLabel('attribution_days', p.map))}, 'attribution_days must be a whole number of days from 1 to 365, got ' ||
            attribution_days::VARCHAR ${from} AND (attribution_days < 1 OR attribution_days > 365 OR attribution_days <> round(attribution_days))`);
  }
  if (p.spec.name === 'offers') {
    if (has.has('valid_from') && has.has('valid_to')) {
      q.push(`SELECT __line, ${lit(columnLabel('valid_to', p.map))}, 'valid_to is before valid_from' ${from} AND valid_to < valid_from`);
    }
    if (has.has('cost')) {
      q.push(
        `SELECT __line, ${lit(columnLabel('cost', p.map))}, 'cost is a share of revenue: must be from 0 to 1, got ' || cost::VARCHAR ${from} AND cost > 1`,
      );
    }
    if (has.has('scope_attribute') || has.has('scope_value')) {
      const attr = has.has('scope_attribute') ? 'scope_attribute' : 'NULL';
      const val = has.has('scope_value') ? 'scope_value' : 'NULL';
      q.push(`SELECT __line, ${lit(columnLabel(has.has('scope_value') ? 'scope_value' : 'scope_attribute', p.map))},
              'scope_attribute and scope_value go together (one is empty)' ${from} AND (${attr} IS NULL) <> (${val} IS NULL)`);
    }
  }
  return q;
}

/**
 * A customer is in one arm of a campaign: a contacts row whose (campaign_id, customer_id) already has the
 * other group — earlier in the file, in stored contacts, or in the experiment's recorded arms — is refused.
 */
function contactArmProblems(p: ProblemInput, from: string): string[] {
  const label = quoteLiteral(columnLabel('group', p.map));
  const g = `coalesce("group", 'treatment')`;
  return [
    `SELECT __line, ${label}, 'customer ' || customer_id || ' is in the ' || other || ' group of campaign ' || campaign_id ||
       ' at line ' || first::VARCHAR || ': one customer, one arm per experiment'
     FROM (SELECT __line, customer_id, campaign_id, ${g} AS grp,
             first_value(__line) OVER w AS first, first_value(${g}) OVER w AS other ${from} AND campaign_id IS NOT NULL
           WINDOW w AS (PARTITION BY campaign_id, customer_id ORDER BY __line))
     WHERE grp <> other`,
    `SELECT __line, ${label}, 'customer ' || s.customer_id || ' is already in the ' || a.arm || ' group of campaign ' || s.campaign_id ||
       ' (stored): one customer, one arm per experiment'
     FROM (SELECT __line, customer_id, campaign_id, ${g} AS grp ${from} AND campaign_id IS NOT NULL) s
     JOIN (SELECT DISTINCT campaign_id AS exp, customer_id, coalesce("group", 'treatment') AS arm FROM contacts WHERE campaign_id IS NOT NULL
           UNION SELECT experiment_id, customer_id, arm FROM experiment_arms) a
       ON a.exp = s.campaign_id AND a.customer_id = s.customer_id AND a.arm <> s.grp`,
  ];
}

/** All problems (first `limit` in file order) and their total count. Creates/replaces temp table `<staged>_problems`. */
export async function problemsFromStaged(store: Store, p: ProblemInput, limit: number): Promise<{ problems: RowProblem[]; total: number }> {
  const queries = [...ruleQueries(p), ...(await rangeRuleQueries(store, p, `FROM ${quoteIdent(p.staged)} WHERE __drop IS NULL`, p.limits))];
  if (!queries.length) return { problems: [], total: 0 };
  const table = quoteIdent(`${p.staged}_problems`);
  await store.run(`CREATE OR REPLACE TEMP TABLE ${table} AS
    SELECT * FROM (${queries.map((s, i) => `SELECT ${i} AS rule, * FROM (${s})`).join('\nUNION ALL\n')}) t(rule, line, col, reason)`);
  const total = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`))!.n);
  const rows = await store.all<{ line: bigint; col: string; reason: string }>(
    `SELECT line, col, reason FROM ${table} ORDER BY line, rule LIMIT ${Math.max(0, limit)}`,
  );
  await store.run(`DROP TABLE IF EXISTS ${table}`);
  return { problems: rows.map((r) => ({ file: p.file, line: Number(r.line), column: r.col, reason: r.reason })), total };
}
