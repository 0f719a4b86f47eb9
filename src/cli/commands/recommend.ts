// `nextbest recommend`: top-N product recommendations per customer to a CSV/Parquet file or the
// product_recommendations table.
import type { Command } from '../command.ts';
import { dbPath, intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { defaultRecsSettings, recommendProducts } from '../../recs/productRecommendations.ts';
import { withStore } from '../withStore.ts';

const usage = 'nextbest recommend (--out FILE.csv|FILE.parquet | --table) [--top N (1–100, default 10)] [--as-of DATE] ' +
  "[--exclude-purchased] [--filter 'attr=value']… [--attributes a,b] [--max-per attr=N] [--model NAME] [--db PATH] [--json]";

export const recommendCommand: Command = {
  path: ['recommend'],
  summary: 'top-N product recommendations per customer (file or product_recommendations table)',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      ...storeFlags, out: { type: 'string' }, table: { type: 'boolean' }, top: { type: 'string' }, 'as-of': { type: 'string' },
      'exclude-purchased': { type: 'boolean' }, filter: { type: 'string', multiple: true }, attributes: { type: 'string', multiple: true },
      'max-per': { type: 'string' }, model: { type: 'string' }, json: { type: 'boolean' },
    }, usage);
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
    if (Boolean(values.out) === Boolean(values.table)) throw new UserError(`give exactly one of --out FILE or --table\nusage: ${usage}`);
    if (values.out && !/\.(csv|parquet)$/i.test(values.out)) throw new UserError(`--out must end in .csv or .parquet (got '${values.out}')`);
    let asOf: string | null = null;
    if (values['as-of']) {
      try { parseDateArg(values['as-of']); } catch (e) { throw new UserError(`--as-of: ${(e as Error).message}`); }
      asOf = values['as-of'];
    }
    const settings = {
      ...defaultRecsSettings,
      top: intFlag('top', values.top, 1, 100, 10), asOf, excludePurchased: Boolean(values['exclude-purchased']),
      filters: values.filter ?? [], attributes: values.attributes ?? [], maxPer: values['max-per'] ?? null,
      model: values.model ?? defaultRecsSettings.model,
    };
    const target = values.table ? { kind: 'table' as const } : { kind: 'file' as const, path: values.out! };
    const res = await withStore(dbPath(values.db, io.env), (s) => recommendProducts(s, settings, target, (m) => io.err(m + '\n')));
    const where = target.kind === 'table' ? 'table product_recommendations' : target.path;
    io.err(`wrote ${res.rows.toLocaleString('en-US')} rows for ${res.customers.toLocaleString('en-US')} customers to ${where} in ${res.seconds.toFixed(1)} s\n`);
    io.out(values.json ? JSON.stringify({ ...res, asOf: res.asOf.toISOString(), target: where, model: settings.model }) + '\n' : `${where}\n`);
  },
};
