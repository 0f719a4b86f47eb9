// `nextbest rules validate|load|apply|list|firings`: trigger rules (docs/rules.md). The CLI reads the
// rule file itself and sends its text, so messages name the file as typed, with or without a server.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command, CliIO } from '../command.ts';
import { intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { rulesApplyOp } from '../../ops/rulesApplyOp.ts';
import { rulesFiringsOp } from '../../ops/rulesFiringsOp.ts';
import { rulesListOp } from '../../ops/rulesListOp.ts';
import { rulesLoadOp } from '../../ops/rulesLoadOp.ts';
import { rulesValidateOp } from '../../ops/rulesValidateOp.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';
import { table } from '../format.ts';

const FILE_HELP = { flag: '<file>', description: 'a rule file, YAML or JSON (format: docs/rules.md)', example: 'rules.yaml' };
const JSON_HELP = { flag: '--json', description: 'print the answer as JSON', example: '--json' };

async function ruleFile(path: string): Promise<{ source: string; fileLabel: string }> {
  try {
    return { source: await readFile(path, 'utf8'), fileLabel: path };
  } catch (e) {
    throw new UserError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

function oneFile(positionals: string[], usage: string, optional = false): string | undefined {
  if (positionals.length > 1 || (!optional && positionals.length !== 1)) throw new UserError(`give one rule file\nusage: ${usage}`);
  return positionals[0];
}

const ruleRows = (rules: { id: string; offer: string; trigger: string; enabled: boolean }[]) =>
  rules.map((r) => [r.id, r.offer, r.trigger, r.enabled ? 'yes' : 'no']);

const validateUsage = 'nextbest rules validate <file> [--db PATH] [--json]';
export const rulesValidateCommand: Command = {
  path: ['rules', 'validate'],
  summary: 'check a trigger-rule file: every problem as file:line:column: field: reason',
  usage: validateUsage,
  flags: [FILE_HELP, JSON_HELP, DB_FLAG_HELP],
  examples: ['nextbest rules validate rules.yaml'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, validateUsage);
    const out = await callOp(io, values.db, rulesValidateOp, await ruleFile(oneFile(positionals, validateUsage)!));
    if (values.json) {
      io.out(JSON.stringify(out) + '\n');
      return;
    }
    io.out(`${out.file}: ${out.rules.length} rule(s), valid\n${table(['rule', 'offer', 'trigger', 'enabled'], ruleRows(out.rules))}`);
  },
};

const loadUsage = 'nextbest rules load <file> [--db PATH] [--json]';
export const rulesLoadCommand: Command = {
  path: ['rules', 'load'],
  summary: 'validate a rule file and store it as the active rule set (apply without a file and real-time ingestion use it)',
  usage: loadUsage,
  flags: [FILE_HELP, JSON_HELP, DB_FLAG_HELP],
  examples: ['nextbest rules load rules.yaml'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, loadUsage);
    const out = await callOp(io, values.db, rulesLoadOp, await ruleFile(oneFile(positionals, loadUsage)!));
    if (values.json) {
      io.out(JSON.stringify(out) + '\n');
      return;
    }
    io.out(`loaded ${out.name} as rule set ${out.ruleSet}: ${out.rules.length} rule(s)\n`);
  },
};

const applyUsage = 'nextbest rules apply [<file>] [--as-of DATE] [--out FILE.csv] [--dry-run] [--db PATH] [--json]';
export const rulesApplyCommand: Command = {
  path: ['rules', 'apply'],
  summary: 'evaluate trigger rules as of a date, record the firings and write customer_id, rule, offer_id, fired_at',
  usage: applyUsage,
  flags: [
    { ...FILE_HELP, flag: '[<file>]', description: 'a rule file (YAML or JSON); default the active loaded rule set' },
    {
      flag: '--as-of DATE',
      description: 'history before this date counts; firings are dated at it; default midnight after the latest order line',
      example: '--as-of 2011-09-01',
    },
    {
      flag: '--out FILE',
      description: 'CSV of the fired actions (customer_id, rule, offer_id, fired_at), written atomically',
      example: '--out fired.csv',
    },
    { flag: '--dry-run', description: 'evaluate only: record no firing (the --out file is still written)', example: '--dry-run' },
    JSON_HELP,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest rules apply rules.yaml --as-of 2011-09-01 --out fired.csv', 'nextbest rules apply --dry-run'],
  async run(argv, io) {
    const spec = {
      ...storeFlags,
      'as-of': { type: 'string' },
      out: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    } as const;
    const { values, positionals } = parseFlags(argv, spec, applyUsage);
    const file = oneFile(positionals, applyUsage, true);
    if (values['as-of']) {
      try {
        parseDateArg(values['as-of']);
      } catch (e) {
        throw new UserError(`--as-of: ${(e as Error).message}`);
      }
    }
    const out = await callOp(io, values.db, rulesApplyOp, {
      ...(file ? await ruleFile(file) : {}),
      asOf: values['as-of'],
      out: values.out ? resolve(values.out) : undefined,
      dryRun: values['dry-run'] ?? false,
      limit: values.json ? 100 : 0,
    });
    if (values.json) {
      io.out(JSON.stringify(out) + '\n');
      return;
    }
    printApply(io, out, values.out);
  },
};

function printApply(io: CliIO, out: Awaited<ReturnType<typeof rulesApplyOp.run>>, outFlag: string | undefined): void {
  const rows = out.rules.map((r) => [r.rule, r.offer, r.skipped ?? r.fired - r.heldOut, r.skipped ? '' : r.heldOut]);
  const what = out.dryRun ? 'would fire (dry run, nothing recorded)' : 'fired';
  io.out(`${out.fired} action(s) ${what} as of ${out.asOf} (${out.ruleSet})${outFlag ? `; written to ${outFlag}` : ''}\n`);
  io.out(table(['rule', 'offer', 'fired', 'held out (control)'], rows));
}

const listUsage = 'nextbest rules list [--db PATH] [--json]';
export const rulesListCommand: Command = {
  path: ['rules', 'list'],
  summary: 'the active trigger rules with how often each fired (batch and real time)',
  usage: listUsage,
  flags: [JSON_HELP, DB_FLAG_HELP],
  examples: ['nextbest rules list'],
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, listUsage);
    const out = await callOp(io, values.db, rulesListOp, {});
    if (values.json) {
      io.out(JSON.stringify(out) + '\n');
      return;
    }
    if (!out.ruleSet) io.out('no rule set loaded (nextbest rules load FILE)\n');
    else io.out(`rule set ${out.ruleSet.id} (${out.ruleSet.name}), loaded ${String(out.ruleSet.loadedAt).slice(0, 19)}\n`);
    const others = out.otherRules.map((c) => ({ ...c, id: c.rule, offer: '(not in the active set)', trigger: '', enabled: false }));
    const rows = [...out.rules, ...others].map((r) => [r.id, r.offer, r.trigger, r.firings, r.customers, r.lastFiredAt ?? '']);
    if (rows.length) io.out(table(['rule', 'offer', 'trigger', 'firings', 'customers', 'last fired'], rows));
  },
};

