// `nextbest loyalty settings|favourites|pick|edit|autofill|show`: the favourite-products programme
// and the one-read loyalty view of a customer (docs/loyalty.md). Files: loyaltyFiles.ts.
import type { Command } from '../command.ts';
import { intFlag, parseFlags, storeFlags } from '../command.ts';
import { table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { loyaltySettingsShowOp } from '../../ops/loyaltySettingsShowOp.ts';
import { loyaltySettingsSetOp } from '../../ops/loyaltySettingsSetOp.ts';
import { loyaltyFavouritesOp } from '../../ops/loyaltyFavouritesOp.ts';
import { loyaltyPickOp } from '../../ops/loyaltyPickOp.ts';
import { loyaltyStaffEditOp } from '../../ops/loyaltyStaffEditOp.ts';
import { loyaltyAutofillOp } from '../../ops/loyaltyAutofillOp.ts';
import { loyaltyShowOp } from '../../ops/loyaltyShowOp.ts';
import { parseDateArg } from '../../snapshot/interactions.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const JSON_FLAG = { flag: '--json', description: 'print the result as one JSON object', example: '--json' };
const day = (s: unknown) => (typeof s === 'string' ? s.slice(0, 10) : '');
function checkDate(name: string, v: string | undefined): string | undefined {
  if (v !== undefined) {
    try {
      parseDateArg(v);
    } catch (e) {
      throw new UserError(`--${name}: ${(e as Error).message}`);
    }
  }
  return v;
}
function oneId(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new UserError(`give one customer id\nusage: ${usage}`);
  return positionals[0];
}
type Cell = {
  cell: number;
  productId: string | null;
  productName: string | null;
  source: string | null;
  effectiveFrom: string | null;
  memberMayEdit: boolean;
  memberMayEditFrom: string | null;
};
const cellsTable = (cells: Cell[]) =>
  table(
    ['cell', 'product', 'name', 'source', 'from', 'member may edit'],
    cells.map((c) => [
      c.cell,
      c.productId ?? '(empty)',
      c.productName ?? '',
      c.source ?? '',
      day(c.effectiveFrom),
      c.memberMayEdit ? 'yes' : c.memberMayEditFrom ? `from ${day(c.memberMayEditFrom)}` : 'no (not a member)',
    ]),
  );

const settingsUsage = 'nextbest loyalty settings [--cells N] [--autofill on|off] [--lock-days D] [--db PATH] [--json]';
export const loyaltySettingsCommand: Command = {
  path: ['loyalty', 'settings'],
  summary: 'show or change the loyalty programme: favourite cells per member, auto-fill, member lock days',
  usage: settingsUsage,
  flags: [
    { flag: '--cells N', description: 'favourite-product cells per member (1 to 50); default 3', example: '--cells 5' },
    {
      flag: '--autofill on|off',
      description: "fill empty cells from last month's purchases, else recommendations",
      example: '--autofill on',
    },
    {
      flag: '--lock-days D',
      description: "days a member's own pick stays locked for the member (staff may edit)",
      example: '--lock-days 30',
    },
    JSON_FLAG,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest loyalty settings', 'nextbest loyalty settings --cells 5 --autofill off'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        ...storeFlags,
        cells: { type: 'string' },
        autofill: { type: 'string' },
        'lock-days': { type: 'string' },
        json: { type: 'boolean' },
      },
      settingsUsage,
    );
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${settingsUsage}`);
    if (values.autofill !== undefined && !['on', 'off'].includes(values.autofill)) throw new UserError('--autofill must be on or off');
    const change = {
      cells: values.cells === undefined ? undefined : intFlag('cells', values.cells, 1, 50),
      autofill: values.autofill === undefined ? undefined : values.autofill === 'on',
      lockDays: values['lock-days'] === undefined ? undefined : intFlag('lock-days', values['lock-days'], 0, 366),
    };
    const s = Object.values(change).some((v) => v !== undefined)
      ? await callOp(io, values.db, loyaltySettingsSetOp, change)
      : await callOp(io, values.db, loyaltySettingsShowOp, {});
    io.out(
      values.json ? JSON.stringify(s) + '\n' : `cells: ${s.cells}\nautofill: ${s.autofill ? 'on' : 'off'}\nlock days: ${s.lockDays}\n`,
    );
  },
};

const favUsage = 'nextbest loyalty favourites <customer> [--at DATE] [--db PATH] [--json]';
export const loyaltyFavouritesCommand: Command = {
  path: ['loyalty', 'favourites'],
  summary: "a member's favourite-product cells at a date, what the member may edit, scheduled changes",
  usage: favUsage,
  flags: [
    { flag: '<customer>', description: 'the customer id', example: 'C1001' },
    { flag: '--at DATE', description: 'show the cells in force at this date; default now', example: '--at 2026-12-01' },
    JSON_FLAG,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest loyalty favourites C1001', 'nextbest loyalty favourites C1001 --at 2027-01-01 --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, at: { type: 'string' }, json: { type: 'boolean' } }, favUsage);
    const id = oneId(positionals, favUsage);
    const v = await callOp(io, values.db, loyaltyFavouritesOp, { id, at: checkDate('at', values.at) });
    if (values.json) {
      io.out(JSON.stringify(v) + '\n');
      return;
    }
    io.out(cellsTable(v.favourites as unknown as Cell[]));
    for (const s of v.scheduled) {
      io.out(`scheduled: cell ${s.cell} → ${s.productId ?? '(empty)'} from ${day(s.effectiveFrom)} (${s.source})\n`);
    }
  },
};

function cellCommand(kind: 'pick' | 'edit'): Command {
  const usage = `nextbest loyalty ${kind} <customer> --cell N (--product P | --clear) [--from DATE] [--db PATH] [--json]`;
  return {
    path: ['loyalty', kind],
    summary:
      kind === 'pick'
        ? 'a member picks a favourite product for a cell (as the app does), effective from a date'
        : "staff edit of a member's favourite cell (marketer; audited, not bound by the member lock)",
    usage,
    flags: [
      { flag: '<customer>', description: "the member's customer id", example: 'C1001' },
      { flag: '--cell N', description: "the cell, from 1 to the programme's cells", example: '--cell 2' },
      { flag: '--product P', description: 'a product on the eligible list at the effective date', example: '--product 85123A' },
      { flag: '--clear', description: 'empty the cell instead', example: '--clear' },
      {
        flag: '--from DATE',
        description: kind === 'pick' ? 'effective date, today or later; default now' : 'effective date; default now',
        example: '--from 2027-01-01',
      },
      JSON_FLAG,
      DB_FLAG_HELP,
    ],
    examples: [`nextbest loyalty ${kind} C1001 --cell 1 --product 85123A --from 2027-01-01`],
    async run(argv, io) {
      const { values, positionals } = parseFlags(
        argv,
        {
          ...storeFlags,
          cell: { type: 'string' },
          product: { type: 'string' },
          clear: { type: 'boolean' },
          from: { type: 'string' },
          json: { type: 'boolean' },
        },
        usage,
      );
      const id = oneId(positionals, usage);
      if (Boolean(values.product) === Boolean(values.clear)) throw new UserError(`give --product P or --clear\nusage: ${usage}`);
      const input = {
        id,
        cell: intFlag('cell', values.cell, 1, 1000),
        productId: values.product ?? null,
        from: checkDate('from', values.from),
      };
      const r =
        kind === 'pick' ? await callOp(io, values.db, loyaltyPickOp, input) : await callOp(io, values.db, loyaltyStaffEditOp, input);
      const from = String(r.effectiveFrom).slice(0, 16).replace('T', ' ');
      io.out(values.json ? JSON.stringify(r) + '\n' : `${id} cell ${r.cell}: ${r.productId ?? '(empty)'} from ${from} (${r.source})\n`);
    },
  };
}
export const loyaltyPickCommand = cellCommand('pick');
export const loyaltyEditCommand = cellCommand('edit');

const autofillUsage = 'nextbest loyalty autofill [--as-of DATE] [--db PATH] [--json]';
export const loyaltyAutofillCommand: Command = {
  path: ['loyalty', 'autofill'],
  summary: "fill members' empty favourite cells from last month's purchases, else their recommendations",
  usage: autofillUsage,
  flags: [
    {
      flag: '--as-of DATE',
      description: 'effective date; the calendar month before it is read; default now',
      example: '--as-of 2027-01-01',
    },
    JSON_FLAG,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest loyalty autofill --as-of 2027-01-01'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { ...storeFlags, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
      autofillUsage,
    );
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${autofillUsage}`);
    const s = await callOp(io, values.db, loyaltyAutofillOp, { asOf: checkDate('as-of', values['as-of']) });
    io.out(
      values.json
        ? JSON.stringify(s) + '\n'
        : `${s.members} members: ${s.fromPurchases} cells from purchases (${day(s.month.from)} to ${day(s.month.to)}), ` +
            `${s.fromRecommendations} from recommendations${s.recommendationsAvailable ? '' : ' (none stored)'}, ` +
            `${s.stillEmpty} still empty\n`,
    );
  },
};

