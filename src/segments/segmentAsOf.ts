// The as-of date of a segment request: the date given, else the store's default (midnight after the
// latest bulk-imported order line), as every other command does.
import { UserError } from '../domain/errors.ts';
import { defaultAsOf, parseDateArg } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';

export async function segmentAsOf(store: Store, asOf: string | undefined, field = 'asOf'): Promise<Date> {
  if (asOf) {
    try {
      return parseDateArg(asOf);
    } catch (e) {
      throw new UserError(`${field}: ${(e as Error).message}`);
    }
  }
  const d = await defaultAsOf(store);
  if (!d) throw new UserError('no order lines stored: import order_lines first, or give an as-of date');
  return d;
}
