// Checked audience AST evaluated in JS over column arrays: the in-memory twin of audienceSql, used
// for tests and small audiences. Three-valued logic as in SQL (TRUE / FALSE / UNKNOWN); a row is
// selected only when the expression is TRUE. Missing values: null, undefined or NaN.
// Strings compare by Unicode code point, which is DuckDB's (UTF-8 byte) order.
import { audienceColumnName, type AudienceExpr, type AudienceOperand } from './audienceTypes.ts';

/** Column arrays by field name, all of the same length. Numbers/dates: numbers (epoch ms) or Dates; booleans: boolean or 0/1. */
export type AudienceColumns = Record<string, ArrayLike<unknown>>;

// Truth values: 1 = TRUE, 0 = FALSE, 2 = UNKNOWN.
type Tv = 0 | 1 | 2;
type Val = number | string | boolean | null;

/** Mask of length n: 1 where `expr` is TRUE for row i. */
export function audienceMask(expr: AudienceExpr, columns: AudienceColumns, n: number): Uint8Array {
  const fn = compile(expr, columns);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = fn(i) === 1 ? 1 : 0;
  return out;
}

function compile(e: AudienceExpr, cols: AudienceColumns): (i: number) => Tv {
  const reader = (o: AudienceOperand): ((i: number) => Val) => {
    if (o.kind === 'literal') {
      const v = o.value;
      return () => v;
    }
    const c = cols[audienceColumnName(o)];
    if (!c) throw new Error(`audience: no column '${audienceColumnName(o)}' was provided`);
    if (o.type === 'boolean')
      return (i) => {
        const v = normalise(c[i]);
        return typeof v === 'number' ? v !== 0 : v;
      };
    return (i) => normalise(c[i]);
  };
  switch (e.kind) {
    case 'and': {
      const a = compile(e.left, cols),
        b = compile(e.right, cols);
      return (i) => {
        const x = a(i);
        if (x === 0) return 0;
        const y = b(i);
        return y === 0 ? 0 : x === 1 && y === 1 ? 1 : 2;
      };
    }
    case 'or': {
      const a = compile(e.left, cols),
        b = compile(e.right, cols);
      return (i) => {
        const x = a(i);
        if (x === 1) return 1;
        const y = b(i);
        return y === 1 ? 1 : x === 0 && y === 0 ? 0 : 2;
      };
    }
    case 'not': {
      const a = compile(e.expr, cols);
      return (i) => {
        const x = a(i);
        return x === 2 ? 2 : x === 1 ? 0 : 1;
      };
    }
    case 'flag': {
      const r = reader(e.field);
      return (i) => {
        const v = r(i);
        return v === null ? 2 : v === true ? 1 : 0;
      };
    }
    case 'isNull': {
      const r = reader(e.field);
      return (i) => ((r(i) === null) !== e.negated ? 1 : 0);
    }
    case 'compare': {
      const l = reader(e.left),
        r = reader(e.right),
        op = e.op;
      return (i) => {
        const a = l(i),
          b = r(i);
        if (a === null || b === null) return 2;
        const c = cmp(a, b);
        const t = op === '=' ? c === 0 : op === '!=' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
        return t ? 1 : 0;
      };
    }
    case 'between': {
      const r = reader(e.field),
        lo = e.low.value,
        hi = e.high.value,
        neg = e.negated;
      return (i) => {
        const v = r(i);
        if (v === null) return 2;
        const t = cmp(v, lo) >= 0 && cmp(v, hi) <= 0;
        return t !== neg ? 1 : 0;
      };
    }
    case 'in': {
      const r = reader(e.field),
        vals = e.values.map((v) => v.value),
        neg = e.negated;
      return (i) => {
        const v = r(i);
        if (v === null) return 2;
        const hit = vals.some((x) => cmp(v, x) === 0);
        return hit !== neg ? 1 : 0;
      };
    }
  }
}

function normalise(v: unknown): Val {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

function cmp(a: Val, b: Val): number {
  if (typeof a === 'string' && typeof b === 'string') return cmpCodePoints(a, b);
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** String order by code point: UTF-16 units ≥ U+E000 must sort below surrogate pairs (U+10000+). */
export function cmpCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i),
      y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
