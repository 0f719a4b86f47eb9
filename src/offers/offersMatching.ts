// Manual offer search: case-insensitive substring over id, name and scope, optionally one type.
import type { Offer } from '../domain/types.ts';

export function offersMatching(offers: Offer[], search?: string, type?: string): Offer[] {
  const q = search?.trim().toLowerCase();
  return offers.filter((o) => {
    if (type && !(o.scope.kind === 'attribute' && o.scope.attribute === type)) return false;
    if (!q) return true;
    const scope = o.scope.kind === 'attribute' ? `${o.scope.attribute}=${o.scope.value}` : o.scope.productIds.join(' ');
    return `${o.offerId} ${o.name} ${scope}`.toLowerCase().includes(q);
  });
}
