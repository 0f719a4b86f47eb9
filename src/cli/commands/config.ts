// `nextbest config show` and `nextbest config set hierarchy department,family`: settings kept in the store.
import type { Command } from '../command.ts';
import { dbPath, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { setMeta } from '../../store/meta.ts';
import type { Store } from '../../store/store.ts';
import { tableColumns } from '../../ingest/upsertRows.ts';
import { withStore } from '../withStore.ts';

const showUsage = 'nextbest config show [--json] [--db PATH]';
export const configShowCommand: Command = {
  path: ['config', 'show'],
  summary: 'show the settings kept in the store (hierarchy, saved import mappings, …)',
  usage: showUsage,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, showUsage);
    const rows = await withStore(dbPath(values.db, io.env), (s) =>
      s.all<{ key: string; value: string }>(`SELECT key, value::VARCHAR AS value FROM meta ORDER BY key`));
    const settings = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
    if (values.json) { io.out(JSON.stringify(settings) + '\n'); return; }
    for (const [k, v] of Object.entries(settings)) io.out(`${k} = ${Array.isArray(v) ? v.join(',') : JSON.stringify(v)}\n`);
  },
};

/** Settings `config set` accepts: how to parse the value and check it against the store. */
const SETTABLE: Record<string, (store: Store, value: string) => Promise<unknown>> = {
  // Product attribute columns, top level first; each must exist on products.
  async hierarchy(store, value) {
    const levels = value.split(',').map((v) => v.trim()).filter(Boolean);
    const cols = (await tableColumns(store, 'products')).map((c) => c.name);
    const missing = levels.filter((l) => !cols.includes(l));
    if (missing.length) throw new UserError(`products have no column ${missing.join(', ')} (columns: ${cols.join(', ')}); import them first`);
    if (new Set(levels).size !== levels.length) throw new UserError('hierarchy levels must differ');
    return levels;
  },
};

const setUsage = `nextbest config set <${Object.keys(SETTABLE).join('|')}> <value> [--db PATH]   e.g. config set hierarchy department,family`;
export const configSetCommand: Command = {
  path: ['config', 'set'],
  summary: 'set a store setting, e.g. the product hierarchy',
  usage: setUsage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags }, setUsage);
    if (positionals.length < 2) throw new UserError(`give a key and a value\nusage: ${setUsage}`);
    const [key, ...rest] = positionals;
    const parse = SETTABLE[key];
    if (!parse) throw new UserError(`unknown setting '${key}' (settable: ${Object.keys(SETTABLE).join(', ')})`);
    const value = await withStore(dbPath(values.db, io.env), async (s) => {
      const v = await parse(s, rest.join(','));
      await setMeta(s, key, v);
      return v;
    });
    io.out(`${key} = ${Array.isArray(value) ? value.join(',') : JSON.stringify(value)}\n`);
  },
};
