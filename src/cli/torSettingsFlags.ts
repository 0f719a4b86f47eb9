// Flags shared by `tor create` and `tor edit` for guardrails, volume limits and exclusions,
// parsed into a TorSettings patch (undefined = not given).
import type { TorSettings } from '../domain/types.ts';
import { UserError } from '../domain/errors.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { intFlag } from './command.ts';

export const TOR_SETTINGS_FLAGS = {
  'send-date': { type: 'string' }, 'suppress-days': { type: 'string' }, 'allow-redeemed': { type: 'boolean' },
  'max-contacts': { type: 'string' }, 'cap-window-days': { type: 'string' },
  'exclude-customer': { type: 'string', multiple: true },
  min: { type: 'string', multiple: true }, max: { type: 'string', multiple: true }, 'max-at': { type: 'string', multiple: true },
} as const;

export const TOR_SETTINGS_USAGE = '[--send-date DATE] [--suppress-days N] [--allow-redeemed] [--max-contacts N] [--cap-window-days N] ' +
  '[--exclude-customer ID…] [--min OFFER=N…] [--max OFFER=N…] [--max-at OFFER:PRIORITY=N…]';

export interface TorSettingsFlagValues {
  'send-date'?: string; 'suppress-days'?: string; 'allow-redeemed'?: boolean; 'max-contacts'?: string; 'cap-window-days'?: string;
  'exclude-customer'?: string[]; min?: string[]; max?: string[]; 'max-at'?: string[];
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

/** The settings patch for the given flags, merged onto `base` (the TOR's current settings, if any). */
export function torSettingsFromFlags(v: TorSettingsFlagValues, base: Partial<TorSettings> = {}): Partial<TorSettings> {
  const patch: Partial<TorSettings> = {};
  if (v['send-date']) {
    try { parseDateArg(v['send-date']); } catch (e) { throw new UserError(`--send-date: ${(e as Error).message}`); }
    patch.sendDate = v['send-date'];
  }
  const g = { ...(base.guardrails ?? {}) };
  let touched = false;
  if (v['suppress-days'] !== undefined) { g.suppressionDays = intFlag('suppress-days', v['suppress-days'], 0, 3650); touched = true; }
  if (v['allow-redeemed']) { g.suppressRedeemed = false; touched = true; }
  if (v['max-contacts'] !== undefined) { g.maxContacts = intFlag('max-contacts', v['max-contacts'], 0, 1000); touched = true; }
  if (v['cap-window-days'] !== undefined) { g.capWindowDays = intFlag('cap-window-days', v['cap-window-days'], 1, 3650); touched = true; }
  if (touched) patch.guardrails = g;
  if (v['exclude-customer']?.length) patch.excludeCustomers = v['exclude-customer'];
  const min = pairs('min', v.min), max = pairs('max', v.max);
  let maxAt: Record<string, number[]> | undefined;
  for (const it of v['max-at'] ?? []) {
    const m = /^(.+):([1-4])=(\d+)$/.exec(it);
    if (!m) throw new UserError(`--max-at takes OFFER:PRIORITY=N with PRIORITY 1–4, got '${it}'`);
    maxAt ??= {};
    const arr = (maxAt[m[1]] ??= [Infinity, Infinity, Infinity, Infinity]);
    arr[Number(m[2]) - 1] = Number(m[3]);
  }
  if (min || max || maxAt) {
    const l = { ...(base.limits ?? {}) };
    if (min) l.min = { ...(l.min ?? {}), ...min };
    if (max) l.max = { ...(l.max ?? {}), ...max };
    if (maxAt) l.maxAtPriority = { ...(l.maxAtPriority ?? {}), ...maxAt };
    for (const [id, lo] of Object.entries(l.min ?? {})) {
      if (l.max?.[id] !== undefined && lo > l.max[id]) throw new UserError(`offer ${id}: --min ${lo} is above --max ${l.max[id]}`);
    }
    patch.limits = l;
  }
  return patch;
}
