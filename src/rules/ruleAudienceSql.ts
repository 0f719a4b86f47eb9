// A rule's audience as SQL: the customers whose features as of the evaluation date satisfy the
// expression (same fields and grammar as TOR audiences, docs/audience.md). Throws AudienceError
// (with the column inside the expression) when the text is bad.
import { audienceFields } from '../audience/audienceFields.ts';
import { audienceFromText } from '../audience/checkAudience.ts';
import { audienceSql } from '../audience/audienceSql.ts';
import { customerFeaturesSql } from '../snapshot/customerFeaturesSql.ts';

/** `asOfSql` is SQL text of the as-of timestamp (a literal); yields one column, customer_id. */
export function ruleAudienceSql(columns: { name: string; type: string }[], audience: string, asOfSql: string): string {
  const base = customerFeaturesSql(
    columns.map((c) => c.name),
    asOfSql,
  );
  const where = audienceSql(audienceFromText(audience, audienceFields(columns.filter((c) => c.name !== 'customer_id'))), { alias: 'f' });
  return `SELECT f.customer_id FROM (${base}) AS f WHERE ${where}`;
}
