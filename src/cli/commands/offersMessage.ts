// `nextbest offers message ID --template TEXT [--fallback TEXT] | --remove`: an offer's personalised copy.
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { offersMessageOp } from '../../ops/offersMessageOp.ts';
import { MESSAGE_PLACEHOLDERS } from '../../rank/messageFromTemplate.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const usage = 'nextbest offers message <offer-id> (--template TEXT [--fallback TEXT] | --remove) [--db PATH]';
export const offersMessageCommand: Command = {
  path: ['offers', 'message'],
  summary: "set an offer's message template, filled per customer in TOR results and exports",
  usage,
  flags: [
    { flag: '<offer-id>', description: 'the offer', example: 'family=candles' },
    {
      flag: '--template TEXT',
      description: `placeholders: ${MESSAGE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}; {{name|default}} gives a default`,
      example: '--template "Since you bought {{product}}, enjoy {{value}}% off {{scope}}"',
    },
    {
      flag: '--fallback TEXT',
      description: 'used when a placeholder without default has no value',
      example: '--fallback "Enjoy {{value}}% off {{scope}}"',
    },
    { flag: '--remove', description: "remove the offer's template", example: '--remove' },
    DB_FLAG_HELP,
  ],
  examples: [
    'nextbest offers message family=candles --template "Since you bought {{product}}, light up: {{value}}% off candles" --fallback "{{value}}% off candles"',
  ],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { ...storeFlags, template: { type: 'string' }, fallback: { type: 'string' }, remove: { type: 'boolean' } },
      usage,
    );
    if (positionals.length !== 1) throw new UserError(`give one offer id\nusage: ${usage}`);
    if (!values.remove === !values.template) throw new UserError(`give --template TEXT or --remove\nusage: ${usage}`);
    await callOp(io, values.db, offersMessageOp, {
      id: positionals[0],
      template: values.remove ? null : values.template!,
      fallback: values.fallback ?? null,
    });
    io.out(values.remove ? `message of ${positionals[0]} removed\n` : `message of ${positionals[0]} set\n`);
  },
};
