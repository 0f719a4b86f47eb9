// Recursive-descent parser of the audience language (grammar in docs/audience.md):
//   expr      := and_expr ('or' and_expr)*
//   and_expr  := unary ('and' unary)*
//   unary     := 'not' unary | '(' expr ')' | predicate
//   predicate := operand [ cmp operand | ['not'] 'in' '(' literal (',' literal)* ')'
//                         | ['not'] 'between' literal 'and' literal | 'is' ['not'] 'null' ]
//   operand   := name ['(' 'text' ')'] | literal ;  literal := ['-'] number | 'string' | true | false | date 'YYYY-MM-DD[ HH:MM[:SS]]'
// Field names are not resolved here (see checkAudience); the AST keeps source columns for errors.
import {
  AudienceError,
  type AudienceExpr,
  type AudienceFieldRef,
  type AudienceLiteral,
  type AudienceOperand,
  type CompareOp,
} from './audienceTypes.ts';
import { tokensFromAudience, type Token } from './tokensFromAudience.ts';

const CMP = ['=', '!=', '<', '<=', '>', '>='];
/** Parentheses and `not`s nest at most this deep: deeper input would overflow the recursive parser (and DuckDB's). */
export const MAX_AUDIENCE_DEPTH = 100;
const AFTER_FIELD = [...CMP, 'in', 'between', 'is'];

