// What each importable canonical table expects from a file: columns, how each is parsed and
// checked, the upsert key and the references it makes. Mirrors src/store/schema.ts.
import { UserError } from '../domain/errors.ts';

export type TableName =
  | 'customers'
  | 'products'
  | 'order_lines'
  | 'events'
  | 'offers'
  | 'contacts'
  | 'responses'
  | 'favourite_eligible'
  | 'favourite_categories'
  | 'personal_offers';

/** id/text: trimmed string (empty = missing); number: DOUBLE; timestamp: wall-clock TIMESTAMP; list: VARCHAR[]. */
export type ColumnKind = 'id' | 'text' | 'number' | 'timestamp' | 'list';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** A row without a value is rejected (`missing <name>`). */
  required?: boolean;
  /** Values must be >= 0 (prices, amounts of offers, revenue). */
  nonNegative?: boolean;
  /** Allowed values (case-sensitive), e.g. offer mechanisms. */
  oneOf?: readonly string[];
  /** Referenced table and key column, checked with --check-refs. */
  ref?: { table: 'customers' | 'products' | 'offers'; column: string };
}

export interface TableSpec {
  name: TableName;
  columns: ColumnSpec[];
  /**
   * Upsert key. 'ordinal' tables also get line_no = ordinal (0-based, file order) among the
   * file's rows sharing `ordinalOver`, so identical repeated rows are kept and re-imports match.
   */
  key: string[];
  ordinalOver?: string[];
  /** Unknown file columns become typed attribute columns (customers, products); elsewhere ignored. */
  keepsExtras: boolean;
  /** Duplicate keys (all key columns) within one file are errors (entity tables, loyalty attribute files). */
  uniqueInFile: boolean;
  /** References are always checked (as with --check-refs): a contact or response of an unknown customer
   *  or offer is a mistake to report, never a bare customer to invent (experiment reports count them). */
  checkRefsAlways?: boolean;
}

export const MECHANISMS = ['percent_off', 'amount_off', 'bogo', 'points', 'free_shipping', 'other'] as const;
export const LEVELS = ['all', 'members', 'audience', 'individual'] as const;
export const KINDS = ['purchase', 'return'] as const;
export const GROUPS = ['treatment', 'control'] as const;

const customerRef = { table: 'customers', column: 'customer_id' } as const;
const productRef = { table: 'products', column: 'product_id' } as const;
const offerRef = { table: 'offers', column: 'offer_id' } as const;

