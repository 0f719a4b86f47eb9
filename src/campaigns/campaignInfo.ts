// What a campaign id names: a TOR (its sends are contacts with campaign_id = the TOR id), a trigger rule
// (its firings), or a campaign imported with a contacts file. Lists every campaign that has contacts.
import { NotFoundError } from '../domain/errors.ts';
import type { TorSettings } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import { TOUCHES_SQL } from './touchesSql.ts';

export interface CampaignInfo {
  id: string;
  kind: 'tor' | 'rule' | 'import';
  name: string;
  experiment: string | null;
  /** Planned control share in percent, when the campaign says it (TOR or rule settings). */
  control_pct: number | null;
  contacts_treatment: number;
  contacts_control: number;
  first_sent: string | null;
  last_sent: string | null;
}

interface Row {
  id: string;
  t: bigint;
  c: bigint;
  first: Date | null;
  last: Date | null;
  rule: boolean;
}

const CAMPAIGN_ROWS = `SELECT id, count(DISTINCT customer_id) FILTER (WHERE arm = 'treatment') AS t,
    count(DISTINCT customer_id) FILTER (WHERE arm = 'control') AS c, min(sent_at) AS first, max(sent_at) AS last, bool_or(rule) AS rule
  FROM (SELECT campaign_id AS id, customer_id, arm, sent_at, rule FROM (${TOUCHES_SQL}) WHERE campaign_id IS NOT NULL)`;

async function describe(store: Store, r: Row): Promise<CampaignInfo> {
  const tor = await store.one<{ name: string; settings: string }>(`SELECT name, settings::VARCHAR AS settings FROM tors WHERE tor_id = ?`, [
    r.id,
  ]);
  const base = {
    id: r.id,
    contacts_treatment: Number(r.t),
    contacts_control: Number(r.c),
    first_sent: r.first ? new Date(r.first).toISOString() : null,
    last_sent: r.last ? new Date(r.last).toISOString() : null,
  };
  if (tor) {
    const s = JSON.parse(tor.settings) as TorSettings;
    return {
      ...base,
      kind: 'tor',
      name: tor.name,
      experiment: s.control ? (s.control.experiment ?? r.id) : null,
      control_pct: s.control?.pct ?? null,
    };
  }
  if (r.rule) {
    const pct = await store.one<{ p: number | null }>(`SELECT max(control_pct) AS p FROM rule_firings WHERE rule_id = ?`, [r.id]);
    return { ...base, kind: 'rule', name: `rule ${r.id}`, experiment: pct?.p ? r.id : null, control_pct: pct?.p ?? null };
  }
  return { ...base, kind: 'import', name: r.id, experiment: Number(r.c) > 0 ? r.id : null, control_pct: null };
}

export async function listCampaigns(store: Store): Promise<CampaignInfo[]> {
  const rows = await store.all<Row>(`${CAMPAIGN_ROWS} GROUP BY id ORDER BY last DESC, id`);
  return Promise.all(rows.map((r) => describe(store, r)));
}

export async function campaignInfo(store: Store, id: string): Promise<CampaignInfo> {
  const r = await store.one<Row>(`${CAMPAIGN_ROWS} WHERE id = ? GROUP BY id`, [id]);
  if (!r) {
    const tor = await store.one(`SELECT 1 FROM tors WHERE tor_id = ?`, [id]);
    throw new NotFoundError(
      tor
        ? `campaign '${id}' has no contacts yet: export the TOR (\`nextbest tor export ${id} --out FILE\`) to record its send`
        : `campaign '${id}' not found: no contacts, TOR or rule firings carry that id (see \`nextbest campaigns list\`)`,
    );
  }
  return describe(store, r);
}