const showUsage = 'nextbest loyalty show <customer> [--at DATE] [--db PATH] [--json]';
export const loyaltyShowCommand: Command = {
  path: ['loyalty', 'show'],
  summary: 'everything loyalty about a customer: favourites, categories, personal and individual offers',
  usage: showUsage,
  flags: [
    { flag: '<customer>', description: 'the customer id', example: 'C1001' },
    { flag: '--at DATE', description: 'what is in force at this date; default now', example: '--at 2027-01-01' },
    JSON_FLAG,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest loyalty show C1001', 'nextbest loyalty show C1001 --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, at: { type: 'string' }, json: { type: 'boolean' } }, showUsage);
    const v = await callOp(io, values.db, loyaltyShowOp, { id: oneId(positionals, showUsage), at: checkDate('at', values.at) });
    if (values.json) {
      io.out(JSON.stringify(v) + '\n');
      return;
    }
    io.out(`${v.customerId}: ${v.member ? 'member' : 'not a member'} at ${String(v.at).slice(0, 16).replace('T', ' ')}\n`);
    io.out(cellsTable(v.favourites as unknown as Cell[]));
    io.out(`eligible products: ${v.eligible.count}\n`);
    io.out(`categories: ${v.categories.map((c) => c.category).join(', ') || '(none)'}\n`);
    for (const o of v.personalOffers) {
      io.out(`personal offer ${o.offerId}: ${o.terms ?? ''} ${o.benefitType ?? ''} ${o.benefitValue ?? ''} (${o.source})\n`);
    }
    for (const o of v.individualOffers) io.out(`individual offer ${o.offerId}: ${o.name}\n`);
  },
};
