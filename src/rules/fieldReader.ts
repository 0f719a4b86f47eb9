// Typed reads of one mapping of a parsed rule file, each with the position of the value it read,
// so every mistake becomes a problem naming the file, line, column and field. Unknown keys are
// problems too (a misspelt guardrail must not be silently ignored).
import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import { parseDateArg } from '../snapshot/interactions.ts';
import type { RuleProblem } from './ruleFileError.ts';

export interface Where {
  file: string;
  lc: LineCounter;
  problems: RuleProblem[];
}

export function problemAt(w: Where, node: Node | null | undefined, field: string, reason: string, fallbackOffset = 0): void {
  const { line, col } = w.lc.linePos(node?.range?.[0] ?? fallbackOffset);
  w.problems.push({ file: w.file, line, column: col, field, reason });
}

export function posOf(w: Where, node: Node | null | undefined, fallbackOffset = 0): { line: number; col: number } {
  return w.lc.linePos(node?.range?.[0] ?? fallbackOffset);
}

type NumOpts = { min?: number; max?: number; int?: boolean };

export class FieldReader {
  private readonly pairs = new Map<string, Pair<Node, Node | null>>();

  constructor(
    readonly w: Where,
    readonly node: YAMLMap<Node, Node | null>,
    readonly path: string,
    allowed: readonly string[],
  ) {
    for (const p of node.items) {
      const key = isScalar(p.key) ? String(p.key.value) : null;
      if (key === null) {
        problemAt(w, p.key as Node, path, 'keys must be plain names');
        continue;
      }
      if (!allowed.includes(key)) {
        problemAt(w, p.key as Node, this.at(key), `unknown key '${key}'; allowed here: ${allowed.join(', ')}`);
        continue;
      }
      this.pairs.set(key, p as Pair<Node, Node | null>);
    }
  }

  at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  has(key: string): boolean {
    return this.pairs.has(key);
  }

  keys(): string[] {
    return [...this.pairs.keys()];
  }

  /** The value node of a key (null when absent or empty). */
  value(key: string): Node | null {
    return this.pairs.get(key)?.value ?? null;
  }

  /** Position of the key's value (else of the key, else of the mapping). */
  pos(key: string): { line: number; col: number } {
    const p = this.pairs.get(key);
    return posOf(this.w, p?.value ?? (p?.key as Node) ?? this.node);
  }

  problem(key: string, reason: string): void {
    problemAt(this.w, this.value(key) ?? (this.pairs.get(key)?.key as Node) ?? this.node, this.at(key), reason);
  }

  missing(key: string, what: string): void {
    problemAt(this.w, this.node, this.at(key), `required: ${what}`);
  }

  private scalar(key: string): unknown {
    const v = this.value(key);
    if (!this.has(key)) return undefined;
    if (!isScalar(v) || v.value === null) {
      this.problem(key, 'expected a single value');
      return undefined;
    }
    return v.value;
  }

  str(key: string, opts: { required?: string; pattern?: RegExp; patternHint?: string } = {}): string | null {
    const v = this.scalar(key);
    if (v === undefined) {
      if (opts.required && !this.has(key)) this.missing(key, opts.required);
      return null;
    }
    const s = String(v).trim();
    if (!s) {
      this.problem(key, 'must not be empty');
      return null;
    }
    if (opts.pattern && !opts.pattern.test(s)) {
      this.problem(key, `'${s}' ${opts.patternHint ?? 'is not allowed'}`);
      return null;
    }
    return s;
  }

  num(key: string, fallback: number | null, opts: NumOpts & { required?: string } = {}): number | null {
    const v = this.scalar(key);
    if (v === undefined) {
      if (opts.required && !this.has(key)) this.missing(key, opts.required);
      return fallback;
    }
    const n = typeof v === 'number' ? v : Number.NaN;
    const kind = opts.int ? 'a whole number' : 'a number';
    const range = `${opts.min !== undefined ? ` >= ${opts.min}` : ''}${opts.max !== undefined ? ` and <= ${opts.max}` : ''}`;
    if (
      !Number.isFinite(n) ||
      (opts.int && !Number.isInteger(n)) ||
      (opts.min !== undefined && n < opts.min) ||
      (opts.max !== undefined && n > opts.max)
    ) {
      this.problem(key, `expected ${kind}${range} (got ${JSON.stringify(v)})`);
      return fallback;
    }
    return n;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.scalar(key);
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') {
      this.problem(key, `expected true or false (got ${JSON.stringify(v)})`);
      return fallback;
    }
    return v;
  }

  date(key: string): Date | null {
    const s = this.str(key);
    if (s === null) return null;
    try {
      return parseDateArg(s);
    } catch {
      this.problem(key, `'${s}' is not a date (use YYYY-MM-DD)`);
      return null;
    }
  }

  /** A string or a list of strings (flow `[a, b]` or block). */
  strList(key: string): string[] | null {
    const v = this.value(key);
    if (!this.has(key)) return null;
    if (isScalar(v) && v.value !== null) return [String(v.value).trim()].filter(Boolean);
    if (!isSeq(v) || !v.items.length) {
      this.problem(key, 'expected a name or a non-empty list of names');
      return null;
    }
    const out: string[] = [];
    for (const [i, it] of v.items.entries()) {
      if (!isScalar(it) || it.value === null || !String(it.value).trim()) {
        problemAt(this.w, it as Node, `${this.at(key)}[${i}]`, 'expected a name');
      } else out.push(String(it.value).trim());
    }
    return out;
  }

  /** A nested mapping, read with its own allowed keys. */
  map(key: string, allowed: readonly string[]): FieldReader | null {
    const v = this.value(key);
    if (!this.has(key)) return null;
    if (!isMap(v)) {
      this.problem(key, `expected a mapping with keys ${allowed.join(', ')}`);
      return null;
    }
    return new FieldReader(this.w, v as YAMLMap<Node, Node | null>, this.at(key), allowed);
  }
}
