// The customers of an individual-level offer, from a file: one id per line (the first CSV column),
// an optional `customer_id` header, blank lines skipped. Each id keeps its line for error messages.
import { readFileSync } from 'node:fs';
import { UserError } from '../domain/errors.ts';

export interface IdLines {
  ids: string[];
  lines: number[];
}

export function customerIdsFromFile(path: string, label = path): IdLines {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`${label}: cannot read the customers file (${(e as Error).message})`);
  }
  const out: IdLines = { ids: [], lines: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const id = raw
      .split(/[,;\t]/)[0]
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (!id || (i === 0 && id.toLowerCase() === 'customer_id')) return;
    out.ids.push(id);
    out.lines.push(i + 1);
  });
  return out;
}
