// `nextbest models list|show`: the recommendation models, their saved config and measured quality.
import type { Command } from '../command.ts';
import { dbPath, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { modelRegistry } from '../../models/registry.ts';
import { modelCatalog } from '../../models/modelCatalog.ts';
import { getMeta } from '../../store/meta.ts';
import type { B1Row } from '../../backtest/evaluateModels.ts';
import { table } from '../format.ts';
import { withStore } from '../withStore.ts';

interface Quality { measuredAt: string; asOf: string; end: string; k: number; rows: B1Row[] }

const listUsage = 'nextbest models list [--db PATH] [--json]';
const showUsage = 'nextbest models show NAME [--db PATH] [--json]';

export const modelsListCommand: Command = {
  path: ['models', 'list'],
  summary: 'recommendation models with their last measured NDCG@10',
  usage: listUsage,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, listUsage);
    const names = Object.keys(modelRegistry);
    const info = await withStore(dbPath(values.db, io.env), async (s) => Promise.all(names.map(async (name) => ({
      name, tunable: name in modelCatalog, config: (await getMeta(s, `config:${name}`)) ?? null,
      quality: (await getMeta<Quality>(s, `quality:${name}`)) ?? null,
    }))));
    if (values.json) { io.out(JSON.stringify(info) + '\n'); return; }
    const nd = (q: Quality | null, v: string) => q?.rows.find((r) => r.variant === v)?.ndcg.toFixed(4) ?? '–';
    io.out(table(['model', 'tuned', 'NDCG@10 all', 'NDCG@10 new', 'measured'],
      info.map((m) => [m.name, m.config ? 'yes' : 'no', nd(m.quality, 'all'), nd(m.quality, 'new'), m.quality?.measuredAt.slice(0, 16) ?? '–'])));
  },
};

export const modelsShowCommand: Command = {
  path: ['models', 'show'],
  summary: "a model's saved config and prediction quality (from evaluate)",
  usage: showUsage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, showUsage);
    const name = positionals[0];
    if (!name || positionals.length > 1) throw new UserError(`give one model name\nusage: ${showUsage}`);
    if (!(name in modelRegistry)) throw new UserError(`unknown model '${name}' (known: ${Object.keys(modelRegistry).join(', ')})`);
    const res = await withStore(dbPath(values.db, io.env), async (s) => ({
      name, config: (await getMeta<Record<string, number>>(s, `config:${name}`)) ?? null,
      quality: (await getMeta<Quality>(s, `quality:${name}`)) ?? null,
    }));
    if (values.json) { io.out(JSON.stringify(res) + '\n'); return; }
    let text = `model ${name}\nconfig: ${res.config ? JSON.stringify(res.config) : 'defaults (run nextbest tune)'}\n`;
    if (!res.quality) text += 'prediction quality: not measured (run nextbest evaluate)\n';
    else {
      const q = res.quality;
      text += `prediction quality (B1, as of ${q.asOf}, test to ${q.end}, measured ${q.measuredAt}):\n` +
        table(['variant', 'users', `P@${q.k}`, `R@${q.k}`, `NDCG@${q.k}`, `MAP@${q.k}`, `HR@${q.k}`, 'coverage', 'fit s'],
          q.rows.map((r) => [r.variant, r.users, r.precision, r.recall, r.ndcg, r.map, r.hit, `${(100 * r.coverage).toFixed(1)}%`, r.fitSeconds]));
    }
    io.out(text);
  },
};
