// Columns of every generated file in order, with the DuckDB type used for Parquet output. Names
// match src/store/schema.ts (extra customer/product attributes are imported as typed columns).
export const FILE_COLUMNS = {
  customers: [
    ['customer_id', 'VARCHAR'],
    ['is_member', 'BOOLEAN'],
    ['signup_date', 'DATE'],
    ['country', 'VARCHAR'],
    ['age_band', 'VARCHAR'],
    ['lifecycle', 'VARCHAR'],
  ],
  products: [
    ['product_id', 'VARCHAR'],
    ['name', 'VARCHAR'],
    ['price', 'DOUBLE'],
    ['department', 'VARCHAR'],
    ['category', 'VARCHAR'],
    ['brand', 'VARCHAR'],
  ],
  order_lines: [
    ['order_id', 'VARCHAR'],
    ['customer_id', 'VARCHAR'],
    ['product_id', 'VARCHAR'],
    ['quantity', 'INTEGER'],
    ['unit_price', 'DOUBLE'],
    ['ts', 'TIMESTAMP'],
  ],
  events: [
    ['customer_id', 'VARCHAR'],
    ['type', 'VARCHAR'],
    ['product_id', 'VARCHAR'],
    ['ts', 'TIMESTAMP'],
  ],
  offers: [
    ['offer_id', 'VARCHAR'],
    ['name', 'VARCHAR'],
    ['scope_attribute', 'VARCHAR'],
    ['scope_value', 'VARCHAR'],
    ['mechanism', 'VARCHAR'],
    ['value', 'DOUBLE'],
    ['valid_from', 'TIMESTAMP'],
    ['valid_to', 'TIMESTAMP'],
    ['level', 'VARCHAR'],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;
