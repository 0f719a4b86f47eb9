// Paged reads of the canonical tables for the data screens: customers by id prefix, products by
// id or name, and one customer's order lines and events (newest first). Every column is returned,
// attribute columns included.
import type { Store } from '../store/store.ts';
import { pagedRows, type Page } from './pagedRows.ts';

export interface PageArgs { page: number; pageSize: number }

export function customersPage(store: Store, o: PageArgs & { search?: string }): Promise<Page> {
  return pagedRows(store, {
    from: 'customers', where: o.search ? 'starts_with(customer_id, ?)' : 'true', params: o.search ? [o.search] : [], orderBy: 'customer_id',
  }, o.page, o.pageSize);
}

/** Case-insensitive substring of the id or the name. */
export function productsPage(store: Store, o: PageArgs & { search?: string }): Promise<Page> {
  const q = o.search?.toLowerCase();
  return pagedRows(store, {
    from: 'products',
    where: q ? `(contains(lower(product_id), ?) OR contains(lower(coalesce(name, '')), ?))` : 'true',
    params: q ? [q, q] : [], orderBy: 'product_id',
  }, o.page, o.pageSize);
}

export function orderLinesPage(store: Store, o: PageArgs & { customer?: string }): Promise<Page> {
  return pagedRows(store, {
    from: 'order_lines', where: o.customer ? 'customer_id = ?' : 'true', params: o.customer ? [o.customer] : [],
    orderBy: 'ts DESC, order_id, product_id, line_no',
  }, o.page, o.pageSize);
}

export function eventsPage(store: Store, o: PageArgs & { customer?: string }): Promise<Page> {
  return pagedRows(store, {
    from: 'events', where: o.customer ? 'customer_id = ?' : 'true', params: o.customer ? [o.customer] : [],
    orderBy: 'ts DESC, customer_id, type, product_id NULLS FIRST, line_no',
  }, o.page, o.pageSize);
}
