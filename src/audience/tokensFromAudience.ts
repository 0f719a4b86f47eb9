// Tokenizer of the audience language. Keywords are case-insensitive; identifiers keep their case
// ("double quoted" identifiers may hold any character and are never keywords); strings are
// 'single quoted' with '' for a quote. Columns are 1-based positions in the source text.
import { AudienceError } from './audienceTypes.ts';

export type TokenKind = 'ident' | 'keyword' | 'string' | 'number' | 'op' | '(' | ')' | ',' | 'end';

export interface Token {
  kind: TokenKind;
  /** Source text as written (for error messages); for keywords, the lower-cased keyword. */
  text: string;
  /** Identifier name, string contents or number text. */
  value: string;
  col: number;
}

export const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'between', 'is', 'null', 'true', 'false', 'date', 'timestamp']);
const OPS = ['<=', '>=', '!=', '<>', '=', '<', '>', '-'];

export function tokensFromAudience(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    const col = i + 1;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      out.push({ kind: ch, text: ch, value: ch, col });
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      // Quoted string or identifier; a doubled quote stands for one quote character.
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= src.length) {
          throw new AudienceError(`unterminated ${ch === "'" ? 'string' : 'quoted name'} starting at column ${col}`, col);
        }
        if (src[j] === ch) {
          if (src[j + 1] === ch) {
            value += ch;
            j += 2;
            continue;
          }
          break;
        }
        value += src[j++];
      }
      if (ch === '"' && value === '') throw new AudienceError(`empty quoted name at column ${col}`, col);
      out.push({ kind: ch === "'" ? 'string' : 'ident', text: src.slice(i, j + 1), value, col });
      i = j + 1;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      if (/[A-Za-z_]/.test(src[i + num[0].length] ?? '')) {
        const word = /^[A-Za-z0-9_.]+/.exec(src.slice(i))![0];
        throw new AudienceError(`'${word}' at column ${col} is neither a number nor a name (names start with a letter or _)`, col);
      }
      // 1e309 is Infinity in JS and in SQL: no field compares meaningfully with it.
      if (!Number.isFinite(Number(num[0]))) {
        throw new AudienceError(`number ${num[0]} at column ${col} is out of range (the largest is about 1.8e308)`, col);
      }
      out.push({ kind: 'number', text: num[0], value: num[0], col });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (word) {
      const lower = word[0].toLowerCase();
      if (KEYWORDS.has(lower)) out.push({ kind: 'keyword', text: lower, value: word[0], col });
      else out.push({ kind: 'ident', text: word[0], value: word[0], col });
      i += word[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ kind: 'op', text: op, value: op === '<>' ? '!=' : op, col });
      i += op.length;
      continue;
    }
    throw new AudienceError(`unexpected character '${ch}' at column ${col}`, col);
  }
  out.push({ kind: 'end', text: 'end of expression', value: '', col: src.length + 1 });
  return out;
}
