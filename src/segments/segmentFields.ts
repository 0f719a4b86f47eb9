// What a segment expression may name: the computed customer features, the customers table's typed
// attributes, and the model outputs (modelOutputFields). Checking an expression here is what makes a
// bad definition fail at create/edit time with the column of the mistake.
import { audienceFields } from '../audience/audienceFields.ts';
import { audienceFromText } from '../audience/checkAudience.ts';
import type { AudienceExpr, AudienceField } from '../audience/audienceTypes.ts';
import type { Store } from '../store/store.ts';
import { modelOutputFields } from './modelOutputFields.ts';
import { customerColumns } from '../store/customerColumns.ts';

export async function segmentFields(store: Store): Promise<AudienceField[]> {
  const attrs = (await customerColumns(store)).filter((c) => c.name !== 'customer_id');
  const base = audienceFields(attrs);
  const names = new Set(base.map((f) => f.name));
  return [...base, ...(await modelOutputFields(store)).filter((f) => !names.has(f.name))];
}

/** The checked AST of a segment expression; throws AudienceError (exit 2, HTTP 400) naming the column. */
export async function checkSegmentExpression(store: Store, expression: string): Promise<AudienceExpr> {
  return audienceFromText(expression, await segmentFields(store));
}
