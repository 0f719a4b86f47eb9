// Recipes: declarative import settings for known raw files, so `--recipe NAME` needs no other flag.
// Every SQL fragment below runs over the staged rows, whose columns are the table's canonical
// columns already parsed and typed (order_id, quantity DOUBLE, ts TIMESTAMP, …) plus `carry` ones.
import { UserError } from '../domain/errors.ts';
import type { TableName } from './tableSpecs.ts';

export interface Recipe {
  name: string;
  summary: string;
  table: TableName;
  /** canonical column → the raw file's column. */
  map: Record<string, string>;
  /** Extra raw columns kept (as text) for `derive`: name → raw column. */
  carry?: Record<string, string>;
  /** Canonical columns computed by SQL instead of read (overrides the defaults). */
  computed?: Record<string, string>;
  /** Rows dropped before validation and counted per rule (first matching rule wins); not errors. */
  drop?: { rule: string; where: string }[];
  /** Link each return to the latest earlier purchase it can cancel (see linkReturns.ts). */
  linkReturns?: boolean;
  /** Rows upserted into another table, one per key, aggregated over the kept rows. */
  derive?: { table: 'customers' | 'products'; key: string; columns: Record<string, string> }[];
  /** Meta keys set by the import (e.g. the declared hierarchy). */
  meta?: Record<string, unknown>;
}

/** Stock codes of the UCI Online Retail file that are fees, postage or adjustments, not products. */
export const ONLINE_RETAIL_NON_PRODUCTS = ['POST', 'D', 'M', 'DOT', 'BANK CHARGES', 'AMAZONFEE', 'C2', 'CRUK', 'PADS', 'S', 'B', 'm'];

export const RECIPES: Record<string, Recipe> = {
  'online-retail': {
    name: 'online-retail',
    summary: 'UCI Online Retail raw file → order lines with linked returns, customers (country), products (name, median price)',
    table: 'order_lines',
    map: {
      order_id: 'InvoiceNo',
      product_id: 'StockCode',
      customer_id: 'CustomerID',
      quantity: 'Quantity',
      unit_price: 'UnitPrice',
      ts: 'InvoiceDate',
    },
    carry: { description: 'Description', country: 'Country' },
    // Invoices starting with C are cancellations: kept as returns, never as purchases.
    computed: { kind: `CASE WHEN starts_with(order_id, 'C') OR quantity < 0 THEN 'return' ELSE 'purchase' END` },
    drop: [
      { rule: 'missing CustomerID', where: 'customer_id IS NULL' },
      { rule: 'non-product stock code', where: `product_id IN (${ONLINE_RETAIL_NON_PRODUCTS.map((c) => `'${c}'`).join(', ')})` },
      // Zero-price lines (free samples) are kept: the benchmarks' "clean lines" include them.
      { rule: 'negative price', where: 'unit_price < 0' },
      { rule: 'zero quantity', where: 'quantity = 0' },
    ],
    linkReturns: true,
    // Most frequent value (ties → first in sort order, so re-runs agree); median price of purchases.
    derive: [
      { table: 'customers', key: 'customer_id', columns: { country: 'mode(country ORDER BY country)' } },
      {
        table: 'products',
        key: 'product_id',
        columns: { name: 'mode(description ORDER BY description)', price: `median(unit_price) FILTER (WHERE kind = 'purchase')` },
      },
    ],
  },
  families: {
    name: 'families',
    summary: 'families.csv (stock_code, department, family) → product attributes and the department > family hierarchy',
    table: 'products',
    map: { product_id: 'stock_code' },
    meta: { hierarchy: ['department', 'family'] },
  },
  // 84.51° The Complete Journey 2.0 (R package completejourney 1.1.1), files as shipped there.
  'completejourney-transactions': {
    name: 'completejourney-transactions',
    summary: 'Complete Journey transactions(_sample).csv.gz → order lines (basket = order; sales_value = amount)',
    table: 'order_lines',
    map: {
      order_id: 'basket_id',
      product_id: 'product_id',
      customer_id: 'household_id',
      quantity: 'quantity',
      amount: 'sales_value',
      ts: 'transaction_timestamp',
    },
    // The file has no unit price: sales_value / quantity (quantity 0 lines are dropped below).
    // Timestamps carry the store's offset (-0500): keep the store's local wall clock, not UTC.
    computed: {
      unit_price: 'CASE WHEN quantity <> 0 THEN abs(amount / quantity) END',
      ts: `COALESCE(TRY_CAST(left("__t_ts", 19) AS TIMESTAMP), ts)`,
    },
    drop: [
      { rule: 'zero quantity', where: 'quantity = 0' },
      { rule: 'negative sales value', where: 'amount < 0' },
    ],
  },
  'completejourney-products': {
    name: 'completejourney-products',
    summary: 'Complete Journey products.csv.gz → products with department > product_category > product_type, brand, …',
    table: 'products',
    map: { product_id: 'product_id' },
    meta: { hierarchy: ['department', 'product_category', 'product_type'] },
  },
  'completejourney-demographics': {
    name: 'completejourney-demographics',
    summary: 'Complete Journey demographics.csv.gz → customer attributes (age, income, household size, …)',
    table: 'customers',
    map: { customer_id: 'household_id' },
  },
};

export function recipeByName(name: string): Recipe {
  const r = RECIPES[name];
  if (!r) throw new UserError(`unknown recipe '${name}' (known: ${Object.keys(RECIPES).join(', ')})`);
  return r;
}
