// Canonical tables. Extra attribute columns of customers and products are added by imports
// (ALTER TABLE … ADD COLUMN) with the type DuckDB infers, so they stay typed and filterable.
import type { Store } from './store.ts';

export const SCHEMA_VERSION = 1;

const DDL = [
  `CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value JSON)`,
  `CREATE TABLE IF NOT EXISTS customers (customer_id VARCHAR PRIMARY KEY)`,
  `CREATE TABLE IF NOT EXISTS products (product_id VARCHAR PRIMARY KEY, name VARCHAR, price DOUBLE)`,
  // kind: 'purchase' or 'return' (negative quantity); cancels_order_id links a return to the
  // purchase order it cancels when that could be matched. line_no = ordinal among the file's
  // lines with the same (order_id, product_id), so identical repeated lines are kept.
  `CREATE TABLE IF NOT EXISTS order_lines (
     order_id VARCHAR NOT NULL, product_id VARCHAR NOT NULL, line_no INTEGER NOT NULL,
     customer_id VARCHAR NOT NULL, quantity DOUBLE NOT NULL, unit_price DOUBLE NOT NULL,
     amount DOUBLE NOT NULL, ts TIMESTAMP NOT NULL,
     kind VARCHAR NOT NULL DEFAULT 'purchase', cancels_order_id VARCHAR,
     PRIMARY KEY (order_id, product_id, line_no))`,
  `CREATE TABLE IF NOT EXISTS events (
     customer_id VARCHAR NOT NULL, type VARCHAR NOT NULL, product_id VARCHAR, ts TIMESTAMP NOT NULL,
     line_no INTEGER NOT NULL DEFAULT 0)`,
  `CREATE TABLE IF NOT EXISTS offers (
     offer_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL,
     scope_attribute VARCHAR, scope_value VARCHAR, scope_products VARCHAR[],
     mechanism VARCHAR NOT NULL DEFAULT 'other', value DOUBLE,
     valid_from TIMESTAMP, valid_to TIMESTAMP, level VARCHAR NOT NULL DEFAULT 'all', cost DOUBLE,
     audience VARCHAR, customer_ids VARCHAR[])`,
  `CREATE TABLE IF NOT EXISTS tors (
     tor_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, settings JSON NOT NULL, offers JSON NOT NULL,
     status VARCHAR NOT NULL, priority_count INTEGER NOT NULL, created_at TIMESTAMP NOT NULL,
     updated_at TIMESTAMP NOT NULL, error VARCHAR, progress DOUBLE, computed_at TIMESTAMP,
     quality JSON, stats JSON)`,
  // Latest good result of each TOR: one row per (customer, priority).
  `CREATE TABLE IF NOT EXISTS tor_results (
     tor_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, priority INTEGER NOT NULL,
     offer_id VARCHAR NOT NULL, score DOUBLE NOT NULL, reason VARCHAR)`,
  // Every (customer, offer) score of the latest good result, for --all-scores exports.
  `CREATE TABLE IF NOT EXISTS tor_scores (
     tor_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, offer_id VARCHAR NOT NULL,
     score DOUBLE, rank INTEGER NOT NULL)`,
  // Trained TOR models, keyed by what they were trained on (offers, as-of date, config, data fingerprint).
  `CREATE TABLE IF NOT EXISTS model_cache (cache_key VARCHAR PRIMARY KEY, model VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS contacts (
     customer_id VARCHAR NOT NULL, offer_id VARCHAR NOT NULL, sent_at TIMESTAMP NOT NULL,
     channel VARCHAR, "group" VARCHAR NOT NULL DEFAULT 'treatment', line_no INTEGER NOT NULL DEFAULT 0)`,
  `CREATE TABLE IF NOT EXISTS responses (
     customer_id VARCHAR NOT NULL, offer_id VARCHAR NOT NULL, redeemed_at TIMESTAMP NOT NULL,
     revenue DOUBLE, line_no INTEGER NOT NULL DEFAULT 0)`,
  `CREATE TABLE IF NOT EXISTS exports (
     export_id VARCHAR PRIMARY KEY, tor_id VARCHAR, target VARCHAR NOT NULL, format VARCHAR NOT NULL,
     layout VARCHAR, rows BIGINT, bytes BIGINT, status VARCHAR NOT NULL, error VARCHAR,
     started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP)`,
  // Server jobs (imports, computes, trainings, exports): kept after they end, for history.
  `CREATE TABLE IF NOT EXISTS jobs (
     job_id VARCHAR PRIMARY KEY, op VARCHAR NOT NULL, input JSON, status VARCHAR NOT NULL,
     progress DOUBLE, stage VARCHAR, result JSON, error VARCHAR, error_name VARCHAR, actor VARCHAR,
     created_at TIMESTAMP NOT NULL, started_at TIMESTAMP, finished_at TIMESTAMP, error_details JSON)`,
  `ALTER TABLE jobs ADD COLUMN IF NOT EXISTS error_details JSON`, // stores made before the column existed
  // API keys: only a SHA-256 of the (random, 256-bit) key is kept; the prefix identifies it in lists.
  `CREATE TABLE IF NOT EXISTS api_keys (
     key_id VARCHAR PRIMARY KEY, name VARCHAR, role VARCHAR NOT NULL, key_hash VARCHAR NOT NULL,
     prefix VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, revoked_at TIMESTAMP, last_used_at TIMESTAMP)`,
  `CREATE TABLE IF NOT EXISTS users (
     username VARCHAR PRIMARY KEY, role VARCHAR NOT NULL, password_hash VARCHAR NOT NULL,
     created_at TIMESTAMP NOT NULL, disabled_at TIMESTAMP)`,
  `CREATE TABLE IF NOT EXISTS sessions (
     token_hash VARCHAR PRIMARY KEY, username VARCHAR NOT NULL, csrf VARCHAR NOT NULL,
     created_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS audit_log (
     "at" TIMESTAMP NOT NULL, actor VARCHAR NOT NULL, role VARCHAR, action VARCHAR NOT NULL,
     target VARCHAR, outcome VARCHAR NOT NULL, detail VARCHAR)`,
];

export async function applySchema(store: Store): Promise<void> {
  for (const sql of DDL) await store.run(sql);
  await store.run(
    `INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING`,
    [JSON.stringify(SCHEMA_VERSION)],
  );
}
