// The stored segment definitions. Built-ins are seeded lazily (on the first read of a store that lacks
// them), so a user's edits survive and a store made before segments existed gets them too.
import { ConflictError, NotFoundError, UserError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { BUILTIN_IDS, BUILTIN_SEGMENTS, type SegmentDefinition } from './builtinSegments.ts';
import { withSegmentLock } from './segmentLock.ts';

export interface SegmentRow extends SegmentDefinition {
  builtin: boolean;
  /** True when a built-in's stored definition differs from the shipped one. */
  edited: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Refuses ids that would not survive a URL path or a CSV cell unquoted. */
export function checkSegmentId(id: string): void {
  if (!ID_RE.test(id)) {
    throw new UserError(`segment id '${id}': use 1–64 letters, digits, '-', '_' or '.', starting with a letter or digit`);
  }
}

// A built-in never edited (updated_at = created_at) follows the shipped definition, so a newer version's
// definition reaches stores seeded by an older one; an edited one keeps the user's. Reads first: a
// store already up to date is not written.
async function seedBuiltins(store: Store): Promise<void> {
  type Stored = { segment_id: string; name: string; description: string; expression: string; pristine: boolean };
  const rows = await store.all<Stored>(
    `SELECT segment_id, name, description, expression, updated_at = created_at AS pristine FROM segments WHERE builtin`,
  );
  const stored = new Map(rows.map((r) => [r.segment_id, r]));
  const stale = (b: SegmentDefinition) => {
    const r = stored.get(b.id);
    return !r || (r.pristine && (r.name !== b.name || r.description !== b.description || r.expression !== b.expression));
  };
  if (!BUILTIN_SEGMENTS.some(stale)) return;
  await withSegmentLock(async () => {
    for (const b of BUILTIN_SEGMENTS) {
      await store.run(
        `INSERT INTO segments VALUES (?, ?, ?, ?, TRUE, now()::TIMESTAMP, now()::TIMESTAMP) ON CONFLICT (segment_id) DO NOTHING`,
        [b.id, b.name, b.description, b.expression],
      );
      await store.run(
        `UPDATE segments SET name = ?, description = ?, expression = ? WHERE segment_id = ? AND builtin
        AND updated_at = created_at AND (name <> ? OR description <> ? OR expression <> ?)`,
        [b.name, b.description, b.expression, b.id, b.name, b.description, b.expression],
      );
    }
  });
}

function fromRow(r: Record<string, unknown>): SegmentRow {
  const id = r.segment_id as string;
  const shipped = BUILTIN_SEGMENTS.find((b) => b.id === id);
  const row = {
    id,
    name: r.name as string,
    description: (r.description as string | null) ?? '',
    expression: r.expression as string,
    builtin: r.builtin as boolean,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
  const edited =
    !!shipped && (shipped.name !== row.name || shipped.description !== row.description || shipped.expression !== row.expression);
  return { ...row, edited };
}

/** Every segment, built-ins first (in their shipped order), then user segments by id. */
export async function listSegments(store: Store): Promise<SegmentRow[]> {
  await seedBuiltins(store);
  const rows = (await store.all(`SELECT * FROM segments ORDER BY builtin DESC, segment_id`)).map(fromRow);
  const order = (s: SegmentRow) => (s.builtin ? BUILTIN_SEGMENTS.findIndex((b) => b.id === s.id) : BUILTIN_SEGMENTS.length);
  return rows.sort((a, b) => order(a) - order(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function getSegment(store: Store, id: string): Promise<SegmentRow> {
  await seedBuiltins(store);
  const r = await store.one(`SELECT * FROM segments WHERE segment_id = ?`, [id]);
  if (!r) throw new NotFoundError(`no segment '${id}' (see: nextbest segments list)`);
  return fromRow(r);
}

export async function insertSegment(store: Store, d: SegmentDefinition): Promise<void> {
  checkSegmentId(d.id);
  await seedBuiltins(store);
  if (await store.one(`SELECT 1 FROM segments WHERE segment_id = ?`, [d.id])) {
    throw new ConflictError(`segment '${d.id}' already exists; change it with: nextbest segments edit ${d.id} …`);
  }
  await store.run(`INSERT INTO segments VALUES (?, ?, ?, ?, FALSE, now()::TIMESTAMP, now()::TIMESTAMP)`, [
    d.id,
    d.name,
    d.description,
    d.expression,
  ]);
}

export async function updateSegment(store: Store, d: SegmentDefinition): Promise<void> {
  await store.run(`UPDATE segments SET name = ?, description = ?, expression = ?, updated_at = now()::TIMESTAMP WHERE segment_id = ?`, [
    d.name,
    d.description,
    d.expression,
    d.id,
  ]);
}

/** Removes a user segment with its refresh history; a built-in goes back to its shipped definition. */
export async function deleteSegment(store: Store, id: string): Promise<'deleted' | 'reset'> {
  await getSegment(store, id);
  const shipped = BUILTIN_SEGMENTS.find((b) => b.id === id);
  if (shipped && BUILTIN_IDS.has(id)) {
    await store.run(`UPDATE segments SET name = ?, description = ?, expression = ?, updated_at = created_at WHERE segment_id = ?`, [
      shipped.name,
      shipped.description,
      shipped.expression,
      id,
    ]);
    return 'reset';
  }
  await store.transaction(async () => {
    await store.run(`DELETE FROM segment_members WHERE refresh_id IN (SELECT refresh_id FROM segment_refreshes WHERE segment_id = ?)`, [
      id,
    ]);
    await store.run(`DELETE FROM segment_refreshes WHERE segment_id = ?`, [id]);
    await store.run(`DELETE FROM segments WHERE segment_id = ?`, [id]);
  });
  return 'deleted';
}
