// `nextbest evaluate`: B1 backtest of product-recommendation models (store or two files).
import type { Command } from '../command.ts';
import { dbPath, intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { b1FromFiles, b1FromStore, type B1Options, type B1Report } from '../../backtest/b1.ts';
import { table } from '../format.ts';
import { withStore } from '../withStore.ts';

const usage = 'nextbest evaluate [--as-of DATE] [--horizon DURATION|end] [--model NAME]… [--exclude-period FROM..TO] ' +
  '[--train-window 365d|all] [--k N] [--db PATH] [--json]  |  nextbest evaluate --train A.csv --test B.csv [--model NAME]… [--json]';

export const DEFAULT_EVAL_MODELS = ['popularity', 'repurchase', 'itemKnn', 'userKnn', 'blend'];

function dateFlag(name: string, v: string): Date {
  try { return parseDateArg(v); } catch (e) { throw new UserError(`--${name}: ${(e as Error).message}`); }
}

export function b1ReportText(r: B1Report): string {
  const rows = r.rows.map((x) => [x.model, x.variant === 'all' ? 'all items' : 'new items', x.users, x.precision, x.recall, x.ndcg, x.map, x.hit, `${(100 * x.coverage).toFixed(1)}%`, `${x.fitSeconds.toFixed(2)} s`]);
  return `B1 as of ${r.asOf}, test window to ${r.end}, top ${r.k}\n` +
    table(['model', 'variant', 'users', `P@${r.k}`, `R@${r.k}`, `NDCG@${r.k}`, `MAP@${r.k}`, `HR@${r.k}`, 'coverage', 'fit'], rows);
}

export const evaluateCommand: Command = {
  path: ['evaluate'],
  summary: 'backtest recommendation models (B1: precision, recall, NDCG, MAP, hit rate @10) and save their quality',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      ...storeFlags, 'as-of': { type: 'string' }, horizon: { type: 'string' }, model: { type: 'string', multiple: true },
      'exclude-period': { type: 'string' }, 'train-window': { type: 'string' }, k: { type: 'string' },
      train: { type: 'string' }, test: { type: 'string' }, json: { type: 'boolean' },
    }, usage);
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
    const opts: B1Options = {
      models: values.model?.length ? values.model : DEFAULT_EVAL_MODELS,
      k: intFlag('k', values.k, 1, 100, 10),
      horizon: values.horizon, trainWindow: values['train-window'],
      log: (m) => io.err(m + '\n'),
    };
    if (values['as-of']) opts.asOf = dateFlag('as-of', values['as-of']);
    if (values['exclude-period']) {
      const m = /^(.+?)\.\.(.+)$/.exec(values['exclude-period']);
      if (!m) throw new UserError(`--exclude-period must be FROM..TO, e.g. 2011-11-20..2011-11-30 (got '${values['exclude-period']}')`);
      opts.exclude = { from: dateFlag('exclude-period', m[1]), to: dateFlag('exclude-period', m[2]) };
      if (opts.exclude.to <= opts.exclude.from) throw new UserError('--exclude-period: TO must be after FROM');
    }
    let report: B1Report;
    if (values.train || values.test) {
      if (!values.train || !values.test) throw new UserError(`give both --train and --test\nusage: ${usage}`);
      report = await b1FromFiles(values.train, values.test, opts);
    } else {
      report = await withStore(dbPath(values.db, io.env), (s) => b1FromStore(s, opts));
    }
    io.out(values.json ? JSON.stringify(report) + '\n' : b1ReportText(report));
  },
};
