// Every touch of a customer, from both sources: campaign contacts (TOR exports, imported sends) and
// trigger-rule firings (the rule id is the campaign id), either arm. Campaign reports, the campaign
// list and uplift training all read this one union, so a third source would be added here once.
/** Columns: customer_id, offer_id, sent_at, campaign_id (NULL for contacts without one), arm, priority, segment, rule. */
export const TOUCHES_SQL = `SELECT customer_id, offer_id, sent_at, campaign_id, coalesce("group", 'treatment') AS arm, priority, segment,
    false AS rule FROM contacts
  UNION ALL SELECT customer_id, offer_id, fired_at, rule_id, coalesce("group", 'treatment'), NULL, NULL, true FROM rule_firings`;
