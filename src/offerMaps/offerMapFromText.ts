// Parses a segment → offer map from YAML or JSON text (JSON is YAML), with every mistake reported
// at its line and column: YAML syntax errors from the parser, schema errors at the node the zod
// issue's path points to (or its nearest existing parent).
import { LineCounter, parseDocument, type Document } from 'yaml';
import { InputError, type RowProblem } from '../domain/errors.ts';
import { offerMapSchema, type OfferMap } from './offerMapSchema.ts';

export function offerMapFromText(text: string, file = 'map'): OfferMap {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lc.linePos(offset);
  const problems: RowProblem[] = doc.errors.map((e) => {
    const p = at(e.pos[0]);
    return { file, line: p.line, column: String(p.col), reason: e.message.split('\n')[0] };
  });
  if (problems.length) throw new InputError(problems, problems.length, `${file}: not valid YAML/JSON; nothing was saved`);
  const parsed = offerMapSchema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => {
    const path = i.path.map((k) => (typeof k === 'symbol' ? String(k) : k));
    // an unknown key is reported at the key itself, not at the mapping holding it
    const unknown = i.code === 'unrecognized_keys' ? (i as { keys: string[] }).keys[0] : undefined;
    const p = at(unknown === undefined ? offsetOf(doc, path) : (keyOffset(doc, path, unknown) ?? offsetOf(doc, path)));
    if (unknown !== undefined) path.push(unknown);
    const field = path.length ? path.join('.') : '(top level)';
    return { file, line: p.line, column: `${p.col} (${field})`, reason: i.message };
  });
  throw new InputError(issues, issues.length, `${file}: ${issues.length} problem(s) in the map; nothing was saved`);
}

/** Line and column of the node at `path` in `text` (for errors found after parsing, e.g. an unknown offer id). */
export function positionInText(text: string, path: (string | number)[], key?: string): { line: number; col: number } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  return lc.linePos((key !== undefined ? keyOffset(doc, path, key) : undefined) ?? offsetOf(doc, path));
}

function keyOffset(doc: Document, path: (string | number)[], key: string): number | undefined {
  const holder = (path.length ? doc.getIn(path, true) : doc.contents) as {
    items?: { key?: { value?: unknown; range?: number[] } }[];
  } | null;
  const pair = holder?.items?.find((it) => it.key?.value === key);
  return pair?.key?.range?.[0];
}

/** Start offset of the node at `path`, else of its nearest parent that exists (a missing key: the map holding it). */
function offsetOf(doc: Document, path: (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return node.range[0];
  }
  return 0;
}
