// Flags shared by `tor create` and `tor edit` for guardrails, volume limits and exclusions,
// parsed into the matching fields of a TOR definition (undefined = not given).
import type { TorGuardrails, TorSettings } from '../domain/types.ts';
import { UserError } from '../domain/errors.ts';
import { CHANNEL } from '../domain/channel.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { intFlag, type FlagHelp } from './command.ts';

export const TOR_SETTINGS_FLAGS = {
  'send-date': { type: 'string' },
  'suppress-days': { type: 'string' },
  'allow-redeemed': { type: 'boolean' },
  'max-contacts': { type: 'string' },
  'cap-window-days': { type: 'string' },
  'exclude-customer': { type: 'string', multiple: true },
  map: { type: 'string' },
  channel: { type: 'string' },
  'control-pct': { type: 'string' },
  seed: { type: 'string' },
  stratify: { type: 'string' },
  experiment: { type: 'string' },
  min: { type: 'string', multiple: true },
  max: { type: 'string', multiple: true },
  'max-at': { type: 'string', multiple: true },
} as const;

export const TOR_SETTINGS_FLAG_HELP: FlagHelp[] = [
  {
    flag: '--send-date DATE',
    description: 'date the guardrails are checked against (default: the as-of date)',
    example: '--send-date 2011-12-12',
  },
  { flag: '--suppress-days N', description: 'do not send an offer again within N days of the last send', example: '--suppress-days 30' },
  { flag: '--allow-redeemed', description: 'customers who already redeemed an offer may get it again', example: '--allow-redeemed' },
  {
    flag: '--max-contacts N',
    description: 'frequency cap: at most N contacts per customer in the cap window',
    example: '--max-contacts 3',
  },
  { flag: '--cap-window-days N', description: 'length of the frequency-cap window in days', example: '--cap-window-days 28' },
  {
    flag: '--exclude-customer ID…',
    description: 'customers never to include (repeat or separate with commas)',
    example: '--exclude-customer 12347,12348',
  },
  {
    flag: '--map ID',
    description: 'apply a segment → offer map over the scores (nextbest maps list; edit: none removes it)',
    example: '--map playbook',
  },
  {
    flag: '--channel NAME',
    description: 'channel of the send: customers whose consent_NAME attribute is not true are excluded; none removes it',
    example: '--channel email',
  },
  {
    flag: '--control-pct P',
    description: 'hold out P % (0–50) of customers as a random control group; 0 removes it (docs/experiments.md)',
    example: '--control-pct 10',
  },
  { flag: '--seed S', description: 'seed of the control split (with --control-pct)', example: '--seed 7' },
  {
    flag: '--stratify none|segment|priority',
    description: 'exact control shares within each segment or first-priority offer',
    example: '--stratify segment',
  },
  { flag: '--experiment ID', description: 'experiment the arms belong to (default: the TOR id)', example: '--experiment spring-test' },
  { flag: '--min OFFER=N…', description: 'at least N customers get this offer', example: '--min family=candles=100' },
  { flag: '--max OFFER=N…', description: 'at most N customers get this offer', example: '--max family=bags=500' },
  {
    flag: '--max-at OFFER:PRIORITY=N…',
    description: 'at most N customers get this offer at that priority (1–4)',
    example: '--max-at family=bags:1=200',
  },
];

export const TOR_SETTINGS_USAGE =
  '[--send-date DATE] [--suppress-days N] [--allow-redeemed] [--max-contacts N] [--cap-window-days N] ' +
  '[--exclude-customer ID…] [--map ID] [--channel NAME] [--control-pct P [--seed S] [--stratify none|segment|priority] [--experiment ID]] [--min OFFER=N…] [--max OFFER=N…] [--max-at OFFER:PRIORITY=N…]';

export type TorSettingsExtra = Pick<
  Partial<TorSettings>,
  'sendDate' | 'guardrails' | 'limits' | 'excludeCustomers' | 'offerMap' | 'control' | 'channel'
>;

export interface TorSettingsFlagValues {
  'send-date'?: string;
  'suppress-days'?: string;
  'allow-redeemed'?: boolean;
  'max-contacts'?: string;
  'cap-window-days'?: string;
  'exclude-customer'?: string[];
  map?: string;
  channel?: string;
  'control-pct'?: string;
  seed?: string;
  stratify?: string;
  experiment?: string;
  min?: string[];
  max?: string[];
  'max-at'?: string[];
}

