// Creating and changing segment definitions. The expression is checked against the fields the store
// offers before anything is stored, so a typo fails here (with its column), not at the next refresh.
import { UserError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { checkSegmentExpression } from './segmentFields.ts';
import { getSegment, insertSegment, updateSegment, type SegmentRow } from './segmentTable.ts';

export interface SegmentPatch {
  name?: string;
  description?: string;
  expression?: string;
}

function checkName(name: string): string {
  const n = name.trim();
  if (!n) throw new UserError('the segment name cannot be empty');
  return n;
}

export async function createSegment(
  store: Store,
  d: { id: string; name?: string; description?: string; expression: string },
): Promise<SegmentRow> {
  await checkSegmentExpression(store, d.expression);
  const name = checkName(d.name ?? d.id);
  await insertSegment(store, { id: d.id, name, description: d.description ?? '', expression: d.expression.trim() });
  return getSegment(store, d.id);
}

export async function editSegment(store: Store, id: string, patch: SegmentPatch): Promise<SegmentRow> {
  const cur = await getSegment(store, id);
  if (patch.name === undefined && patch.description === undefined && patch.expression === undefined) {
    throw new UserError('nothing to change: give a name, a description or an expression');
  }
  if (patch.expression !== undefined) await checkSegmentExpression(store, patch.expression);
  await updateSegment(store, {
    id,
    name: patch.name === undefined ? cur.name : checkName(patch.name),
    description: patch.description ?? cur.description,
    expression: patch.expression?.trim() ?? cur.expression,
  });
  return getSegment(store, id);
}
