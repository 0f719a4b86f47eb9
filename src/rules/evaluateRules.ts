// Evaluates a rule set as of an instant, in SQL: for each rule in file order, the customers its
// trigger holds for, minus those its guardrails hold back (audience, cool-down, max firings,
// suppression of the same offer, frequency cap across offers). Firings of earlier rules in the
// same run count for later ones. The caller holds the transaction; with `record` the firings
// are appended to rule_firings. A firing is an action, not a send: no contacts row is written,
// but suppression and caps count contacts and firings alike (docs/rules.md).
import type { Offer } from '../domain/types.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import { armHashSql } from '../tor/controlArmsForTor.ts';
import { quoteLiteral, type Store } from '../store/store.ts';
import { ruleAudienceSql } from './ruleAudienceSql.ts';
import { customerColumns } from '../store/customerColumns.ts';
import type { Rule, RuleSet } from './ruleTypes.ts';
import { daysBefore, inList, triggerSql } from './triggerSql.ts';
import { DAY } from '../math/day.ts';

/** A firing to act on (treatment arm); control firings are recorded but not returned. */
export interface Firing {
  customer_id: string;
  rule: string;
  offer_id: string;
  fired_at: string;
}
export interface RuleOutcome {
  rule: string;
  offer: string;
  fired: number;
  /** Of `fired`, the customers held out as the rule's control group (recorded, not acted on). */
  heldOut: number;
  skipped: string | null;
}

export interface EvaluateOptions {
  /** Exclusive bound of the history read: batch = the as-of date; real time = just after the ingest instant. */
  asOf: Date;
  /** When the firings happen (batch: the as-of date; real time: the ingest instant). */
  firedAt: Date;
  /** Only these customers (real time); null = everyone. */
  customers: string[] | null;
  source: 'batch' | 'realtime';
  ruleSet: string;
  /** false = dry run: evaluated, nothing recorded. */
  record: boolean;
  /**
   * Audiences already resolved (expression → a table of customer_id), e.g. as of the start of the day
   * in real time (rules/firingsOnIngest.ts); the others are computed as of `asOf`.
   */
  audienceTables?: Map<string, string>;
}

const ts = (d: Date) => `TIMESTAMP ${quoteLiteral(isoLocal(d))}`;

/** Why a rule is not evaluated at F, or null when it is. */
function inactive(rule: Rule, offer: Offer, F: Date): string | null {
  if (!rule.enabled) return 'disabled';
  if (rule.validFrom && F < rule.validFrom) return 'not yet valid';
  if (rule.validTo && F.getTime() >= rule.validTo.getTime() + DAY) return 'expired';
  if (offer.validFrom && F < new Date(offer.validFrom)) return 'offer not yet valid';
  if (offer.validTo && F > new Date(offer.validTo)) return 'offer expired';
  return null;
}

function guardrailsSql(rule: Rule, offer: Offer, A: string, F: string, hasMemberColumn: boolean): string {
  const R = quoteLiteral(rule.id);
  const O = quoteLiteral(offer.offerId);
  const mine = `f.customer_id = t.customer_id AND f.fired_at <= ${F}`;
  const out = [
    // Cool-down; with none, still one firing per rule, customer and instant (re-running a date adds nothing).
    `NOT EXISTS (SELECT 1 FROM fired f WHERE ${mine} AND f.rule_id = ${R}
       AND (f.fired_at = ${F} OR f.fired_at > ${daysBefore(F, rule.cooldownDays)}))`,
  ];
  if (rule.maxFirings !== null) out.push(`(SELECT count(*) FROM fired f WHERE ${mine} AND f.rule_id = ${R}) < ${rule.maxFirings}`);
  if (rule.suppressDays > 0) {
    out.push(`NOT EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = t.customer_id AND k.offer_id = ${O} AND k."group" IS DISTINCT FROM 'control'
       AND k.sent_at < ${A} AND k.sent_at > ${daysBefore(F, rule.suppressDays)})`);
    out.push(`NOT EXISTS (SELECT 1 FROM fired f WHERE ${mine} AND f.offer_id = ${O} AND f.fired_at > ${daysBefore(F, rule.suppressDays)})`);
  }
  if (rule.frequencyCap) {
    const since = daysBefore(F, rule.frequencyCap.days);
    out.push(`(SELECT count(*) FROM contacts k WHERE k.customer_id = t.customer_id AND k."group" IS DISTINCT FROM 'control'
         AND k.sent_at < ${A} AND k.sent_at > ${since})
       + (SELECT count(*) FROM fired f WHERE ${mine} AND f.fired_at > ${since}) < ${rule.frequencyCap.max}`);
  }
  // Offer levels as in TOR eligibility: members only, the listed customers, or the offer's audience (none = nobody).
  if (offer.level === 'individual') out.push(`t.customer_id IN ${offer.customerIds?.length ? inList(offer.customerIds) : '(NULL)'}`);
  if (offer.level === 'members') {
    out.push(hasMemberColumn ? `t.customer_id IN (SELECT customer_id FROM customers WHERE TRY_CAST(is_member AS BOOLEAN))` : 'false');
  }
  if (offer.level === 'audience' && !offer.audience) out.push('false');
  return out.join('\n  AND ');
}

