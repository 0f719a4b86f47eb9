// Resolves field names against the caller's known fields and type-checks every predicate, so the
// back ends never see an unknown column or a string compared with a number. Returns a new AST
// whose field refs carry the canonical name and type.
import { parseAudience } from './parseAudience.ts';
import {
  AudienceError,
  type AudienceExpr,
  type AudienceField,
  type AudienceFieldRef,
  type AudienceLiteral,
  type AudienceOperand,
} from './audienceTypes.ts';

/** Parses and checks in one step: the entry point for callers holding user text. */
export function audienceFromText(src: string, fields: readonly AudienceField[]): AudienceExpr {
  return checkAudience(parseAudience(src), fields);
}

export function checkAudience(expr: AudienceExpr, fields: readonly AudienceField[]): AudienceExpr {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const byLower = new Map<string, AudienceField[]>();
  for (const f of fields) byLower.set(f.name.toLowerCase(), [...(byLower.get(f.name.toLowerCase()) ?? []), f]);

  const resolve = (ref: AudienceFieldRef): AudienceField => {
    // Exact match first; otherwise a unique case-insensitive match (DuckDB names are case-insensitive).
    const f =
      byName.get(ref.name) ?? (byLower.get(ref.name.toLowerCase())?.length === 1 ? byLower.get(ref.name.toLowerCase())![0] : undefined);
    if (f) return f;
    const known = fields.map((k) => k.name).sort();
    const close = known.filter((k) => editDistance(k.toLowerCase(), ref.name.toLowerCase()) <= 2);
    const hint = close.length ? `did you mean ${close.join(' or ')}? ` : '';
    throw new AudienceError(`unknown field '${ref.name}' at column ${ref.col}; ${hint}known fields: ${known.join(', ')}`, ref.col);
  };
  const field = (ref: AudienceFieldRef): AudienceFieldRef => {
    const f = resolve(ref);
    if (f.takesArg && ref.arg === undefined) {
      throw new AudienceError(`${f.name} at column ${ref.col} needs an argument, e.g. ${f.takesArg.example}`, ref.col);
    }
    if (!f.takesArg && ref.arg !== undefined) {
      throw new AudienceError(`${f.name} at column ${ref.col} is a field, not a function: write ${f.name} without (…)`, ref.col);
    }
    return { kind: 'field', name: f.name, col: ref.col, type: f.type, ...(ref.arg === undefined ? {} : { arg: ref.arg }) };
  };
  const literalFits = (f: AudienceFieldRef, lit: AudienceLiteral) => {
    if (lit.type !== f.type) {
      const shown = lit.type === 'string' ? `'${lit.value}'` : lit.type === 'date' ? 'a date' : String(lit.value);
      const hint =
        f.type === 'date' && lit.type === 'string'
          ? ` (write date '${lit.value}')`
          : f.type === 'string' && lit.type === 'number'
            ? ` (write '${lit.value}' in quotes)`
            : '';
      throw new AudienceError(`cannot compare ${f.name} (${f.type}) with ${lit.type} ${shown} at column ${lit.col}${hint}`, lit.col);
    }
    const spec = fields.find((x) => x.name === f.name);
    if (lit.type === 'string' && spec?.values && !spec.values.includes(lit.value)) {
      throw new AudienceError(
        `unknown value '${lit.value}' for ${f.name} at column ${lit.col}; expected one of ${spec.values.join(', ')}`,
        lit.col,
      );
    }
  };
  const noOrder = (f: AudienceFieldRef, what: string, col: number) => {
    if (f.type === 'boolean')
      throw new AudienceError(`${what} at column ${col} does not apply to the boolean field ${f.name}; use = true / = false`, col);
  };

  const visit = (e: AudienceExpr): AudienceExpr => {
    switch (e.kind) {
      case 'and':
      case 'or':
        return { kind: e.kind, left: visit(e.left), right: visit(e.right) };
      case 'not':
        return { kind: 'not', expr: visit(e.expr) };
      case 'flag': {
        const f = field(e.field);
        if (f.type !== 'boolean') {
          throw new AudienceError(
            `${f.name} at column ${f.col} is a ${f.type}, not a condition; compare it, e.g. ${f.name} ${f.type === 'string' ? "= '…'" : '> …'}`,
            f.col,
          );
        }
        return { kind: 'flag', field: f };
      }
      case 'isNull':
        return { ...e, field: field(e.field) };
      case 'in': {
        const f = field(e.field);
        e.values.forEach((v) => literalFits(f, v));
        return { ...e, field: f };
      }
      case 'between': {
        const f = field(e.field);
        noOrder(f, 'between', e.col);
        literalFits(f, e.low);
        literalFits(f, e.high);
        return { ...e, field: f };
      }
      case 'compare': {
        if (e.left.kind === 'literal' && e.right.kind === 'literal') {
          throw new AudienceError(`the comparison at column ${e.col} has no field on either side`, e.col);
        }
        const side = (o: AudienceOperand): AudienceOperand => (o.kind === 'field' ? field(o) : o);
        const left = side(e.left);
        const right = side(e.right);
        const f = (left.kind === 'field' ? left : right) as AudienceFieldRef;
        const other = left.kind === 'field' ? right : left;
        if (other.kind === 'field') {
          if (other.type !== f.type) {
            throw new AudienceError(`cannot compare ${f.name} (${f.type}) with ${other.name} (${other.type}) at column ${e.col}`, e.col);
          }
        } else literalFits(f, other);
        if (e.op !== '=' && e.op !== '!=') noOrder(f, `'${e.op}'`, e.col);
        return { ...e, left, right };
      }
    }
  };
  return visit(expr);
}

/** Levenshtein distance, for "did you mean" hints on short field names. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
