// `nextbest models list|show|train`: the recommendation models, their saved config and measured
// quality, and fitting one ahead of `recommend` (ops models.*, through the server when one runs).
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { defaultRecsModel, isModelName, modelRegistry } from '../../models/registry.ts';
import type { ModelQuality } from '../../backtest/savedModelInfo.ts';
import { callOp } from '../../client/callOp.ts';
import { modelsListOp } from '../../ops/modelsListOp.ts';
import { modelsShowOp } from '../../ops/modelsShowOp.ts';
import { modelsTrainOp } from '../../ops/modelsTrainOp.ts';
import { table } from '../format.ts';
import { autoChoiceLine } from '../autoChoiceLine.ts';
import type { RecsAutoChoice } from '../../backtest/recsAutoChoice.ts';
import { listModeNote } from '../../backtest/listModeNote.ts';
import { progressOnStderr } from '../progress.ts';
import { DB_FLAG_HELP, JSON_FLAG_HELP } from '../flagHelp.ts';

const listUsage = 'nextbest models list [--db PATH] [--json]';
const showUsage = 'nextbest models show NAME [--db PATH] [--json]';
const trainUsage = 'nextbest models train [--model NAME] [--as-of DATE] [--db PATH] [--json]';

export const modelsListCommand: Command = {
  path: ['models', 'list'],
  summary: 'recommendation models with their last measured NDCG@10',
  usage: listUsage,
  flags: [JSON_FLAG_HELP, DB_FLAG_HELP],
  examples: ['nextbest models list', 'nextbest models list --db shop.duckdb --json'],
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, listUsage);
    const info = await callOp(io, values.db, modelsListOp, {});
    if (values.json) {
      io.out(JSON.stringify(info) + '\n');
      return;
    }
    const nd = (q: ModelQuality | null, v: string) => q?.rows.find((r) => r.variant === v)?.ndcg.toFixed(4) ?? '–';
    io.out(
      table(
        ['model', 'tuned', 'NDCG@10 all', 'NDCG@10 new', 'measured'],
        info.map((m) => [
          m.name,
          m.config ? 'yes' : 'no',
          nd(m.quality, 'all'),
          nd(m.quality, 'new'),
          m.quality?.measuredAt.slice(0, 16) ?? '–',
        ]),
      ),
    );
  },
};

export const modelsShowCommand: Command = {
  path: ['models', 'show'],
  summary: "a model's saved config and prediction quality (from evaluate)",
  usage: showUsage,
  flags: [
    { flag: 'NAME', description: 'the model, as listed by `nextbest models list`', example: 'als-repurchase' },
    JSON_FLAG_HELP,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest models show itemKnn', 'nextbest models show als-repurchase --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, showUsage);
    const name = positionals[0];
    if (!name || positionals.length > 1) throw new UserError(`give one model name\nusage: ${showUsage}`);
    const res = await callOp(io, values.db, modelsShowOp, { name });
    if (values.json) {
      io.out(JSON.stringify(res) + '\n');
      return;
    }
    if (res.auto) {
      io.out(autoChoiceText(res.auto));
      return;
    }
    let text = `model ${name}\nconfig: ${res.config ? JSON.stringify(res.config) : 'defaults (run nextbest tune)'}\n`;
    if (!res.quality) text += 'prediction quality: not measured (run nextbest evaluate)\n';
    else {
      const q = res.quality;
      text +=
        `prediction quality (B1, as of ${q.asOf}, test to ${q.end}, measured ${q.measuredAt}):\n` +
        table(
          ['variant', 'users', `P@${q.k}`, `R@${q.k}`, `NDCG@${q.k}`, `MAP@${q.k}`, `HR@${q.k}`, 'coverage', 'fit s'],
          q.rows.map((r) => [
            r.variant,
            r.users,
            r.precision,
            r.recall,
            r.ndcg,
            r.map,
            r.hit,
            `${(100 * r.coverage).toFixed(1)}%`,
            r.fitSeconds,
          ]),
        );
    }
    io.out(text);
  },
};

export const modelsTrainCommand: Command = {
  path: ['models', 'train'],
  summary: 'fit a recommendation model now and save it, so recommend and ingest start without fitting',
  usage: trainUsage,
  flags: [
    { flag: '--model NAME', description: `the model (\`nextbest models list\`; default ${defaultRecsModel})`, example: '--model ease' },
    {
      flag: '--as-of DATE',
      description: 'only purchases before this date count (default: midnight after the latest order line)',
      example: '--as-of 2011-12-01',
    },
    { flag: '--json', description: 'print the fit summary as one JSON object', example: '--json' },
    DB_FLAG_HELP,
  ],
  examples: ['nextbest models train', 'nextbest models train --model ease --db shop.duckdb --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { ...storeFlags, model: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
      trainUsage,
    );
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${trainUsage}`);
    const model = values.model ?? defaultRecsModel;
    if (!isModelName(model)) throw new UserError(`unknown model '${model}' (known: auto, ${Object.keys(modelRegistry).join(', ')})`);
    if (values['as-of']) {
      try {
        parseDateArg(values['as-of']);
      } catch (e) {
        throw new UserError(`--as-of: ${(e as Error).message}`);
      }
    }
    const bar = progressOnStderr(`training ${model}`, io.err);
    const res = await callOp(
      io,
      values.db,
      modelsTrainOp,
      { model, asOf: values['as-of'] ?? null },
      { progress: (f, stage) => bar.update(Math.round(f * 100), 100, stage) },
    );
    bar.done(`${res.customers} customers, ${res.products} products`);
    if (res.auto) io.err(`${autoChoiceLine(res.auto)}\n`);
    io.out(
      values.json
        ? JSON.stringify(res) + '\n'
        : `${res.model} fitted on ${res.entries.toLocaleString('en-US')} customer×product entries as of ${String(res.asOf).slice(0, 10)}` +
            `${res.saved ? '; saved for recommend and ingest' : ' (in-memory store: not saved)'}\n`,
    );
  },
};

/** `models show auto`: each variant's choice and every candidate's backtest figures. */
function autoChoiceText(auto: { all: RecsAutoChoice | null; new: RecsAutoChoice | null }): string {
  let text = "model auto: the registered model that scores best in a backtest on this store's history\n";
  for (const c of [auto.all, auto.new]) {
    if (!c) continue;
    text +=
      `\n${autoChoiceLine(c)}\n` +
      table(
        ['model', 'stage', 'customers', `NDCG@${c.k}`, `recall@${c.k}`, 'hit rate', 'fit s'],
        c.rows.map((r) => [
          r.model + listModeNote(c.variant, r.excludeSeen) + (r.model === c.chosen && r.stage === 'validation' ? ' ← chosen' : ''),
          r.stage,
          r.users,
          r.ndcg,
          r.recall,
          r.hit,
          r.fitSeconds,
        ]),
      );
  }
  if (!auto.all && !auto.new) text += 'no choice made yet: run nextbest recommend (or models train) with the default --model auto\n';
  return text;
}