function pairs(flag: string, items: string[] | undefined): Record<string, number> | undefined {
  if (!items?.length) return undefined;
  const out: Record<string, number> = {};
  for (const it of items) {
    const m = /^(.+)=(\d+)$/.exec(it);
    if (!m) throw new UserError(`--${flag} takes OFFER=N (a whole number of customers), got '${it}'`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

/**
 * The guardrail, limit, exclusion and send-date fields of a TOR definition (see
 * ops/torDefinitionSchema.ts) for the given flags; `tor edit` sends them and the service merges
 * them onto the TOR's current settings.
 */
export function torSettingsFromFlags(v: TorSettingsFlagValues): TorSettingsExtra {
  const patch: TorSettingsExtra = {};
  if (v['send-date']) {
    try {
      parseDateArg(v['send-date']);
    } catch (e) {
      throw new UserError(`--send-date: ${(e as Error).message}`);
    }
    patch.sendDate = v['send-date'];
  }
  const g: Partial<TorGuardrails> = {};
  if (v['suppress-days'] !== undefined) g.suppressionDays = intFlag('suppress-days', v['suppress-days'], 0, 3650);
  if (v['allow-redeemed']) g.suppressRedeemed = false;
  if (v['max-contacts'] !== undefined) g.maxContacts = intFlag('max-contacts', v['max-contacts'], 0, 1000);
  if (v['cap-window-days'] !== undefined) g.capWindowDays = intFlag('cap-window-days', v['cap-window-days'], 1, 3650);
  if (Object.keys(g).length) patch.guardrails = g;
  if (v['exclude-customer']?.length) patch.excludeCustomers = v['exclude-customer'];
  if (v.map !== undefined) patch.offerMap = v.map === 'none' ? null : v.map;
  if (v.channel !== undefined) {
    if (v.channel !== 'none' && !CHANNEL.test(v.channel))
      throw new UserError(`--channel takes lower-case letters, digits and _ (e.g. email), got '${v.channel}'`);
    patch.channel = v.channel === 'none' ? null : v.channel;
  }
  const control = controlFromFlags(v);
  if (control !== undefined) patch.control = control;
  const min = pairs('min', v.min),
    max = pairs('max', v.max);
  // null = no limit at that priority (JSON has no Infinity).
  let maxAt: Record<string, (number | null)[]> | undefined;
  for (const it of v['max-at'] ?? []) {
    const m = /^(.+):([1-4])=(\d+)$/.exec(it);
    if (!m) throw new UserError(`--max-at takes OFFER:PRIORITY=N with PRIORITY 1–4, got '${it}'`);
    maxAt ??= {};
    const arr = (maxAt[m[1]] ??= [null, null, null, null]);
    arr[Number(m[2]) - 1] = Number(m[3]);
  }
  if (min || max || maxAt) {
    const maxAtPriority = maxAt as Record<string, number[]> | undefined;
    patch.limits = { ...(min ? { min } : {}), ...(max ? { max } : {}), ...(maxAtPriority ? { maxAtPriority } : {}) };
  }
  return patch;
}

const STRATA = ['none', 'segment', 'priority'] as const;

/** --control-pct and its companions; 0 removes the control group; undefined = not given. */
function controlFromFlags(v: TorSettingsFlagValues): TorSettings['control'] | undefined {
  const pctText = v['control-pct'];
  if (pctText === undefined) {
    if (v.seed !== undefined || v.stratify !== undefined || v.experiment !== undefined)
      throw new UserError('--seed, --stratify and --experiment go with --control-pct');
    return undefined;
  }
  const pct = Number(pctText.replace(/%$/, ''));
  if (!Number.isFinite(pct) || pct < 0 || pct > 50) throw new UserError(`--control-pct must be between 0 and 50, got '${pctText}'`);
  if (pct === 0) return null;
  const stratify = v.stratify ?? 'none';
  if (!(STRATA as readonly string[]).includes(stratify))
    throw new UserError(`--stratify takes none, segment or priority, got '${stratify}'`);
  return { pct, seed: v.seed ?? '1', stratify: stratify as (typeof STRATA)[number], experiment: v.experiment ?? null };
}
