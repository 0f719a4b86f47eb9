// `promotions import FILE`: reads a CSV / JSON / NDJSON / Parquet promotions file with the ingest
// readers (so malformed files fail with their line), checks every record and stores the whole pool
// in one transaction — or nothing, with every problem as file:line: column: reason.
import { InputError, type RowProblem } from '../domain/errors.ts';
import { rawFromFile } from '../ingest/rawFromFile.ts';
import { withPhysicalLines } from '../ingest/physicalLines.ts';
import { quoteIdent, type Store } from '../store/store.ts';
import { PROMOTION_FIELDS, promotionFromRecord } from './promotionFromRecord.ts';
import type { Promotion } from './promotion.ts';
import { upsertPromotions } from './promotionTable.ts';

export interface PromotionImport {
  file: string;
  imported: number;
  replaced: number;
  total: number;
}

let seq = 0;

/** `label`: the name messages show for the file (the path as the user typed it). */
export async function importPromotions(
  store: Store,
  file: string,
  opts: { label?: string; maxErrors?: number } = {},
): Promise<PromotionImport> {
  const label = opts.label ?? file,
    maxErrors = opts.maxErrors ?? 20;
  const name = `_promotions_raw${++seq}`;
  const raw = await rawFromFile(store, name, file, {});
  try {
    const problems: RowProblem[] = [];
    const known = new Set<string>(PROMOTION_FIELDS);
    for (const c of raw.columns) {
      if (known.has(c.name)) continue;
      problems.push({ file: label, line: 1, column: c.name, reason: `unknown column (columns: ${PROMOTION_FIELDS.join(', ')})` });
    }
    const rows = await store.all<Record<string, unknown>>(`SELECT * FROM ${quoteIdent(name)} ORDER BY rowid`);
    const cols = await store.all<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'products'`,
    );
    const attributes = new Set(cols.map((c) => c.name).filter((c) => c !== 'product_id' && c !== 'name' && c !== 'price'));
    const promotions: Promotion[] = [];
    const firstLine = new Map<string, number>();
    rows.forEach((rec, r) => {
      const line = raw.lineBase + r;
      const got = promotionFromRecord(rec, { file: label, line, attributes });
      problems.push(...got.problems);
      if (!got.promotion) return;
      const first = firstLine.get(got.promotion.promotionId);
      if (first !== undefined) {
        const reason = `duplicate id '${got.promotion.promotionId}', first at line ${first}`;
        problems.push({ file: label, line, column: 'promotion_id', reason });
      } else {
        firstLine.set(got.promotion.promotionId, line);
        promotions.push(got.promotion);
      }
    });
    if (rows.length === 0) problems.push({ file: label, line: raw.lineBase, column: '(file)', reason: 'no promotions in the file' });
    if (problems.length) {
      if (raw.dialect)
        await withPhysicalLines(
          problems.filter((p) => p.line >= raw.lineBase),
          file,
          raw.dialect,
          raw.lineBase,
        );
      const header = `${label}: ${problems.length} problem(s) found; no promotion was stored`;
      throw new InputError(problems.slice(0, maxErrors), problems.length, header);
    }
    const existing = new Set((await store.all<{ id: string }>(`SELECT promotion_id AS id FROM promotions`)).map((r) => r.id));
    await store.transaction(() => upsertPromotions(store, promotions));
    const replaced = promotions.filter((p) => existing.has(p.promotionId)).length;
    const total = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM promotions`))!.n);
    return { file: label, imported: promotions.length - replaced, replaced, total };
  } finally {
    await store.run(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
  }
}
