// `nextbest tune`: grid search of one model's config on a validation window before the as-of date.
import type { Command } from '../command.ts';
import { dbPath, intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { tuneModel } from '../../backtest/tuneModel.ts';
import { withStore } from '../withStore.ts';

const usage = 'nextbest tune --model NAME [--as-of DATE] [--validation-days N] [--variant all|new|both] [--db PATH] [--json]';

export const tuneCommand: Command = {
  path: ['tune'],
  summary: "search a model's settings on the months before the as-of date and save the best",
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      ...storeFlags, model: { type: 'string' }, 'as-of': { type: 'string' }, 'validation-days': { type: 'string' },
      variant: { type: 'string' }, json: { type: 'boolean' },
    }, usage);
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
    if (!values.model) throw new UserError(`--model is required\nusage: ${usage}`);
    const variant = values.variant ?? 'all';
    if (!['all', 'new', 'both'].includes(variant)) throw new UserError(`--variant must be all, new or both (got '${variant}')`);
    let asOf: Date | undefined;
    if (values['as-of']) { try { asOf = parseDateArg(values['as-of']); } catch (e) { throw new UserError(`--as-of: ${(e as Error).message}`); } }
    const res = await withStore(dbPath(values.db, io.env), (s) => tuneModel(s, {
      model: values.model!, asOf, validationDays: intFlag('validation-days', values['validation-days'], 7, 730, 91),
      variant: variant as 'all' | 'new' | 'both', log: (m) => io.err(m + '\n'),
    }));
    io.out(values.json ? JSON.stringify(res) + '\n'
      : `best config of ${res.model} (validation ${res.validationFrom.slice(0, 10)}..${res.validationTo.slice(0, 10)}, NDCG@10 ${res.ndcg.toFixed(4)}): ${JSON.stringify(res.best)}\nsaved as config:${res.model}\n`);
  },
};
