// `nextbest report campaign ID [--window 14d] [--attribution last|first] [--churn-days 60d] [--json]` and
// `nextbest campaigns list`: the KPI report of a campaign and the campaigns there are.
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { campaignReportOp } from '../../ops/campaignReportOp.ts';
import { campaignsListOp } from '../../ops/campaignsListOp.ts';
import type { CampaignReport } from '../../campaigns/campaignReport.ts';
import type { Comparison } from '../../evaluate/experiment/armComparison.ts';
import { DB_FLAG_HELP, JSON_FLAG_HELP } from '../flagHelp.ts';

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(2)}%`);
const pp = (x: number | null) => (x === null ? '–' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}`);
const money = (x: number | null) => (x === null ? '–' : x.toFixed(2));
const ci = (lo: number | null, hi: number | null, f: (x: number | null) => string) => (lo === null ? '–' : `[${f(lo)}, ${f(hi)}]`);

function row(label: string, c: Comparison, extra: string[] = []): string[] {
  return [
    label,
    String(c.contacts_treatment),
    String(c.contacts_control),
    pct(c.conversion_treatment),
    pct(c.conversion_control),
    pp(c.incremental_conversion),
    ci(c.ci_low, c.ci_high, pp),
    pct(c.uptake_treatment),
    money(c.incremental_revenue),
    ci(c.incremental_revenue_ci_low, c.incremental_revenue_ci_high, money),
    ...extra,
  ];
}

const HEAD = ['', 'treated', 'control', 'conv T', 'conv C', 'Δ conv (pp)', '95% CI', 'uptake T', 'incr. revenue', '95% CI'];

export function reportText(r: CampaignReport): string {
  const c = r.campaign;
  const out = [
    `campaign ${c.id} (${c.kind}: ${c.name}), sent ${c.first_sent?.slice(0, 10) ?? '–'}` +
      `${c.last_sent && c.last_sent !== c.first_sent ? ` to ${c.last_sent.slice(0, 10)}` : ''}; window ${r.settings.window_days} days, ` +
      `${r.settings.attribution} touch, churn over ${r.settings.churn_days} days`,
  ];
  if (r.srm)
    out.push(
      `control share ${pct(r.srm.observed_control_share)} (planned ${pct(r.srm.expected_control_share)}), ` +
        `sample-ratio check p = ${r.srm.p_value?.toPrecision(2) ?? '–'}${r.srm.mismatch ? ' MISMATCH' : ' ok'}`,
    );
  out.push('', table(HEAD, [row('overall (customers)', r.overall)]));
  out.push('per offer (Holm-adjusted p):');
  out.push(
    table(
      [...HEAD, 'p adj.', 'ROI'],
      r.offers.map((o) => row(o.offer_id, o, [o.p_adjusted?.toPrecision(2) ?? '–', o.roi === null ? '–' : o.roi.toFixed(2)])),
    ),
  );
  if (r.segments.length > 1 || r.segments[0]?.segment !== '(none)') {
    out.push('per segment:');
    out.push(
      table(
        HEAD,
        r.segments.map((s) => row(s.segment, s)),
      ),
    );
  }
  if (r.priorities.length > 1) {
    out.push('per priority:');
    out.push(
      table(
        HEAD,
        r.priorities.map((p) => row(`priority ${p.priority}`, p)),
      ),
    );
  }
  for (const w of r.warnings) out.push(`warning (${w.kind}): ${w.message}`);
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}

const usage =
  'nextbest report campaign <id> [--window 14d] [--attribution last|first] [--churn-days 60d] [--expected-control P] [--db PATH] [--json]';
export const reportCampaignCommand: Command = {
  path: ['report', 'campaign'],
  summary: 'KPI report of a campaign: treatment vs control with 95 % intervals per offer, segment and priority',
  usage,
  flags: [
    { flag: '<id>', description: 'a TOR id (after `tor export`), a rule id, or an imported campaign_id', example: 'tor-1' },
    {
      flag: '--window N(d|w|m)',
      description: 'attribution window after each contact (an offer’s attribution_days wins)',
      example: '--window 14d',
    },
    {
      flag: '--attribution last|first',
      description: 'which send gets a purchase inside several contacts’ windows',
      example: '--attribution first',
    },
    {
      flag: '--churn-days N(d|w|m)',
      description: 'churned = no purchase in this many days after the contact',
      example: '--churn-days 90d',
    },
    {
      flag: '--expected-control P',
      description: 'planned control % for the sample-ratio check (imported campaigns)',
      example: '--expected-control 10',
    },
    { flag: '--json', description: 'print the whole report as JSON (stable shape: docs/experiments.md)', example: '--json' },
    DB_FLAG_HELP,
  ],
  examples: ['nextbest report campaign tor-1', 'nextbest report campaign tor-1 --window 14d --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        ...storeFlags,
        window: { type: 'string' },
        attribution: { type: 'string' },
        'churn-days': { type: 'string' },
        'expected-control': { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (positionals.length !== 1) throw new UserError(`give exactly one campaign id\nusage: ${usage}`);
    const attribution = values.attribution ?? 'last';
    if (attribution !== 'last' && attribution !== 'first') throw new UserError(`--attribution takes last or first, got '${attribution}'`);
    const expected = values['expected-control'] === undefined ? undefined : Number(values['expected-control']);
    const r = await callOp(io, values.db, campaignReportOp, {
      id: positionals[0],
      window: values.window ?? '14d',
      attribution,
      churnDays: values['churn-days'] ?? '60d',
      expectedControlPct: expected,
    });
    io.out(values.json ? JSON.stringify(r) + '\n' : reportText(r));
  },
};

const listUsage = 'nextbest campaigns list [--db PATH] [--json]';
export const campaignsListCommand: Command = {
  path: ['campaigns', 'list'],
  summary: 'campaigns with contacts (TOR sends, rule firings, imported contacts) and customers per arm',
  usage: listUsage,
  flags: [JSON_FLAG_HELP, DB_FLAG_HELP],
  examples: ['nextbest campaigns list'],
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, listUsage);
    const { campaigns } = await callOp(io, values.db, campaignsListOp, {});
    if (values.json) return void io.out(JSON.stringify(campaigns) + '\n');
    io.out(
      table(
        ['campaign', 'kind', 'name', 'treated', 'control', 'control %', 'first sent', 'last sent'],
        campaigns.map((c) => [
          c.id,
          c.kind,
          c.name,
          c.contacts_treatment,
          c.contacts_control,
          c.control_pct === null ? '' : `${c.control_pct}%`,
          c.first_sent?.slice(0, 10) ?? '',
          c.last_sent?.slice(0, 10) ?? '',
        ]),
      ),
    );
  },
};
