// An audience expression over the customer features *and* the model outputs ("AI attributes"), as
// the relation (aliased f) plus the WHERE condition — the shape tor/audienceForTor builds, so a TOR
// audience can name `offer_rank('family=bags')` or `top_recommended_family` by calling this instead.
import { audienceFieldRefs } from '../audience/audienceFieldRefs.ts';
import { audienceSql } from '../audience/audienceSql.ts';
import { customerFeaturesSql } from '../snapshot/customerFeaturesSql.ts';
import type { Store } from '../store/store.ts';
import { withModelOutputs } from './modelOutputFields.ts';
import { checkSegmentExpression } from './segmentFields.ts';
import { customerColumns } from '../store/customerColumns.ts';

export interface AudienceRelation {
  /** `(SELECT …) AS f`: one row per addressable customer. */
  from: string;
  /** The condition over f ('true' without an expression). */
  where: string;
  /** How many `?` parameters (each the as-of timestamp) `from` takes. */
  nParams: number;
}

/** Throws AudienceError (bad expression, with its column) or UserError (a model output nothing stored answers). */
export async function audienceRelation(
  store: Store,
  audience: string | null,
  opts: { withEventOnly?: boolean } = {},
): Promise<AudienceRelation> {
  const base = customerFeaturesSql(
    (await customerColumns(store)).map((c) => c.name),
    '?::TIMESTAMP',
    opts,
  );
  const nParams = base.split('?::TIMESTAMP').length - 1;
  if (!audience) return { from: `(${base}) AS f`, where: 'true', nParams };
  const ast = await checkSegmentExpression(store, audience);
  const relation = await withModelOutputs(store, base, audienceFieldRefs(ast));
  return { from: `(${relation}) AS f`, where: audienceSql(ast, { alias: 'f' }), nParams };
}
