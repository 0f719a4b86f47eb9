// `nextbest evaluate`: B1 backtest of product-recommendation models — on the store (the
// models.evaluate job, through the server when one holds the store) or on two files (in-process:
// no store involved).
import type { Command } from '../command.ts';
import { intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { DEFAULT_EVAL_MODELS, type B1Report } from '../../backtest/b1.ts';
import { b1FromFiles } from '../../backtest/b1FromFiles.ts';
import { callOp } from '../../client/callOp.ts';
import { evaluateOp } from '../../ops/evaluateOp.ts';
import { table } from '../format.ts';
import { FORMATS, type FileFormat } from '../../ingest/rawFromFile.ts';
import { timestampFormatFromFlag } from '../../ingest/timestampFormat.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const usage =
  'nextbest evaluate [--as-of DATE] [--horizon DURATION|end] [--model NAME]… [--exclude-period FROM..TO] ' +
  '[--train-window 365d|all] [--k N] [--db PATH] [--json]  |  nextbest evaluate --train A.csv --test B.csv [--map canonical=source …] ' +
  '[--format csv|parquet|json|ndjson] [--ts-format auto|iso|unix-s|unix-ms|PATTERN] [--model NAME]… [--json]';

function dateFlag(name: string, v: string): Date {
  try {
    return parseDateArg(v);
  } catch (e) {
    throw new UserError(`--${name}: ${(e as Error).message}`);
  }
}

export function b1ReportText(r: B1Report): string {
  const notes = (r.notes ?? []).map((n) => `note: ${n}\n`).join('');
  const rows = r.rows.map((x) => [
    x.model,
    x.variant === 'all' ? 'all items' : 'new items',
    x.users,
    x.precision,
    x.recall,
    x.ndcg,
    x.map,
    x.hit,
    `${(100 * x.coverage).toFixed(1)}%`,
    `${x.fitSeconds.toFixed(2)} s`,
  ]);
  return (
    `${notes}B1 as of ${r.asOf}, test window to ${r.end}, top ${r.k}\n` +
    table(['model', 'variant', 'users', `P@${r.k}`, `R@${r.k}`, `NDCG@${r.k}`, `MAP@${r.k}`, `HR@${r.k}`, 'coverage', 'fit'], rows)
  );
}

export const evaluateCommand: Command = {
  path: ['evaluate'],
  summary: 'backtest recommendation models (B1: precision, recall, NDCG, MAP, hit rate @10) and save their quality',
  usage,
  flags: [
    {
      flag: '--as-of DATE',
      description: 'history ends here, the test window starts here (default: midnight after the latest order line)',
      example: '--as-of 2011-09-01',
    },
    {
      flag: '--horizon DURATION|end',
      description: "test window length: 91d, 12w, 3m, 1y, or 'end' for all later lines (default end)",
      example: '--horizon 3m',
    },
    {
      flag: '--model NAME',
      description: `a model to compare; repeat or use commas (default ${DEFAULT_EVAL_MODELS.join(', ')})`,
      example: '--model ease,als',
    },
    {
      flag: '--exclude-period FROM..TO',
      description: 'leave history lines in [FROM, TO) out, e.g. a promotion',
      example: '--exclude-period 2011-11-20..2011-11-30',
    },
    {
      flag: '--train-window 365d|all',
      description: 'how much history before the as-of date the models see (default all)',
      example: '--train-window 365d',
    },
    { flag: '--k N', description: 'list length the metrics are taken at, 1 to 100 (default 10)', example: '--k 20' },
    {
      flag: '--train FILE',
      description:
        'with --test: evaluate on two interaction files (CSV, Parquet, JSON; columns user/customer_id, item/product_id, ' +
        "optional ts, quantity, order_id) instead of the store. Without ts, each customer's lines count in file order",
      example: '--train train.csv',
    },
    {
      flag: '--test FILE',
      example: '--test test.parquet',
      description:
        'the test lines for --train. Test lines not all after the train lines (a random per-customer split) are ' +
        'evaluated as given, with a note',
    },
    {
      flag: '--map canonical=source',
      example: '--map customer_id=userId,product_id=movieId,quantity=rating',
      description: "with --train/--test: name the files' columns, as for import (customer_id, product_id, ts, quantity, order_id)",
    },
    {
      flag: '--format F',
      example: '--format ndjson',
      description: 'with --train/--test: csv, parquet, json or ndjson; default from the extension',
    },
    {
      flag: '--ts-format F',
      example: '--ts-format unix-s',
      description: 'with --train/--test: how ts is read, as for import: iso, unix-s, unix-ms or a strftime pattern; default detected',
    },
    { flag: '--json', description: 'print the report as one JSON object', example: '--json' },
    DB_FLAG_HELP,
  ],
  examples: [
    'nextbest evaluate --as-of 2011-09-01 --horizon 3m',
    'nextbest evaluate --model ease --model als-repurchase --k 20 --json',
    'nextbest evaluate --train train.csv --test test.csv --model popularity,itemKnn',
    'nextbest evaluate --train train.parquet --test test.parquet --map customer_id=userId,product_id=movieId,ts=timestamp',
  ],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        ...storeFlags,
        'as-of': { type: 'string' },
        horizon: { type: 'string' },
        model: { type: 'string', multiple: true },
        'exclude-period': { type: 'string' },
        'train-window': { type: 'string' },
        k: { type: 'string' },
        train: { type: 'string' },
        test: { type: 'string' },
        json: { type: 'boolean' },
        map: { type: 'string', multiple: true },
        format: { type: 'string' },
        'ts-format': { type: 'string' },
      },
      usage,
    );
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
    const models = values.model?.length ? values.model : DEFAULT_EVAL_MODELS;
    const k = intFlag('k', values.k, 1, 100, 10);
    if (values['as-of']) dateFlag('as-of', values['as-of']);
    let exclude: { from: string; to: string } | undefined;
    if (values['exclude-period']) {
      const m = /^(.+?)\.\.(.+)$/.exec(values['exclude-period']);
      if (!m) throw new UserError(`--exclude-period must be FROM..TO, e.g. 2011-11-20..2011-11-30 (got '${values['exclude-period']}')`);
      const [from, to] = [dateFlag('exclude-period', m[1]), dateFlag('exclude-period', m[2])];
      if (to <= from) throw new UserError('--exclude-period: TO must be after FROM');
      exclude = { from: m[1], to: m[2] };
    }
    let report: B1Report;
    if (values.train || values.test) {
      if (!values.train || !values.test) throw new UserError(`give both --train and --test\nusage: ${usage}`);
      if (values.format && !FORMATS.includes(values.format as FileFormat)) {
        throw new UserError(`--format must be one of ${FORMATS.join(', ')}`);
      }
      report = await b1FromFiles(values.train, values.test, {
        models,
        k,
        horizon: values.horizon,
        trainWindow: values['train-window'],
        log: (m) => io.err(m + '\n'),
        map: values.map,
        format: values.format as FileFormat | undefined,
        tsFormat: timestampFormatFromFlag(values['ts-format']),
        asOf: values['as-of'] ? parseDateArg(values['as-of']) : undefined,
        exclude: exclude && { from: parseDateArg(exclude.from), to: parseDateArg(exclude.to) },
      });
    } else {
      const fileOnly = (['map', 'format', 'ts-format'] as const).find((f) => values[f] !== undefined);
      if (fileOnly) throw new UserError(`--${fileOnly} reads --train/--test files; the store's columns are mapped at import`);
      report = await callOp(io, values.db, evaluateOp, {
        models,
        k,
        asOf: values['as-of'],
        horizon: values.horizon,
        trainWindow: values['train-window'],
        exclude,
      });
    }
    io.out(values.json ? JSON.stringify(report) + '\n' : b1ReportText(report));
  },
};
