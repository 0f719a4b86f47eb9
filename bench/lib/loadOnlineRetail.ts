// Loads the Online Retail CSV and families.csv into a canonical store with plain DuckDB SQL,
// applying the BENCHMARKS.md "clean lines" rules, with products carrying department and family
// columns (B2 needs the families). Benchmarks only; the product's own import path is src/ingest
// (when its 'online-retail' and 'families' recipes land, B2 can switch to them).
import { existsSync } from 'node:fs';
import { type Store, quoteLiteral } from '../../src/store/store.ts';

/** Stock codes that are fees, postage or adjustments, not products (BENCHMARKS.md). */
const NON_PRODUCT_CODES = ['POST', 'D', 'M', 'DOT', 'BANK CHARGES', 'AMAZONFEE', 'C2', 'CRUK', 'PADS', 'S', 'B', 'm'];

/** Finds the data files: the repo's data/online-retail when shipped, else the shared copy. */
export function onlineRetailFiles(): { lines: string; families: string } {
  const repoDir = new URL('../../data/online-retail', import.meta.url).pathname;
  for (const dir of [repoDir, '/work/shared/data/online-retail']) {
    const lines = ['online_retail.csv.gz', 'online_retail.csv'].map((f) => `${dir}/${f}`).find(existsSync);
    const families = `${dir}/families.csv`;
    if (lines && existsSync(families)) return { lines, families };
  }
  throw new Error('Online Retail data not found (data/online-retail or /work/shared/data/online-retail)');
}

/** Fills an open, empty store with clean purchase lines and products(name, price, department, family). */
export async function loadOnlineRetail(store: Store, files = onlineRetailFiles()): Promise<{ lines: number; customers: number }> {
  const codes = NON_PRODUCT_CODES.map(quoteLiteral).join(', ');
  await store.transaction(async () => {
    await store.run(`CREATE TEMP TABLE raw AS SELECT * FROM read_csv(${quoteLiteral(files.lines)}, header = true, all_varchar = true)`);
    await store.run(`CREATE TEMP TABLE clean AS
      SELECT InvoiceNo AS order_id, StockCode AS product_id, Description AS name,
             CAST(Quantity AS DOUBLE) AS quantity, CAST(UnitPrice AS DOUBLE) AS unit_price,
             CAST(InvoiceDate AS TIMESTAMP) AS ts, regexp_replace(CustomerID, '\\.0$', '') AS customer_id
      FROM raw
      WHERE CustomerID IS NOT NULL AND CustomerID <> '' AND NOT starts_with(InvoiceNo, 'C')
        AND CAST(Quantity AS DOUBLE) > 0 AND StockCode NOT IN (${codes})`);
    await store.run(`INSERT INTO customers SELECT DISTINCT customer_id FROM clean`);
    await store.run(`INSERT INTO products SELECT product_id, any_value(name), median(unit_price) FROM clean GROUP BY product_id`);
    await store.run(`INSERT INTO order_lines (order_id, product_id, line_no, customer_id, quantity, unit_price, amount, ts, kind)
      SELECT order_id, product_id, (row_number() OVER (PARTITION BY order_id, product_id ORDER BY ts, quantity, unit_price))::INTEGER,
             customer_id, quantity, unit_price, quantity * unit_price, ts, 'purchase' FROM clean`);
    await store.run(`ALTER TABLE products ADD COLUMN department VARCHAR`);
    await store.run(`ALTER TABLE products ADD COLUMN family VARCHAR`);
    await store.run(`UPDATE products SET department = f.department, family = f.family
      FROM read_csv(${quoteLiteral(files.families)}, header = true, all_varchar = true) f WHERE f.stock_code = products.product_id`);
    await store.run(`DROP TABLE raw`);
    await store.run(`DROP TABLE clean`);
  });
  const row = await store.one<{ n: bigint; c: bigint }>(`SELECT count(*) AS n, count(DISTINCT customer_id) AS c FROM order_lines`);
  return { lines: Number(row!.n), customers: Number(row!.c) };
}
