// `nextbest promotions build|compute`: build a pool from sales, and compute each customer's list.
import type { Command } from '../command.ts';
import { intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { promotionsBuildOp } from '../../ops/promotionsBuildOp.ts';
import { promotionsComputeOp } from '../../ops/promotionsComputeOp.ts';
import { PROMOTION_MECHANISMS, type PromotionMechanism } from '../../promotions/promotion.ts';
import { DB_FLAG_HELP, JSON_FLAG_HELP } from '../flagHelp.ts';
import { progressOnStderr } from '../progress.ts';
import { table } from '../format.ts';

/** A number flag, or undefined when absent; a usage error naming the flag when it is not a number. */
function numFlag(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new UserError(`--${name}: '${v}' is not a number`);
  return x;
}

const buildUsage =
  'nextbest promotions build [--best-sellers N] [--trending N] [--new N] [--phase-out N] [--per-category M] ' +
  '[--mechanism M] [--value V] [--window 90d] [--valid-from D] [--valid-to D] [--channel C] [--cost C] [--stock S] [--budget B] ' +
  '[--dry-run]';
const counts = ['best-sellers', 'trending', 'new', 'phase-out'] as const;
export const promotionsBuildCommand: Command = {
  path: ['promotions', 'build'],
  summary: 'build single-product promotions on best sellers, trending, new and phasing-out products, spread across categories',
  usage: buildUsage,
  flags: [
    { flag: '--best-sellers N', description: 'products with the highest revenue in the window', example: '--best-sellers 20' },
    { flag: '--trending N', description: 'products whose revenue rose most vs the previous window', example: '--trending 10' },
    { flag: '--new N', description: 'products first sold within the window', example: '--new 10' },
    { flag: '--phase-out N', description: 'flagged (phase_out / discontinued column) or declining products', example: '--phase-out 10' },
    {
      flag: '--per-category M',
      example: '--per-category 3',
      description: 'at most M promotions per category (the lowest hierarchy level)',
    },
    { flag: '--category-attribute COL', description: 'product column of the category', example: '--category-attribute family' },
    {
      flag: '--mechanism M',
      example: '--mechanism amount_off',
      description: `one of ${PROMOTION_MECHANISMS.join(', ')} (default percent_off)`,
    },
    {
      flag: '--value V',
      example: '--value 20',
      description: 'mechanism value: percent, amount off, points multiplier, shipping cost (default 10 for percent_off)',
    },
    { flag: '--window W', description: 'sales window (and the previous one for trends), default 90d', example: '--window 60d' },
    { flag: '--as-of DATE', description: 'end of the window; default midnight after the latest order line', example: '--as-of 2011-09-01' },
    { flag: '--valid-from DATE / --valid-to DATE', description: 'validity of the promotions', example: '--valid-to 2011-12-31' },
    { flag: '--channel C', description: "channel of the promotions (default 'all')", example: '--channel email' },
    { flag: '--cost C', description: 'product cost share of revenue 0..1 (margin objective)', example: '--cost 0.6' },
    { flag: '--stock S / --budget B', description: 'per promotion: redemptions / money at most', example: '--budget 500' },
    { flag: '--dry-run', description: 'list what would be built, store nothing', example: '--dry-run' },
    JSON_FLAG_HELP,
    DB_FLAG_HELP,
  ],
  examples: ['nextbest promotions build --best-sellers 20 --trending 10 --new 10 --phase-out 10 --per-category 3 --value 15'],
  async run(argv, io) {
    const spec = { ...storeFlags, json: { type: 'boolean' }, 'dry-run': { type: 'boolean' } } as const;
    const strings = [
      'best-sellers',
      'trending',
      'new',
      'phase-out',
      'per-category',
      'category-attribute',
      'mechanism',
      'value',
      'window',
      'as-of',
      'valid-from',
      'valid-to',
      'channel',
      'cost',
      'stock',
      'budget',
    ] as const;
    const { values: v } = parseFlags(argv, { ...spec, ...Object.fromEntries(strings.map((s) => [s, { type: 'string' }])) }, buildUsage);
    const s = v as Record<string, string | undefined>;
    const n = Object.fromEntries(counts.map((c) => [c, intFlag(c, s[c], 0, 100_000, 0)]));
    if (counts.every((c) => n[c] === 0)) {
      throw new UserError(`give at least one of --best-sellers, --trending, --new, --phase-out\nusage: ${buildUsage}`);
    }
    if (s.mechanism && !(PROMOTION_MECHANISMS as readonly string[]).includes(s.mechanism)) {
      throw new UserError(`--mechanism: '${s.mechanism}' is not one of ${PROMOTION_MECHANISMS.join(', ')}`);
    }
    const r = await callOp(io, v.db, promotionsBuildOp, {
      bestSellers: n['best-sellers'],
      trending: n.trending,
      new: n.new,
      phaseOut: n['phase-out'],
      perCategory: s['per-category'] === undefined ? undefined : intFlag('per-category', s['per-category'], 1, 100_000),
      categoryAttribute: s['category-attribute'],
      window: s.window ?? '90d',
      asOf: s['as-of'],
      mechanism: (s.mechanism ?? 'percent_off') as PromotionMechanism,
      value: numFlag('value', s.value),
      validFrom: s['valid-from'],
      validTo: s['valid-to'],
      channel: s.channel ?? 'all',
      cost: numFlag('cost', s.cost),
      stock: numFlag('stock', s.stock),
      budget: numFlag('budget', s.budget),
      dryRun: v['dry-run'] ?? false,
    });
    if (v.json) {
      io.out(JSON.stringify(r) + '\n');
      return;
    }
    const rows = r.promotions.map((p) => [p.promotionId, p.rule, p.productId, p.category ?? '', p.metric]);
    io.out(table(['promotion', 'rule', 'product', 'category', 'metric'], rows));
    const what = r.stored ? 'stored' : 'would be built (dry run)';
    io.out(`${r.promotions.length} promotions ${what} from the ${r.window} before ${r.asOf.slice(0, 10)}\n`);
  },
};

const computeUsage =
  'nextbest promotions compute [--per-customer N] [--objective purchase|margin] [--model M] [--as-of D] [--send-date D] ' +
  '[--channel C] [--audience EXPR]';
export const promotionsComputeCommand: Command = {
  path: ['promotions', 'compute'],
  summary: "compute each customer's N promotions ranked by expected value (purchase probability or margin after the discount)",
  usage: computeUsage,
  flags: [
    { flag: '--per-customer N', description: 'promotions per customer (default 3)', example: '--per-customer 5' },
    {
      flag: '--objective purchase|margin',
      example: '--objective margin',
      description: 'purchase: probability; margin: probability × (margin in scope − discount cost)',
    },
    {
      flag: '--model M',
      example: '--model propensity',
      description: 'scoring method: baseline (default), frequency, popularity, propensity, auto',
    },
    {
      flag: '--as-of DATE',
      example: '--as-of 2011-09-01',
      description: 'history before this date; default midnight after the latest order line',
    },
    {
      flag: '--send-date DATE',
      example: '--send-date 2011-09-05',
      description: 'validity is checked on this date; default the as-of date',
    },
    { flag: '--channel C', description: "only promotions for this channel (or 'all')", example: '--channel email' },
    { flag: '--audience EXPR', description: 'only these customers (docs/audience.md)', example: `--audience "frequency >= 2"` },
    JSON_FLAG_HELP,
    DB_FLAG_HELP,
  ],
  examples: [
    'nextbest promotions compute --per-customer 5 --objective margin',
    'nextbest promotions compute --channel email --as-of 2011-09-01',
  ],
  async run(argv, io) {
    const strings = ['per-customer', 'objective', 'model', 'as-of', 'send-date', 'channel', 'audience'] as const;
    const spec = { ...storeFlags, json: { type: 'boolean' }, ...Object.fromEntries(strings.map((s) => [s, { type: 'string' }])) } as const;
    const { values: v } = parseFlags(argv, spec, computeUsage);
    const s = v as Record<string, string | undefined>;
    if (s.objective && s.objective !== 'purchase' && s.objective !== 'margin') {
      throw new UserError(`--objective: use purchase or margin, not '${s.objective}'`);
    }
    const bar = progressOnStderr('computing promotions', io.err);
    const r = await callOp(
      io,
      v.db,
      promotionsComputeOp,
      {
        perCustomer: intFlag('per-customer', s['per-customer'], 1, 255, 3),
        objective: (s.objective ?? 'purchase') as 'purchase' | 'margin',
        model: s.model ?? 'baseline',
        asOf: s['as-of'],
        sendDate: s['send-date'],
        channel: s.channel,
        audience: s.audience,
      },
      { progress: (f, stage) => bar.update(Math.round(f * 100), 100, stage) },
    );
    bar.done(`${r.assignments} promotions for ${r.customersWithPromotions} customers`);
    io.out(
      v.json
        ? JSON.stringify(r) + '\n'
        : `${r.runId}: ${r.assignments} promotions for ${r.customersWithPromotions} of ${r.customers} customers ` +
            `from ${r.promotions} promotions (${r.objective}, ${r.model}, as of ${r.asOf.slice(0, 10)}); ` +
            `expected value ${r.expectedValue.toFixed(2)} in ${r.seconds.toFixed(1)}s\n`,
    );
  },
};
