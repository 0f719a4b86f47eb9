// `nextbest generate`: writes a synthetic retail world (canonical CSV/Parquet files + truth.json).
import { generateWorld } from '../../generate/generateWorld.ts';
import { UserError } from '../../domain/errors.ts';
import { intFlag, parseFlags, type Command } from '../command.ts';
import { table } from '../format.ts';
import { progressOnStderr } from '../progress.ts';

const usage = 'nextbest generate --customers N --products N --months N --seed S --out DIR [--format csv|parquet] [--start 2023-01-01] [--workers N] [--json]';

export const generateCommand: Command = {
  path: ['generate'],
  summary: 'write a synthetic retail world (customers, products, order lines, events, offers, truth.json)',
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      customers: { type: 'string' }, products: { type: 'string' }, months: { type: 'string' }, seed: { type: 'string' },
      out: { type: 'string' }, format: { type: 'string' }, start: { type: 'string' }, workers: { type: 'string' },
      json: { type: 'boolean' },
    }, usage);
    if (!values.out) throw new UserError(`--out is required\nusage: ${usage}`);
    const format = values.format ?? 'csv';
    if (format !== 'csv' && format !== 'parquet') throw new UserError(`--format must be csv or parquet (got '${format}')`);
    const start = values.start ?? '2023-01-01';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) throw new UserError(`--start must be a date YYYY-MM-DD (got '${start}')`);
    const progress = progressOnStderr('generate', io.err);
    const result = await generateWorld({
      customers: intFlag('customers', values.customers, 1, 100_000_000, 1000),
      products: intFlag('products', values.products, 10, 10_000_000, 500),
      months: intFlag('months', values.months, 1, 240, 24),
      seed: intFlag('seed', values.seed, 0, Number.MAX_SAFE_INTEGER, 1),
      workers: values.workers === undefined ? undefined : intFlag('workers', values.workers, 1, 64),
      start, out: values.out, format,
    }, progress);
    progress.done();
    if (values.json) io.out(JSON.stringify(result, null, 2) + '\n');
    else io.out(table(['table', 'rows', 'file'], result.files.map((f) => [f.table, f.rows, f.path])));
  },
};
