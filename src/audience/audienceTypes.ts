// The audience filter language's shared types: field declarations, the AST, and its error.
// The parser builds the AST; checkAudience resolves field names and types; the two back ends
// (audienceSql → DuckDB WHERE text, audienceMask → JS over column arrays) read only checked ASTs.
import { UserError } from '../domain/errors.ts';

export type AudienceFieldType = 'number' | 'string' | 'boolean' | 'date';

/** A field the expression may name: a customer attribute, a computed feature or a model output. */
export interface AudienceField {
  name: string;
  type: AudienceFieldType;
  /** For string fields with a closed vocabulary (e.g. clv_tier): literals must be one of these. */
  values?: readonly string[];
  /** A parametrised field written as a call with one text argument: `offer_rank('family=bags')`. */
  takesArg?: { example: string };
}

/** A constant as written. Dates are wall-clock epoch ms (the project's UTC-epoch-of-wall-clock convention). */
export type AudienceLiteral =
  | { kind: 'literal'; type: 'number'; value: number; col: number }
  | { kind: 'literal'; type: 'string'; value: string; col: number }
  | { kind: 'literal'; type: 'boolean'; value: boolean; col: number }
  | { kind: 'literal'; type: 'date'; value: number; col: number };

/**
 * A field reference; `type` is filled in by checkAudience (null straight out of the parser). `arg` is
 * the text argument of a parametrised field (`offer_rank('family=bags')`).
 */
export interface AudienceFieldRef {
  kind: 'field';
  name: string;
  col: number;
  type: AudienceFieldType | null;
  arg?: string;
}

/** The column a back end reads for a field ref: its name, or `name(arg)` for a parametrised field. */
export function audienceColumnName(ref: { name: string; arg?: string }): string {
  return ref.arg === undefined ? ref.name : `${ref.name}(${ref.arg})`;
}

export type AudienceOperand = AudienceFieldRef | AudienceLiteral;
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type AudienceExpr =
  | { kind: 'and' | 'or'; left: AudienceExpr; right: AudienceExpr }
  | { kind: 'not'; expr: AudienceExpr }
  | { kind: 'compare'; op: CompareOp; left: AudienceOperand; right: AudienceOperand; col: number }
  | { kind: 'in'; field: AudienceFieldRef; values: AudienceLiteral[]; negated: boolean; col: number }
  | { kind: 'between'; field: AudienceFieldRef; low: AudienceLiteral; high: AudienceLiteral; negated: boolean; col: number }
  | { kind: 'isNull'; field: AudienceFieldRef; negated: boolean; col: number }
  /** A bare boolean field used as a condition: `is_member`. */
  | { kind: 'flag'; field: AudienceFieldRef };

/** A bad audience expression: exit code 2, with the 1-based column where the problem starts. */
export class AudienceError extends UserError {
  constructor(
    readonly reason: string,
    readonly column: number,
  ) {
    super(`audience: ${reason}`);
    this.name = 'AudienceError';
  }
}
