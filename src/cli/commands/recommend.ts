// `nextbest recommend`: top-N product recommendations per customer to a CSV/Parquet file, a PostgreSQL
// table or the product_recommendations table (the recs.recommend job, through the server when one holds the store).
import { resolve } from 'node:path';
import type { Command } from '../command.ts';
import { intFlag, parseFlags, storeFlags } from '../command.ts';
import { autoChoiceLine } from '../autoChoiceLine.ts';
import { UserError } from '../../domain/errors.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { defaultRecsSettings } from '../../recs/productRecommendations.ts';
import { callOp } from '../../client/callOp.ts';
import { recommendOp } from '../../ops/recommendOp.ts';
import { isPostgresUrl, postgresEndpoint } from '../../ingest/postgresConnection.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const usage =
  'nextbest recommend (--out FILE.csv|FILE.parquet | --out postgres://user@host/db --pg-table T | --table) ' +
  '[--top N (1–100, default 10)] [--as-of DATE] ' +
  "[--exclude-purchased] [--filter 'attr=value']… [--attributes a,b] [--max-per attr=N] [--model NAME] [--db PATH] [--json]";

export const recommendCommand: Command = {
  path: ['recommend'],
  summary: 'top-N product recommendations per customer (file or product_recommendations table)',
  usage,
  flags: [
    {
      flag: '--out FILE',
      description: 'write a CSV or Parquet file (by extension); a relative path is from the current folder',
      example: '--out recs.csv',
    },
    {
      flag: '--pg-table SCHEMA.TABLE',
      description:
        'with --out postgres://user@host[:port]/db: the PostgreSQL table to replace atomically (password: $NEXTBEST_PG_PASSWORD)',
      example: '--out postgres://etl@warehouse/shop --pg-table marts.product_recs',
    },
    {
      flag: '--table',
      description: 'replace the product_recommendations table in the store instead (ingest keeps it fresh)',
      example: '--table',
    },
    { flag: '--top N', description: 'products per customer, 1 to 100 (default 10)', example: '--top 5' },
    {
      flag: '--as-of DATE',
      description: 'only purchases before this date count (default: midnight after the latest order line)',
      example: '--as-of 2011-12-01',
    },
    { flag: '--exclude-purchased', description: 'leave out products the customer has already bought', example: '--exclude-purchased' },
    {
      flag: '--filter attr=value',
      description: 'only products with this attribute value; repeat for more (all must hold)',
      example: '--filter family=candles',
    },
    { flag: '--attributes a,b', description: 'product attribute columns to add to each row', example: '--attributes family,department' },
    { flag: '--max-per attr=N', description: 'at most N products per value of the attribute in one list', example: '--max-per family=2' },
    {
      flag: '--model NAME',
      description:
        "the model (`nextbest models list`); default auto: every model scored by a backtest on this store's history " +
        '(fitted before a cut, checked on the purchases after it), the best kept and its quality printed (`nextbest models show auto`)',
      example: '--model ease',
    },
    {
      flag: '--json',
      description: 'print a summary (rows, customers, seconds, as-of, target, model) as one JSON object',
      example: '--json',
    },
    DB_FLAG_HELP,
  ],
  examples: [
    'nextbest recommend --out recs.csv --top 10',
    'nextbest recommend --table --exclude-purchased --max-per family=2',
    'nextbest recommend --out postgres://etl@warehouse:5432/shop --pg-table marts.product_recs --top 10',
    "nextbest recommend --out recs.parquet --filter 'department=home' --attributes family --model ease --json",
  ],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        ...storeFlags,
        out: { type: 'string' },
        table: { type: 'boolean' },
        top: { type: 'string' },
        'as-of': { type: 'string' },
        'exclude-purchased': { type: 'boolean' },
        filter: { type: 'string', multiple: true },
        attributes: { type: 'string', multiple: true },
        'max-per': { type: 'string' },
        model: { type: 'string' },
        json: { type: 'boolean' },
        'pg-table': { type: 'string' },
      },
      usage,
    );
    const toPostgres = values.out !== undefined && isPostgresUrl(values.out);
    if (toPostgres !== (values['pg-table'] !== undefined)) throw new UserError('--pg-table goes with --out postgres://user@host[:port]/db');
    if (toPostgres) postgresEndpoint(values.out!); // a URL with a password is refused before it travels anywhere
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
    if (Boolean(values.out) === Boolean(values.table)) throw new UserError(`give exactly one of --out FILE or --table\nusage: ${usage}`);
    if (values.out && !toPostgres && !/\.(csv|parquet)$/i.test(values.out)) {
      throw new UserError(`--out must end in .csv or .parquet (got '${values.out}')`);
    }
    if (values['as-of']) {
      try {
        parseDateArg(values['as-of']);
      } catch (e) {
        throw new UserError(`--as-of: ${(e as Error).message}`);
      }
    }
    const res = await callOp(io, values.db, recommendOp, {
      // The server may run in another folder: it gets the file as an absolute path.
      target: values.table ? 'table' : toPostgres ? values.out!.trim() : resolve(values.out!),
      pgTable: values['pg-table'],
      top: intFlag('top', values.top, 1, 100, 10),
      asOf: values['as-of'] ?? null,
      excludePurchased: Boolean(values['exclude-purchased']),
      filters: values.filter ?? [],
      attributes: values.attributes ?? [],
      maxPer: values['max-per'] ?? null,
      model: values.model ?? defaultRecsSettings.model,
    });
    const where = values.table || toPostgres ? res.target : values.out!;
    const n = (x: number) => x.toLocaleString('en-US');
    io.err(`wrote ${n(res.rows)} rows for ${n(res.customers)} customers to ${where} in ${res.seconds.toFixed(1)} s\n`);
    if (res.auto) io.err(`${autoChoiceLine(res.auto)}\n`);
    const summary = {
      customers: res.customers,
      rows: res.rows,
      seconds: res.seconds,
      asOf: res.asOf,
      target: where,
      model: res.model,
      auto: res.auto,
    };
    io.out(values.json ? JSON.stringify(summary) + '\n' : `${where}\n`);
  },
};