export const TABLE_SPECS: Record<TableName, TableSpec> = {
  customers: {
    name: 'customers',
    keepsExtras: true,
    uniqueInFile: true,
    key: ['customer_id'],
    columns: [{ name: 'customer_id', kind: 'id', required: true }],
  },
  products: {
    name: 'products',
    keepsExtras: true,
    uniqueInFile: true,
    key: ['product_id'],
    columns: [
      { name: 'product_id', kind: 'id', required: true },
      { name: 'name', kind: 'text' },
      { name: 'price', kind: 'number', nonNegative: true },
    ],
  },
  order_lines: {
    name: 'order_lines',
    keepsExtras: false,
    uniqueInFile: false,
    key: ['order_id', 'product_id', 'line_no'],
    ordinalOver: ['order_id', 'product_id'],
    // order_id, quantity and unit_price are computed when the file has no such column (orderLineFallbacks.ts);
    // a file that has one must fill it on every row.
    columns: [
      { name: 'order_id', kind: 'id', required: true },
      { name: 'product_id', kind: 'id', required: true, ref: productRef },
      { name: 'customer_id', kind: 'id', required: true, ref: customerRef },
      { name: 'quantity', kind: 'number', required: true },
      { name: 'unit_price', kind: 'number', required: true, nonNegative: true },
      // amount = quantity × unit_price when the file has no amount column (or leaves it empty).
      { name: 'amount', kind: 'number' },
      { name: 'ts', kind: 'timestamp', required: true },
      // kind defaults to 'return' for negative quantities, else 'purchase'.
      { name: 'kind', kind: 'text', oneOf: KINDS },
      { name: 'cancels_order_id', kind: 'id' },
    ],
  },
  events: {
    name: 'events',
    keepsExtras: false,
    uniqueInFile: false,
    key: ['customer_id', 'type', 'product_id', 'ts', 'line_no'],
    ordinalOver: ['customer_id', 'type', 'product_id', 'ts'],
    columns: [
      { name: 'customer_id', kind: 'id', required: true, ref: customerRef },
      { name: 'type', kind: 'text', required: true },
      { name: 'product_id', kind: 'id', ref: productRef },
      { name: 'ts', kind: 'timestamp', required: true },
    ],
  },
  offers: {
    name: 'offers',
    keepsExtras: false,
    uniqueInFile: true,
    key: ['offer_id'],
    columns: [
      { name: 'offer_id', kind: 'id', required: true },
      { name: 'name', kind: 'text', required: true },
      { name: 'scope_attribute', kind: 'text' },
      { name: 'scope_value', kind: 'text' },
      { name: 'scope_products', kind: 'list' },
      { name: 'mechanism', kind: 'text', oneOf: MECHANISMS },
      { name: 'value', kind: 'number', nonNegative: true },
      { name: 'valid_from', kind: 'timestamp' },
      { name: 'valid_to', kind: 'timestamp' },
      { name: 'level', kind: 'text', oneOf: LEVELS },
      { name: 'cost', kind: 'number', nonNegative: true },
      // level 'audience': the audience expression; level 'individual': the customers it is for.
      { name: 'audience', kind: 'text' },
      { name: 'customer_ids', kind: 'list' },
      { name: 'attribution_days', kind: 'number', nonNegative: true },
    ],
  },
  contacts: {
    name: 'contacts',
    checkRefsAlways: true,
    keepsExtras: false,
    uniqueInFile: false,
    key: ['customer_id', 'offer_id', 'sent_at', 'channel', 'group', 'campaign_id', 'line_no'],
    ordinalOver: ['customer_id', 'offer_id', 'sent_at', 'channel', 'group', 'campaign_id'],
    columns: [
      { name: 'customer_id', kind: 'id', required: true, ref: customerRef },
      { name: 'offer_id', kind: 'id', required: true, ref: offerRef },
      { name: 'sent_at', kind: 'timestamp', required: true },
      { name: 'channel', kind: 'text' },
      { name: 'group', kind: 'text', oneOf: GROUPS },
      // The campaign (experiment) the contact belongs to: reports read contacts by it.
      { name: 'campaign_id', kind: 'id' },
    ],
  },
  responses: {
    name: 'responses',
    checkRefsAlways: true,
    keepsExtras: false,
    uniqueInFile: false,
    key: ['customer_id', 'offer_id', 'redeemed_at', 'revenue', 'line_no'],
    ordinalOver: ['customer_id', 'offer_id', 'redeemed_at', 'revenue'],
    columns: [
      { name: 'customer_id', kind: 'id', required: true, ref: customerRef },
      { name: 'offer_id', kind: 'id', required: true, ref: offerRef },
      { name: 'redeemed_at', kind: 'timestamp', required: true },
      { name: 'revenue', kind: 'number' },
    ],
  },
  // Loyalty attribute files (docs/loyalty.md): validated like every import, refs always checked there.
  favourite_eligible: {
    name: 'favourite_eligible',
    keepsExtras: false,
    uniqueInFile: true,
    key: ['product_id', 'valid_from'],
    columns: [
      { name: 'product_id', kind: 'id', required: true, ref: productRef },
      { name: 'valid_from', kind: 'timestamp' },
      { name: 'valid_to', kind: 'timestamp' },
    ],
  },
  favourite_categories: {
    name: 'favourite_categories',
    keepsExtras: false,
    uniqueInFile: true,
    key: ['customer_id', 'category'],
    columns: [
      { name: 'customer_id', kind: 'id', required: true, ref: customerRef },
      { name: 'category', kind: 'text', required: true },
      { name: 'valid_from', kind: 'timestamp' },
      { name: 'valid_to', kind: 'timestamp' },
    ],
  },
  personal_offers: {
    name: 'personal_offers',
    keepsExtras: false,
    uniqueInFile: true,
    key: ['customer_id', 'offer_id'],
    columns: [
      { name: 'customer_id', kind: 'id', required: true, ref: customerRef },
      { name: 'offer_id', kind: 'id', required: true, ref: offerRef },
      { name: 'terms', kind: 'text' },
      { name: 'products', kind: 'list' },
      { name: 'benefit_type', kind: 'text', oneOf: MECHANISMS },
      { name: 'benefit_value', kind: 'number', nonNegative: true },
      { name: 'valid_from', kind: 'timestamp' },
      { name: 'valid_to', kind: 'timestamp' },
    ],
  },
};

/** The spec of a table named by the user; unknown names are a usage error. */
export function tableSpec(name: string): TableSpec {
  const spec = (TABLE_SPECS as Record<string, TableSpec>)[name];
  if (!spec) throw new UserError(`unknown table '${name}' (importable: ${Object.keys(TABLE_SPECS).join(', ')})`);
  return spec;
}
