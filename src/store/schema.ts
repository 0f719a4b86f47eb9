// Canonical tables. Extra attribute columns of customers and products are added by imports
// (ALTER TABLE … ADD COLUMN) with the type DuckDB infers, so they stay typed and filterable.
import type { Store } from './store.ts';

export const SCHEMA_VERSION = 1;

/** The order-lines table without a declared key (see the DDL comment). */
function orderLinesDdl(name: string): string {
  return `CREATE TABLE IF NOT EXISTS ${name} (
     order_id VARCHAR NOT NULL, product_id VARCHAR NOT NULL, line_no INTEGER NOT NULL,
     customer_id VARCHAR NOT NULL, quantity DOUBLE NOT NULL, unit_price DOUBLE NOT NULL,
     amount DOUBLE NOT NULL, ts TIMESTAMP NOT NULL,
     kind VARCHAR NOT NULL DEFAULT 'purchase', cancels_order_id VARCHAR)`;
}

const DDL = [
  `CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value JSON)`,
  `CREATE TABLE IF NOT EXISTS customers (customer_id VARCHAR PRIMARY KEY)`,
  `CREATE TABLE IF NOT EXISTS products (product_id VARCHAR PRIMARY KEY, name VARCHAR, price DOUBLE)`,
  // kind: 'purchase' or 'return' (negative quantity); cancels_order_id links a return to the
  // purchase order it cancels when that could be matched. line_no = ordinal among the file's
  // lines with the same (order_id, product_id), so identical repeated lines are kept.
  // (order_id, product_id, line_no) is unique by construction (imports number lines and upsert on it)
  // but not declared: DuckDB builds a key's ART index in memory, and at ~50M lines that alone
  // exceeded the memory limit at commit (issue 12). dropOrderLinesKey migrates older stores.
  orderLinesDdl('order_lines'),
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
  // The process computing each TOR, with a heartbeat, so recovery can tell a dead compute from a live one.
  `CREATE TABLE IF NOT EXISTS tor_compute_runs (
     tor_id VARCHAR PRIMARY KEY, pid INTEGER NOT NULL, host VARCHAR NOT NULL, boot_id VARCHAR, proc_start VARCHAR,
     prior_status VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL, heartbeat_at TIMESTAMP NOT NULL, interrupted_at TIMESTAMP)`,
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
  // Loyalty (docs/loyalty.md): products members may pick as favourites, per validity period.
  `CREATE TABLE IF NOT EXISTS favourite_eligible (product_id VARCHAR NOT NULL, valid_from TIMESTAMP, valid_to TIMESTAMP)`,
  // Every change of a member's favourite cell; the current product of a cell at date d is the row
  // with the latest effective_from <= d (then the latest set_at). product_id NULL = cleared.
  `CREATE TABLE IF NOT EXISTS favourite_cells (
     customer_id VARCHAR NOT NULL, cell INTEGER NOT NULL, product_id VARCHAR, effective_from TIMESTAMP NOT NULL,
     set_by VARCHAR NOT NULL, set_at TIMESTAMP NOT NULL, source VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS favourite_categories (
     customer_id VARCHAR NOT NULL, category VARCHAR NOT NULL, valid_from TIMESTAMP, valid_to TIMESTAMP)`,
  // Per-member terms of an offer configured once; source 'file' (uploaded), 'tor' or 'recs' (the engine).
  `CREATE TABLE IF NOT EXISTS personal_offers (
     customer_id VARCHAR NOT NULL, offer_id VARCHAR NOT NULL, terms VARCHAR, products VARCHAR[], benefit_type VARCHAR,
     benefit_value DOUBLE, valid_from TIMESTAMP, valid_to TIMESTAMP, source VARCHAR NOT NULL DEFAULT 'file')`,
  // Promotion pool (docs/promotions.md): an offer-like scope plus mechanism, channel, cost model, stock and budget.
  `CREATE TABLE IF NOT EXISTS promotions (
     promotion_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, scope_attribute VARCHAR, scope_value VARCHAR,
     scope_products VARCHAR[], mechanism VARCHAR NOT NULL, value DOUBLE, valid_from TIMESTAMP, valid_to TIMESTAMP,
     channel VARCHAR NOT NULL DEFAULT 'all', level VARCHAR NOT NULL DEFAULT 'all', audience VARCHAR, customer_ids VARCHAR[],
     cost DOUBLE, point_cost DOUBLE, redemption_cost DOUBLE, stock BIGINT, budget DOUBLE, source VARCHAR NOT NULL DEFAULT 'import')`,
  `CREATE TABLE IF NOT EXISTS promotion_runs (
     run_id VARCHAR PRIMARY KEY, created_at TIMESTAMP NOT NULL, as_of TIMESTAMP NOT NULL, settings JSON NOT NULL, summary JSON NOT NULL)`,
  // Latest personalised promotion lists (one run's rows, swapped in by one transaction).
  `CREATE TABLE IF NOT EXISTS promotion_lists (
     run_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, rank INTEGER NOT NULL, promotion_id VARCHAR NOT NULL,
     expected_value DOUBLE NOT NULL, probability DOUBLE, reason VARCHAR)`,
  // Segment → offer maps (offerMaps/): the parsed definition and the text it came from.
  `CREATE TABLE IF NOT EXISTS offer_maps (map_id VARCHAR PRIMARY KEY, definition JSON NOT NULL, source VARCHAR NOT NULL,
     created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`,
  // Personalised copy per offer: a template with placeholders and the fallback used when one has no value.
  `CREATE TABLE IF NOT EXISTS offer_messages (offer_id VARCHAR PRIMARY KEY, template VARCHAR NOT NULL, fallback VARCHAR,
     updated_at TIMESTAMP NOT NULL)`,
  // What shaped each TOR assignment: the customer's governing segment, the map rule, the rendered message.
  `ALTER TABLE tor_results ADD COLUMN IF NOT EXISTS segment VARCHAR`,
  `ALTER TABLE tor_results ADD COLUMN IF NOT EXISTS map_rule VARCHAR`,
  `ALTER TABLE tor_results ADD COLUMN IF NOT EXISTS message VARCHAR`,
  `CREATE TABLE IF NOT EXISTS audit_log (
     "at" TIMESTAMP NOT NULL, actor VARCHAR NOT NULL, role VARCHAR, action VARCHAR NOT NULL,
     target VARCHAR, outcome VARCHAR NOT NULL, detail VARCHAR)`,
  // Trigger rules (docs/rules.md): loaded rule files (the latest is active, also in real time) and
  // every firing (batch or real-time), which cool-downs, max firings and caps read back.
  `CREATE TABLE IF NOT EXISTS rule_sets (
     id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, source VARCHAR NOT NULL, rules INTEGER NOT NULL,
     loaded_at TIMESTAMP NOT NULL, actor VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS rule_firings (
     customer_id VARCHAR NOT NULL, rule_id VARCHAR NOT NULL, offer_id VARCHAR NOT NULL, fired_at TIMESTAMP NOT NULL,
     source VARCHAR NOT NULL, rule_set VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL)`,
  // Customer segments (docs/segments.md): editable definitions (built-ins seeded lazily), one row per
  // refresh (memberships as of a date, with the expression and data fingerprint it was computed from),
  // and the members of each refresh still current for its (segment, as-of date).
  `CREATE TABLE IF NOT EXISTS segments (
     segment_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, description VARCHAR, expression VARCHAR NOT NULL,
     builtin BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS segment_refreshes (
     refresh_id VARCHAR PRIMARY KEY, segment_id VARCHAR NOT NULL, as_of TIMESTAMP NOT NULL, size BIGINT NOT NULL,
     expression VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL, refreshed_at TIMESTAMP NOT NULL, actor VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS segment_members (refresh_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL)`,
  // Experiments (docs/experiments.md): a contact belongs to a campaign (a TOR, a rule, or an imported campaign id);
  // send_id groups the rows of one send (re-exporting the same result replaces them). experiment_arms keeps each
  // customer's arm for the life of an experiment (first assignment wins), so recomputes never move a customer.
  `ALTER TABLE contacts ADD COLUMN IF NOT EXISTS campaign_id VARCHAR`,
  `ALTER TABLE contacts ADD COLUMN IF NOT EXISTS priority INTEGER`,
  `ALTER TABLE contacts ADD COLUMN IF NOT EXISTS segment VARCHAR`,
  `ALTER TABLE contacts ADD COLUMN IF NOT EXISTS send_id VARCHAR`,
  `CREATE TABLE IF NOT EXISTS experiment_arms (experiment_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, arm VARCHAR NOT NULL,
     stratum VARCHAR, assigned_at TIMESTAMP NOT NULL, PRIMARY KEY (experiment_id, customer_id))`,
  `ALTER TABLE tor_results ADD COLUMN IF NOT EXISTS arm VARCHAR`,
  `ALTER TABLE rule_firings ADD COLUMN IF NOT EXISTS "group" VARCHAR`,
  `ALTER TABLE rule_firings ADD COLUMN IF NOT EXISTS control_pct DOUBLE`,
  // Customers erased on request (docs/privacy.md): only a SHA-256 of the id, so imports can skip their rows.
  `CREATE TABLE IF NOT EXISTS forgotten_customers (customer_hash VARCHAR PRIMARY KEY, forgotten_at TIMESTAMP NOT NULL, actor VARCHAR)`,
  // Per-offer attribution window in days (null = the report's window, default 14).
  `ALTER TABLE offers ADD COLUMN IF NOT EXISTS attribution_days INTEGER`,
];

export async function applySchema(store: Store): Promise<void> {
  for (const sql of DDL) await store.run(sql);
  await dropOrderLinesKey(store);
  await store.run(`INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING`, [JSON.stringify(SCHEMA_VERSION)]);
}

/** Stores made before the key was dropped: copy order_lines into the key-less table once (DuckDB cannot drop a key in place). */
async function dropOrderLinesKey(store: Store): Promise<void> {
  const keyed = await store.one(
    `SELECT 1 AS x FROM duckdb_constraints() WHERE table_name = 'order_lines' AND schema_name = 'main'
       AND database_name = current_database() AND constraint_type = 'PRIMARY KEY'`,
  );
  if (!keyed) return;
  await store.transaction(async () => {
    await store.run(`DROP TABLE IF EXISTS order_lines_unkeyed`);
    await store.run(orderLinesDdl('order_lines_unkeyed'));
    await store.run(`INSERT INTO order_lines_unkeyed BY NAME SELECT * FROM order_lines`);
    await store.run(`DROP TABLE order_lines`);
    await store.run(`ALTER TABLE order_lines_unkeyed RENAME TO order_lines`);
  });
}
