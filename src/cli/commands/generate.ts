// `nextbest generate`: writes a synthetic retail world (canonical CSV/Parquet files + truth.json).
// It never opens a store (the files are imported afterwards with `nextbest import`, which goes
// through the server when one runs), so it stays in-process and is not an op.
import { generateWorld } from '../../generate/generateWorld.ts';
import { UserError } from '../../domain/errors.ts';
import { intFlag, parseFlags, type Command } from '../command.ts';
import { table } from '../format.ts';
import { progressOnStderr } from '../progress.ts';

const usage =
  'nextbest generate --customers N --products N --months N --seed S --out DIR [--format csv|parquet] [--start 2023-01-01] [--workers N] [--json]';

export const generateCommand: Command = {
  path: ['generate'],
  summary: 'write a synthetic retail world (customers, products, order lines, events, offers, truth.json)',
  usage,
  flags: [
    { flag: '--customers N', description: 'customers to simulate; default 1000', example: '--customers 5000' },
    { flag: '--products N', description: 'products in the catalogue; default 500', example: '--products 800' },
    { flag: '--months N', description: 'months of history; default 24', example: '--months 18' },
    { flag: '--seed S', description: 'random seed: the same seed writes the same world; default 1', example: '--seed 7' },
    { flag: '--out DIR', description: 'folder for the files (created if needed); required', example: '--out world' },
    { flag: '--format F', description: 'csv or parquet; default csv', example: '--format parquet' },
    { flag: '--start DATE', description: 'first day of the history (YYYY-MM-DD); default 2023-01-01', example: '--start 2022-06-01' },
    {
      flag: '--workers N',
      example: '--workers 4',
      description: 'worker threads for the simulation; default 1 below 20,000 customers, else up to 8 (one per core)',
    },
    { flag: '--json', description: 'print the result (files, rows, truth) as JSON', example: '--json' },
  ],
  examples: [
    'nextbest generate --customers 2000 --products 300 --months 14 --seed 7 --out world',
    'nextbest generate --out big --customers 1000000 --format parquet --workers 8',
  ],
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      {
        customers: { type: 'string' },
        products: { type: 'string' },
        months: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        start: { type: 'string' },
        workers: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (!values.out) throw new UserError(`--out is required\nusage: ${usage}`);
    const format = values.format ?? 'csv';
    if (format !== 'csv' && format !== 'parquet') throw new UserError(`--format must be csv or parquet (got '${format}')`);
    const start = values.start ?? '2023-01-01';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) throw new UserError(`--start must be a date YYYY-MM-DD (got '${start}')`);
    const progress = progressOnStderr('generate', io.err);
    const result = await generateWorld(
      {
        customers: intFlag('customers', values.customers, 1, 100_000_000, 1000),
        products: intFlag('products', values.products, 10, 10_000_000, 500),
        months: intFlag('months', values.months, 1, 240, 24),
        seed: intFlag('seed', values.seed, 0, Number.MAX_SAFE_INTEGER, 1),
        workers: values.workers === undefined ? undefined : intFlag('workers', values.workers, 1, 64),
        start,
        out: values.out,
        format,
      },
      progress,
    );
    progress.done();
    if (values.json) io.out(JSON.stringify(result, null, 2) + '\n');
    else
      io.out(
        table(
          ['table', 'rows', 'file'],
          result.files.map((f) => [f.table, f.rows, f.path]),
        ),
      );
  },
};
