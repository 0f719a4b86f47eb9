// Shared helpers for the ingest tests: tiny files in a temp dir and a snapshot of every table.
import { after } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/store/store.ts';

/** A fresh temp dir, removed when the test file finishes. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nb-ingest-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function writeText(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const TABLES = ['meta', 'customers', 'products', 'order_lines', 'events', 'offers', 'contacts', 'responses'];

/** Every canonical table's columns and rows, as one comparable string. */
export async function snapshot(store: Store): Promise<string> {
  const parts: string[] = [];
  for (const t of TABLES) {
    const cols = await store.all(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? AND table_schema = 'main' ORDER BY ordinal_position`,
      [t],
    );
    const rows = await store.all(`SELECT * FROM ${t} ORDER BY ALL`);
    parts.push(JSON.stringify({ t, cols, rows }, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)));
  }
  return parts.join('\n');
}

export const CUSTOMERS_CSV = 'customer_id,segment,age\nc1,gold,31\nc2,silver,45\n';
export const PRODUCTS_CSV = 'product_id,name,price\np1,Mug,3.5\np2,Candle,2\n';
export const LINES_CSV =
  [
    'order_id,product_id,customer_id,quantity,unit_price,ts',
    'o1,p1,c1,2,3.5,2011-01-02 10:00:00',
    'o1,p2,c1,1,2,2011-01-02 10:00',
    'o2,p1,c2,1,3.5,2011-01-03',
  ].join('\n') + '\n';
