// `nextbest loyalty eligible|categories|personal-offers load FILE` and `loyalty personal-offers
// from-tor|from-recs`: loyalty attribute files (validated like every import) and engine-made personal offers.
import { resolve } from 'node:path';
import type { Command } from '../command.ts';
import { intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { importSummaryText } from '../../ingest/importSummaryText.ts';
import type { LoyaltyFileKind } from '../../loyalty/loadLoyaltyFile.ts';
import { loyaltyLoadOp } from '../../ops/loyaltyLoadOp.ts';
import { loyaltyPersonalOffersOp } from '../../ops/loyaltyPersonalOffersOp.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const COLUMNS: Record<LoyaltyFileKind, string> = {
  eligible: 'product_id, valid_from, valid_to',
  categories: 'customer_id, category, valid_from, valid_to',
  'personal-offers': 'customer_id, offer_id, terms, products, benefit_type, benefit_value, valid_from, valid_to',
};

function loadCommand(kind: LoyaltyFileKind): Command {
  const usage = `nextbest loyalty ${kind} load <file> [--map canonical=source] [--dry-run] [--db PATH] [--json]`;
  return {
    path: ['loyalty', kind, 'load'],
    summary:
      `load ${kind === 'eligible' ? 'the products members may pick as favourites' : `members' ${kind.replace('-', ' ')}`} ` +
      `(columns: ${COLUMNS[kind]})`,
    usage,
    flags: [
      { flag: '<file>', description: `CSV, Parquet or JSON with columns ${COLUMNS[kind]}`, example: `${kind}.csv` },
      {
        flag: '--map canonical=source',
        description: 'name your column for a canonical one (repeat or separate with commas)',
        example: '--map customer_id=card_no',
      },
      { flag: '--dry-run', description: 'check every row and count what would change; write nothing', example: '--dry-run' },
      { flag: '--json', description: 'print the import summary as one JSON object', example: '--json' },
      DB_FLAG_HELP,
    ],
    examples: [`nextbest loyalty ${kind} load ${kind}.csv`],
    async run(argv, io) {
      const { values, positionals } = parseFlags(
        argv,
        { ...storeFlags, map: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
        usage,
      );
      if (positionals.length !== 1) throw new UserError(`give one file\nusage: ${usage}`);
      const s = await callOp(io, values.db, loyaltyLoadOp, {
        kind,
        file: resolve(positionals[0]),
        fileLabel: positionals[0],
        map: values.map,
        dryRun: values['dry-run'],
      });
      io.out(values.json ? JSON.stringify(s) + '\n' : importSummaryText(s));
    },
  };
}
export const loyaltyEligibleLoadCommand = loadCommand('eligible');
export const loyaltyCategoriesLoadCommand = loadCommand('categories');
export const loyaltyPersonalOffersLoadCommand = loadCommand('personal-offers');

const torUsage = 'nextbest loyalty personal-offers from-tor <tor-id> [--db PATH] [--json]';
export const loyaltyPersonalOffersFromTorCommand: Command = {
  path: ['loyalty', 'personal-offers', 'from-tor'],
  summary: "members' TOR results become personal offers, with the terms of each offer",
  usage: torUsage,
  flags: [
    { flag: '<tor-id>', description: 'a computed TOR', example: 'T1' },
    { flag: '--json', description: 'print the counts as JSON' },
    DB_FLAG_HELP,
  ],
  examples: ['nextbest loyalty personal-offers from-tor T1'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, torUsage);
    if (positionals.length !== 1) throw new UserError(`give one TOR id\nusage: ${torUsage}`);
    const r = await callOp(io, values.db, loyaltyPersonalOffersOp, { torId: positionals[0], top: 5 });
    io.out(
      values.json
        ? JSON.stringify(r) + '\n'
        : `${r.rows} personal offers for ${r.customers} members (${r.offers} offers) from TOR ${positionals[0]}\n`,
    );
  },
};

const recsUsage = 'nextbest loyalty personal-offers from-recs <offer-id> [--top N] [--db PATH] [--json]';
export const loyaltyPersonalOffersFromRecsCommand: Command = {
  path: ['loyalty', 'personal-offers', 'from-recs'],
  summary: "one offer becomes a personal offer per member, its products the member's top recommendations",
  usage: recsUsage,
  flags: [
    { flag: '<offer-id>', description: 'the offer configured once (benefit, validity)', example: 'fav-10' },
    { flag: '--top N', description: 'recommended products per member, 1 to 100; default 5', example: '--top 3' },
    { flag: '--json', description: 'print the counts as JSON' },
    DB_FLAG_HELP,
  ],
  examples: ['nextbest loyalty personal-offers from-recs fav-10 --top 3'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, top: { type: 'string' }, json: { type: 'boolean' } }, recsUsage);
    if (positionals.length !== 1) throw new UserError(`give one offer id\nusage: ${recsUsage}`);
    const r = await callOp(io, values.db, loyaltyPersonalOffersOp, { offerId: positionals[0], top: intFlag('top', values.top, 1, 100, 5) });
    io.out(values.json ? JSON.stringify(r) + '\n' : `${r.rows} personal offers for ${r.customers} members from recommendations\n`);
  },
};