export function parseAudience(src: string): AudienceExpr {
  const toks = tokensFromAudience(src);
  let pos = 0;
  let depth = 0;
  const peek = (): Token => toks[pos];
  const isKw = (t: Token, kw: string) => t.kind === 'keyword' && t.text === kw;
  const fail = (t: Token, expected: string[]): never => {
    const what = t.kind === 'end' ? 'end of expression' : `token '${t.text}'`;
    throw new AudienceError(`unexpected ${what} at column ${t.col}; expected ${expected.join(', ')}`, t.col);
  };
  const expectKw = (kw: string) => {
    if (!isKw(peek(), kw)) fail(peek(), [kw]);
    pos++;
  };

  function literal(): AudienceLiteral {
    const t = peek();
    if (t.kind === 'op' && t.value === '-' && toks[pos + 1].kind === 'number') {
      pos += 2;
      return { kind: 'literal', type: 'number', value: -Number(toks[pos - 1].value), col: t.col };
    }
    if (t.kind === 'number') {
      pos++;
      return { kind: 'literal', type: 'number', value: Number(t.value), col: t.col };
    }
    if (t.kind === 'string') {
      pos++;
      return { kind: 'literal', type: 'string', value: t.value, col: t.col };
    }
    if (isKw(t, 'true') || isKw(t, 'false')) {
      pos++;
      return { kind: 'literal', type: 'boolean', value: t.text === 'true', col: t.col };
    }
    if (isKw(t, 'date') || isKw(t, 'timestamp')) {
      pos++;
      const s = peek();
      if (s.kind !== 'string') fail(s, [`a quoted date after ${t.text}, e.g. ${t.text} '2023-01-01'`]);
      pos++;
      const ms = epochFromDateText(s.value);
      if (ms === null)
        throw new AudienceError(`not a valid date '${s.value}' at column ${s.col} (use YYYY-MM-DD or YYYY-MM-DD HH:MM)`, s.col);
      return { kind: 'literal', type: 'date', value: ms, col: t.col };
    }
    return fail(t, ["a value (number, 'text', true, false, date 'YYYY-MM-DD')"]);
  }

  function operand(): AudienceOperand {
    const t = peek();
    if (t.kind === 'ident') {
      pos++;
      if (peek().kind !== '(') return { kind: 'field', name: t.value, col: t.col, type: null };
      // A parametrised field: name '(' 'text' ')'.
      pos++;
      const a = peek();
      if (a.kind !== 'string') fail(a, [`a quoted argument, e.g. ${t.value}('family=bags')`]);
      pos++;
      if (peek().kind !== ')') fail(peek(), [')']);
      pos++;
      return { kind: 'field', name: t.value, col: t.col, type: null, arg: a.value };
    }
    if (t.kind === 'keyword' && t.text === 'null') {
      throw new AudienceError(`null at column ${t.col} cannot be compared; write 'field is null' or 'field is not null'`, t.col);
    }
    if (t.kind === 'keyword' && !['true', 'false', 'date', 'timestamp'].includes(t.text)) {
      fail(t, ['a field name (quote names that are keywords: "' + t.value + '")', 'a value', 'not', '(']);
    }
    return literal();
  }

  function predicate(): AudienceExpr {
    const left = operand();
    const t = peek();
    if (t.kind === 'op' && CMP.includes(t.value)) {
      pos++;
      const right = operand();
      return { kind: 'compare', op: t.value as CompareOp, left, right, col: t.col };
    }
    const negated = isKw(t, 'not') && (isKw(toks[pos + 1], 'in') || isKw(toks[pos + 1], 'between'));
    const kwTok = negated ? toks[pos + 1] : t;
    if (isKw(kwTok, 'in') || isKw(kwTok, 'between') || isKw(kwTok, 'is')) {
      if (left.kind !== 'field')
        throw new AudienceError(`'${kwTok.text}' at column ${kwTok.col} needs a field name on its left`, kwTok.col);
      pos += negated ? 2 : 1;
      if (kwTok.text === 'is') {
        const neg = isKw(peek(), 'not');
        if (neg) pos++;
        expectKw('null');
        return { kind: 'isNull', field: left, negated: neg, col: kwTok.col };
      }
      if (kwTok.text === 'between') {
        const low = literal();
        expectKw('and');
        const high = literal();
        return { kind: 'between', field: left, low, high, negated, col: kwTok.col };
      }
      if (peek().kind !== '(') fail(peek(), ['( after in']);
      pos++;
      const values = [literal()];
      while (peek().kind === ',') {
        pos++;
        values.push(literal());
      }
      if (peek().kind !== ')') fail(peek(), [',', ')']);
      pos++;
      return { kind: 'in', field: left, values, negated, col: kwTok.col };
    }
    if (left.kind === 'field') {
      // A bare field is a boolean condition; anything else following it is reported with the
      // operators that could have continued the predicate.
      const f = left as AudienceFieldRef;
      if (!followsExpression(peek())) fail(peek(), ['and', 'or', ...AFTER_FIELD, depth > 0 ? ')' : 'end of expression']);
      return { kind: 'flag', field: f };
    }
    return fail(t, CMP);
  }

  const followsExpression = (t: Token) => t.kind === 'end' || t.kind === ')' || isKw(t, 'and') || isKw(t, 'or');

  let nested = 0; // parentheses and `not`s open around the current token
  const deeper = (t: Token) => {
    if (++nested > MAX_AUDIENCE_DEPTH) {
      throw new AudienceError(`nested more than ${MAX_AUDIENCE_DEPTH} levels deep (parentheses or not) at column ${t.col}`, t.col);
    }
  };

  function unary(): AudienceExpr {
    const t = peek();
    if (isKw(t, 'not')) {
      pos++;
      deeper(t);
      const inner = unary();
      nested--;
      return { kind: 'not', expr: inner };
    }
    if (t.kind === '(') {
      pos++;
      depth++;
      deeper(t);
      const e = orExpr();
      if (peek().kind !== ')') fail(peek(), ['and', 'or', ')']);
      pos++;
      depth--;
      nested--;
      return e;
    }
    if (t.kind === 'end' || t.kind === ')' || isKw(t, 'and') || isKw(t, 'or')) {
      fail(t, ['a field name', 'a value', 'not', '(']);
    }
    return predicate();
  }

  function andExpr(): AudienceExpr {
    let e = unary();
    while (isKw(peek(), 'and')) {
      pos++;
      e = { kind: 'and', left: e, right: unary() };
    }
    return e;
  }

  function orExpr(): AudienceExpr {
    let e = andExpr();
    while (isKw(peek(), 'or')) {
      pos++;
      e = { kind: 'or', left: e, right: andExpr() };
    }
    return e;
  }

  if (peek().kind === 'end') throw new AudienceError('the expression is empty', 1);
  const e = orExpr();
  if (peek().kind !== 'end') fail(peek(), ['and', 'or', 'end of expression']);
  return e;
}

/** `YYYY-MM-DD[ HH:MM[:SS]]` as wall-clock epoch ms, or null when malformed or impossible (2021-02-30). */
export function epochFromDateText(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', se = '0'] = m;
  const t = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +se));
  if (t.getUTCMonth() !== +mo - 1 || t.getUTCDate() !== +d || +h > 23 || +mi > 59 || +se > 59) return null;
  return t.getTime();
}
