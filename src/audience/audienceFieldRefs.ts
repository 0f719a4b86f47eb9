// The field refs a checked audience names, so a service can join only the columns it needs (e.g. model
// outputs such as offer_rank('family=bags'), which cost a read of stored results).
import type { AudienceExpr, AudienceFieldRef } from './audienceTypes.ts';

export function audienceFieldRefs(expr: AudienceExpr): AudienceFieldRef[] {
  const out: AudienceFieldRef[] = [];
  const visit = (e: AudienceExpr): void => {
    switch (e.kind) {
      case 'and':
      case 'or':
        visit(e.left);
        visit(e.right);
        return;
      case 'not':
        visit(e.expr);
        return;
      case 'compare':
        if (e.left.kind === 'field') out.push(e.left);
        if (e.right.kind === 'field') out.push(e.right);
        return;
      default:
        out.push(e.field);
    }
  };
  visit(expr);
  return out;
}