export async function evaluateRules(
  store: Store,
  set: RuleSet,
  offers: Map<string, Offer>,
  o: EvaluateOptions,
): Promise<{ firings: Firing[]; outcomes: RuleOutcome[] }> {
  const A = ts(o.asOf);
  const F = ts(o.firedAt);
  const cols = await customerColumns(store);
  await store.run(`CREATE OR REPLACE TEMP TABLE rule_run (
    customer_id VARCHAR, rule_id VARCHAR, offer_id VARCHAR, fired_at TIMESTAMP, seq INTEGER, arm VARCHAR, control_pct DOUBLE)`);
  const outcomes: RuleOutcome[] = [];
  try {
    for (const [seq, rule] of set.rules.entries()) {
      const offer = offers.get(rule.offer)!;
      const skipped = inactive(rule, offer, o.firedAt);
      if (skipped) {
        outcomes.push({ rule: rule.id, offer: rule.offer, fired: 0, heldOut: 0, skipped });
        continue;
      }
      const audiences = [rule.audience, offer.level === 'audience' ? offer.audience : null]
        .filter((a): a is string => !!a)
        .map((a) => (o.audienceTables?.has(a) ? `SELECT customer_id FROM ${o.audienceTables.get(a)}` : ruleAudienceSql(cols, a, A)));
      const trigger = triggerSql(rule.trigger, { A, F, ruleId: rule.id, offer, customers: o.customers });
      // Trigger and the cheap guardrails first; the audience (customer features over everyone) only
      // when someone is left, which in real time is rarely the case.
      await store.run(`CREATE OR REPLACE TEMP TABLE rule_candidates AS
        WITH fired AS (SELECT customer_id, rule_id, offer_id, fired_at FROM rule_firings
                       UNION ALL SELECT customer_id, rule_id, offer_id, fired_at FROM rule_run)
        SELECT DISTINCT t.customer_id FROM (${trigger}) t
        WHERE ${guardrailsSql(
          rule,
          offer,
          A,
          F,
          cols.some((c) => c.name === 'is_member'),
        )}`);
      const left = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM rule_candidates`))!.n);
      let fired = 0,
        heldOut = 0;
      if (left > 0) {
        // The arm: the one the customer already has in this rule's experiment, else a hash draw (controlArmsForTor).
        const arm =
          rule.controlPct > 0
            ? `coalesce((SELECT a.arm FROM experiment_arms a WHERE a.experiment_id = ${quoteLiteral(rule.id)} AND a.customer_id = t.customer_id),
               CASE WHEN ${armHashSql(rule.id, rule.controlSeed, 't.customer_id')} < ${rule.controlPct / 100} THEN 'control' ELSE 'treatment' END)`
            : `'treatment'`;
        await store.run(`INSERT INTO rule_run
          SELECT t.customer_id, ${quoteLiteral(rule.id)}, ${quoteLiteral(offer.offerId)}, ${F}, ${seq}, ${arm}, ${rule.controlPct || 'NULL'}
          FROM rule_candidates t WHERE ${['true', ...audiences.map((a) => `t.customer_id IN (${a})`)].join(' AND ')}`);
        fired = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM rule_run WHERE seq = ${seq}`))!.n);
        heldOut = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM rule_run WHERE seq = ${seq} AND arm = 'control'`))!.n);
      }
      outcomes.push({ rule: rule.id, offer: rule.offer, fired, heldOut, skipped: null });
    }
    const firings = await store.all<Firing>(`SELECT customer_id, rule_id AS rule, offer_id,
        strftime(fired_at, '%Y-%m-%d %H:%M:%S') AS fired_at FROM rule_run WHERE arm = 'treatment' ORDER BY seq, customer_id`);
    if (o.record) {
      await store.run(
        `INSERT INTO rule_firings (customer_id, rule_id, offer_id, fired_at, source, rule_set, recorded_at, "group", control_pct)
        SELECT customer_id, rule_id, offer_id, fired_at, ?, ?, now()::TIMESTAMP, arm, control_pct FROM rule_run ORDER BY seq, customer_id`,
        [o.source, o.ruleSet],
      );
      await store.run(
        `INSERT INTO experiment_arms SELECT DISTINCT rule_id, customer_id, arm, NULL, now()::TIMESTAMP FROM rule_run
         WHERE control_pct IS NOT NULL ON CONFLICT DO NOTHING`,
      );
    }
    return { firings, outcomes };
  } finally {
    // After a failed statement the transaction is aborted and the rollback drops the table anyway.
    await store.run(`DROP TABLE IF EXISTS rule_run`).catch(() => undefined);
    await store.run(`DROP TABLE IF EXISTS rule_candidates`).catch(() => undefined);
  }
}
