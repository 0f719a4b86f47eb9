// The SELECTs behind each TOR export layout, over tor_results(tor_id, customer_id, priority,
// offer_id, score, reason). Pure: text in, text out. Every query orders by a unique key so the
// exported bytes are the same for the same stored results.
export type TorLayout = 'long' | 'wide' | 'all-scores';

export const TOR_LAYOUTS: readonly TorLayout[] = ['long', 'wide', 'all-scores'];

/** A SELECT with positional `?` parameters. */
export interface SqlQuery {
  sql: string;
  params: (string | number | boolean | null)[];
}

/** Optional columns of the long layout, in this order after score. */
export interface LongColumns {
  reason?: boolean;
  segment?: boolean;
  message?: boolean;
  /** The experiment arm as a `group` column (treatment/control), last. */
  group?: boolean;
  /** Keep the control group's rows (the offers they would have got); default: treatment only. */
  includeControl?: boolean;
}

/** Rows of the TOR's result that are sent: control rows only when asked. */
function armFilter(includeControl: boolean | undefined): string {
  return includeControl ? '' : ` AND arm IS DISTINCT FROM 'control'`;
}

/**
 * long: one row per (customer, priority), ordered by customer_id then priority.
 * Columns: customer_id, priority, offer_id, score[, reason][, segment, map_rule][, message].
 */
export function longLayoutQuery(torId: string, withReason: boolean | LongColumns = false): SqlQuery {
  const c: LongColumns = typeof withReason === 'boolean' ? { reason: withReason } : withReason;
  const extra = [
    c.reason ? 'reason' : '',
    c.segment ? 'segment, map_rule' : '',
    c.message ? 'message' : '',
    c.group ? `coalesce(arm, 'treatment') AS "group"` : '',
  ].filter(Boolean);
  const cols = `customer_id, priority, offer_id, score${extra.map((x) => ', ' + x).join('')}`;
  return {
    sql: `SELECT ${cols} FROM tor_results WHERE tor_id = ?${armFilter(c.includeControl)} ORDER BY customer_id, priority, offer_id`,
    params: [torId],
  };
}

/**
 * wide: one row per customer. Columns: customer_id, offer_1, score_1, …, offer_k, score_k, where
 * slot i is the customer's i-th offer by priority (so gaps or a 0-based priority still fill
 * slots 1..); slots a customer has no offer for are empty. `k` = the TOR's offers per customer.
 */
export function wideLayoutQuery(torId: string, k: number, arms: Pick<LongColumns, 'group' | 'includeControl'> = {}): SqlQuery {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a whole number ≥ 0 (got ${k})`);
  const slots: string[] = [];
  for (let i = 1; i <= k; i++) {
    slots.push(`any_value(offer_id) FILTER (WHERE rk = ${i}) AS offer_${i}`);
    slots.push(`any_value(score) FILTER (WHERE rk = ${i}) AS score_${i}`);
  }
  const sql =
    `WITH r AS (SELECT customer_id, offer_id, score, arm, ` +
    `row_number() OVER (PARTITION BY customer_id ORDER BY priority, offer_id) AS rk ` +
    `FROM tor_results WHERE tor_id = ?${armFilter(arms.includeControl)}) ` +
    `SELECT customer_id${slots.length ? ', ' + slots.join(', ') : ''}` +
    `${arms.group ? `, coalesce(any_value(arm), 'treatment') AS "group"` : ''} FROM r GROUP BY customer_id ORDER BY customer_id`;
  return { sql, params: [torId] };
}

/**
 * all-scores from the stored table tor_scores(tor_id, customer_id, offer_id, score, rank), which
 * the TOR service fills when asked to keep every score. Columns: customer_id, offer_id, score, rank.
 */
export function allScoresTableQuery(torId: string, includeControl = false): SqlQuery {
  const held = includeControl ? '' : ` AND customer_id NOT IN (SELECT customer_id FROM tor_results WHERE tor_id = ? AND arm = 'control')`;
  return {
    sql: `SELECT customer_id, offer_id, score, rank FROM tor_scores WHERE tor_id = ?${held} ORDER BY customer_id, rank, offer_id`,
    params: includeControl ? [torId] : [torId, torId],
  };
}

/**
 * all-scores from any source (e.g. scores not stored yet): every scored (customer, offer) pair from `source`, a SELECT yielding at least
 * customer_id, offer_id, score. rank = 1 for the customer's best score (ties broken by offer_id).
 * Columns: customer_id, offer_id, score, rank; ordered by customer_id, rank.
 */
export function allScoresLayoutQuery(source: SqlQuery): SqlQuery {
  const inner = source.sql.trim().replace(/;\s*$/, '');
  const sql =
    `SELECT customer_id, offer_id, score::DOUBLE AS score, ` +
    `row_number() OVER (PARTITION BY customer_id ORDER BY score DESC, offer_id) AS rank ` +
    `FROM (${inner}) AS s ORDER BY customer_id, rank`;
  return { sql, params: source.params };
}