const firingsUsage = 'nextbest rules firings [--customer ID] [--rule ID] [--limit N] [--db PATH] [--json]';
export const rulesFiringsCommand: Command = {
  path: ['rules', 'firings'],
  summary: 'recorded rule firings, newest first, for a customer and/or a rule',
  usage: firingsUsage,
  flags: [
    { flag: '--customer ID', description: 'only this customer', example: '--customer 17850' },
    { flag: '--rule ID', description: 'only this rule', example: '--rule candle-fans' },
    { flag: '--limit N', description: 'rows to show (default 100)', example: '--limit 20' },
    JSON_HELP,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest rules firings --customer 17850', 'nextbest rules firings --rule winback --limit 20'],
  async run(argv, io) {
    const spec = {
      ...storeFlags,
      customer: { type: 'string' },
      rule: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    } as const;
    const { values } = parseFlags(argv, spec, firingsUsage);
    const out = await callOp(io, values.db, rulesFiringsOp, {
      customer: values.customer,
      rule: values.rule,
      limit: intFlag('limit', values.limit, 1, 10_000, 100),
      offset: 0,
    });
    if (values.json) {
      io.out(JSON.stringify(out) + '\n');
      return;
    }
    const rows = out.firings.map((f) => [f.customer_id, f.rule, f.offer_id, f.fired_at, f.source]);
    io.out(`${out.total} firing(s)${out.total > rows.length ? `, newest ${rows.length} shown` : ''}\n`);
    if (rows.length) io.out(table(['customer_id', 'rule', 'offer_id', 'fired_at', 'source'], rows));
  },
};

export const rulesCommands: Command[] = [rulesValidateCommand, rulesLoadCommand, rulesApplyCommand, rulesListCommand, rulesFiringsCommand];
