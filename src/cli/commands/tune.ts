// `nextbest tune`: grid search of one model's config on a validation window before the as-of date
// (the models.tune job, through the server when one holds the store).
import type { Command } from '../command.ts';
import { intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { tunableModels } from '../../backtest/b1.ts';
import { callOp } from '../../client/callOp.ts';
import { tuneOp } from '../../ops/tuneOp.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const usage = 'nextbest tune --model NAME [--as-of DATE] [--validation-days N] [--variant all|new|both] [--db PATH] [--json]';

export const tuneCommand: Command = {
  path: ['tune'],
  summary: "search a model's settings on the months before the as-of date and save the best",
  usage,
  flags: [
    { flag: '--model NAME', description: `the model to tune (tunable: ${tunableModels().join(', ')})`, example: '--model itemKnn' },
    {
      flag: '--as-of DATE',
      description: 'the validation window ends here (default: midnight after the latest order line)',
      example: '--as-of 2011-09-01',
    },
    {
      flag: '--validation-days N',
      description: 'length of the validation window before the as-of date, 7 to 730 days (default 91)',
      example: '--validation-days 60',
    },
    {
      flag: '--variant all|new|both',
      description: 'maximise NDCG@10 on all items, on new items only, or their mean (default all)',
      example: '--variant new',
    },
    { flag: '--json', description: 'print the best config and every trial as one JSON object', example: '--json' },
    DB_FLAG_HELP,
  ],
  examples: ['nextbest tune --model itemKnn', 'nextbest tune --model blend --as-of 2011-09-01 --validation-days 60 --variant both --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        ...storeFlags,
        model: { type: 'string' },
        'as-of': { type: 'string' },
        'validation-days': { type: 'string' },
        variant: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
    if (!values.model) throw new UserError(`--model is required\nusage: ${usage}`);
    const variant = values.variant ?? 'all';
    if (!['all', 'new', 'both'].includes(variant)) throw new UserError(`--variant must be all, new or both (got '${variant}')`);
    if (values['as-of']) {
      try {
        parseDateArg(values['as-of']);
      } catch (e) {
        throw new UserError(`--as-of: ${(e as Error).message}`);
      }
    }
    const res = await callOp(io, values.db, tuneOp, {
      model: values.model,
      asOf: values['as-of'],
      validationDays: intFlag('validation-days', values['validation-days'], 7, 730, 91),
      variant: variant as 'all' | 'new' | 'both',
    });
    io.out(
      values.json
        ? JSON.stringify(res) + '\n'
        : `best config of ${res.model} (validation ${res.validationFrom.slice(0, 10)}..${res.validationTo.slice(0, 10)}, ` +
            `NDCG@10 ${res.ndcg.toFixed(4)}): ${JSON.stringify(res.best)}\nsaved as config:${res.model}\n`,
    );
  },
};
