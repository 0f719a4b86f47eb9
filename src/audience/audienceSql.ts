// Checked audience AST → DuckDB WHERE clause text. Every identifier is double-quoted (inner quotes
// doubled) and every literal is rebuilt from its parsed value (strings with '' escaping, numbers
// from finite doubles, dates as TIMESTAMP literals), so no user text reaches the SQL verbatim.
// Null semantics are SQL's three-valued logic; audienceMask mirrors them exactly.
import {
  audienceColumnName,
  type AudienceExpr,
  type AudienceFieldRef,
  type AudienceLiteral,
  type AudienceOperand,
} from './audienceTypes.ts';

export interface AudienceSqlOptions {
  /** Table alias to prefix columns with (e.g. 'f' → "f"."recency_days"); none by default. */
  alias?: string;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function sqlLiteral(lit: AudienceLiteral): string {
  switch (lit.type) {
    case 'string':
      return `'${lit.value.replace(/'/g, "''")}'`;
    case 'boolean':
      return lit.value ? 'TRUE' : 'FALSE';
    case 'number':
      if (!Number.isFinite(lit.value)) throw new Error(`audience: number out of range: ${lit.value}`);
      // Cast so DuckDB compares in double precision, as the JS back end does.
      return `CAST(${String(lit.value)} AS DOUBLE)`;
    case 'date': {
      const iso = new Date(lit.value).toISOString(); // wall clock carried as UTC
      return `TIMESTAMP '${iso.slice(0, 10)} ${iso.slice(11, 19)}'`;
    }
  }
}

/** The WHERE clause (without the WHERE keyword) selecting the rows for which `expr` is TRUE. */
export function audienceSql(expr: AudienceExpr, opts: AudienceSqlOptions = {}): string {
  const col = (ref: AudienceFieldRef) => {
    const name = audienceColumnName(ref);
    return opts.alias ? `${quoteIdent(opts.alias)}.${quoteIdent(name)}` : quoteIdent(name);
  };
  const operand = (o: AudienceOperand) => (o.kind === 'field' ? col(o) : sqlLiteral(o));
  const visit = (e: AudienceExpr): string => {
    switch (e.kind) {
      case 'and':
        return `(${visit(e.left)} AND ${visit(e.right)})`;
      case 'or':
        return `(${visit(e.left)} OR ${visit(e.right)})`;
      case 'not':
        return `(NOT ${visit(e.expr)})`;
      case 'flag':
        return `(${col(e.field)} = TRUE)`;
      case 'isNull':
        return `(${col(e.field)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
      case 'in':
        return `(${col(e.field)} ${e.negated ? 'NOT ' : ''}IN (${e.values.map(sqlLiteral).join(', ')}))`;
      case 'between':
        return `(${col(e.field)} ${e.negated ? 'NOT ' : ''}BETWEEN ${sqlLiteral(e.low)} AND ${sqlLiteral(e.high)})`;
      case 'compare':
        return `(${operand(e.left)} ${e.op === '!=' ? '<>' : e.op} ${operand(e.right)})`;
    }
  };
  return visit(expr);
}
