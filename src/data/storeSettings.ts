// Settings kept in the store (meta): everything for `config show`, and the few a user may set,
// each parsed and checked against the store before it is saved.
import { UserError } from '../domain/errors.ts';
import { tableColumns } from '../ingest/upsertRows.ts';
import { setMeta } from '../store/meta.ts';
import type { Store } from '../store/store.ts';

/** Settings `config set` accepts: how to parse the value and check it against the store. */
const SETTABLE: Record<string, (store: Store, value: string) => Promise<unknown>> = {
  // Product attribute columns, top level first; each must exist on products.
  async hierarchy(store, value) {
    const levels = value.split(',').map((v) => v.trim()).filter(Boolean);
    const cols = (await tableColumns(store, 'products')).map((c) => c.name);
    const missing = levels.filter((l) => !cols.includes(l));
    if (missing.length) {
      throw new UserError(`products have no column ${missing.join(', ')} (columns: ${cols.join(', ')}); import them first`);
    }
    if (new Set(levels).size !== levels.length) throw new UserError('hierarchy levels must differ');
    return levels;
  },
  // The store's currency (ISO 4217, e.g. GBP): how amounts are shown (dashboard, reports).
  async currency(_store, value) {
    const code = value.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(code) || !Intl.supportedValuesOf('currency').includes(code)) {
      throw new UserError(`currency must be an ISO 4217 code such as EUR, GBP or USD (got '${value}')`);
    }
    return code;
  },
  // Import sanity limits (docs/bad-input.md): event dates at most this many days after today.
  async import_future_days(_store, value) {
    const days = Number(value);
    if (!Number.isInteger(days) || days < 0 || days > 36_500) {
      throw new UserError(`import_future_days takes a whole number of days from 0 to 36500 (got '${value}')`);
    }
    return days;
  },
  // …and every number column within ±this.
  async import_max_number(_store, value) {
    const max = Number(value);
    if (!Number.isFinite(max) || max <= 0 || max > 1e15) {
      throw new UserError(`import_max_number takes a number above 0, at most 1e15 (got '${value}')`);
    }
    return max;
  },
};

export const SETTABLE_KEYS = Object.keys(SETTABLE);

/** Every stored setting, key → value (saved mappings, hierarchy, model configs, …). */
export async function storeSettings(store: Store): Promise<Record<string, unknown>> {
  const rows = await store.all<{ key: string; value: string }>(`SELECT key, value::VARCHAR AS value FROM meta ORDER BY key`);
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
}

/** Checks and saves one settable setting; returns the value as stored. */
export async function setStoreSetting(store: Store, key: string, value: string): Promise<unknown> {
  const parse = SETTABLE[key];
  if (!parse) throw new UserError(`unknown setting '${key}' (settable: ${SETTABLE_KEYS.join(', ')})`);
  const v = await parse(store, value);
  await setMeta(store, key, v);
  return v;
}
