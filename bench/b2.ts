// B2 — Top Offer Recommendation on product families (BENCHMARKS.md). `npm run bench:tor`.
// Loads Online Retail into a temporary DuckDB file, builds the B2 setup once, then scores it with
// every scorer in SCORERS and prints NDCG@4 / Hit@1 / Recall@4 / mean AUC beside the reference
// figures. Add a method (e.g. a propensity model) by appending to SCORERS.
// Flags: --runs N (median of N timings, default 1), --as-of YYYY-MM-DD (default 2011-09-01).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFlags, intFlag } from '../src/cli/command.ts';
import { Store } from '../src/store/store.ts';
import { UserError } from '../src/domain/errors.ts';
import { parseDateArg } from '../src/snapshot/interactions.ts';
import { b2Setup, b2Evaluate, type B2Setup, type B2Result } from '../src/backtest/b2.ts';
import { popularityScores } from '../src/rank/offerPopularity.ts';
import { frequencyScores } from '../src/rank/frequencyScores.ts';
import { affinityScores } from '../src/rank/affinityScores.ts';
import { propensityLinesFromOfferLines } from '../src/snapshot/offerFeaturesLines.ts';
import { torScorers } from '../src/tor/torScorers.ts';
import { defaultPropensityConfig, propensityFromLines, propensityScores } from '../src/models/propensity/propensityModel.ts';
import { importOnlineRetail } from './lib/importOnlineRetail.ts';
import { medianTiming } from './lib/medianTiming.ts';
import { writeJsonAtomic } from './lib/writeJsonAtomic.ts';

interface Reference {
  ndcg4: number;
  hit1: number | null;
  recall4: number | null;
  meanAuc: number | null;
}

export interface B2Scorer {
  name: string;
  /** False for scorers that give every customer the same scores (no per-offer AUC then). */
  perCustomer: boolean;
  /** BENCHMARKS.md figures at as-of 2011-09-01, when published. */
  reference?: Reference;
  /** nCustomers × nOffers row-major over setup.customerIds; timed as fit + score. */
  score: (setup: B2Setup) => Promise<Float64Array>;
}

export const SCORERS: B2Scorer[] = [
  {
    name: 'popularity (90-day buyers)',
    perCustomer: false,
    reference: { ndcg4: 0.7223, hit1: 0.7715, recall4: 0.7109, meanAuc: null },
    score: async (s) => popularityScores(s.history, 90),
  },
  {
    name: 'personal frequency',
    perCustomer: true,
    reference: { ndcg4: 0.7892, hit1: 0.8392, recall4: 0.7788, meanAuc: 0.723 },
    score: async (s) => frequencyScores(s.history),
  },
  {
    name: 'frequency, 60-day half-life',
    perCustomer: true,
    reference: { ndcg4: 0.7842, hit1: 0.8345, recall4: 0.7744, meanAuc: 0.7228 },
    score: async (s) => frequencyScores(s.history, 60),
  },
  { name: 'affinity baseline (TOR)', perCustomer: true, score: async (s) => affinityScores(s.history) },
  // Propensity model (choice × activity), trained on cuts before as-of; the B2 setup carries no
  // department, so it runs without the ancestor features. References: BENCHMARKS' scikit-learn rows.
  // Default: GBDT choice part, activity learner picked on the validation cut.
  {
    name: 'propensity (default, GBDT choice)',
    perCustomer: true,
    reference: { ndcg4: 0.787, hit1: null, recall4: null, meanAuc: 0.721 },
    score: async (s) => propensityB2Scores(s, 'gbdt', 'auto'),
  },
  {
    name: 'propensity logistic',
    perCustomer: true,
    reference: { ndcg4: 0.7765, hit1: null, recall4: null, meanAuc: 0.7425 },
    score: async (s) => propensityB2Scores(s, 'logistic', 'logistic'),
  },
  // What `tor create` uses without --model: every TOR scorer backtested on the 100 days before as-of
  // (audience: customers with history in the pool), the best NDCG@4 kept; the choice is printed.
  { name: 'auto (the TOR default)', perCustomer: true, score: async (s) => autoB2Scores(s) },
];

async function autoB2Scores(s: B2Setup): Promise<Float64Array> {
  const r = await torScorers.auto({
    lines: s.history,
    ancestorOfProduct: new Int32Array(s.history.lineProd.reduce((m, p) => Math.max(m, p + 1), 0)).fill(-1),
    nAncestors: 0,
    extras: {},
    audience: s.aucCustomers,
    perCustomer: 4,
    log: () => {},
  });
  const q = r.quality;
  process.stderr.write(
    `auto chose ${r.model}: ${q?.candidates?.map((c) => `${c.model} ${c.ndcg.toFixed(4)}`).join(', ')} (backtest NDCG@4)\n`,
  );
  return r.scores;
}

function propensityB2Scores(s: B2Setup, kind: 'gbdt' | 'logistic', activityKind: 'auto' | 'gbdt' | 'logistic'): Float64Array {
  const lines = propensityLinesFromOfferLines(s.history, new Int32Array(0), 0);
  return propensityScores(propensityFromLines(lines, s.asOf, { ...defaultPropensityConfig, kind, activityKind }), lines, s.asOf);
}

const USAGE = 'node --import tsx bench/b2.ts [--runs N] [--as-of YYYY-MM-DD]';
const DEFAULT_AS_OF = '2011-09-01';
const EXPECTED = { rankingCustomers: 1934, aucCustomers: 3291 };

async function main(): Promise<void> {
  const { values } = parseFlags(process.argv.slice(2), { runs: { type: 'string' }, 'as-of': { type: 'string' } }, USAGE);
  const runs = intFlag('runs', values.runs, 1, 100, 1);
  const asOfArg = values['as-of'] ?? DEFAULT_AS_OF;
  let asOf: Date;
  try {
    asOf = parseDateArg(asOfArg);
  } catch (e) {
    throw new UserError(`--as-of: ${(e as Error).message}\nusage: ${USAGE}`);
  }
  const isReferenceCut = asOfArg === DEFAULT_AS_OF;

  const dir = mkdtempSync(join(tmpdir(), 'nextbest-b2-'));
  let setup: B2Setup;
  try {
    const store = await Store.open(join(dir, 'b2.duckdb'));
    try {
      let t = performance.now();
      const loaded = await importOnlineRetail(store, { families: true });
      console.error(
        `loaded ${loaded.lines} clean lines, ${loaded.customers} customers in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      t = performance.now();
      setup = await b2Setup(store, { asOf });
      console.error(
        `B2 setup in ${((performance.now() - t) / 1000).toFixed(2)} s: ${setup.offers.length} offers, ` +
          `${setup.rankingCustomers.length} ranking customers, ${setup.aucCustomers.length} AUC customers`,
      );
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (isReferenceCut) {
    for (const [k, want] of Object.entries(EXPECTED)) {
      const got = setup[k as keyof typeof EXPECTED].length;
      console.error(`check ${k}: ${got} (BENCHMARKS.md: ${want}) ${got === want ? 'ok' : 'MISMATCH'}`);
    }
  }

  const rows: { method: string; result: B2Result; ms: number; reference: Reference | null }[] = [];
  for (const scorer of SCORERS) {
    console.error(`scoring: ${scorer.name}`);
    const { result: scores, ms } = await medianTiming(runs, () => scorer.score(setup));
    const result = b2Evaluate(setup, scores);
    if (!scorer.perCustomer) {
      result.meanAuc = NaN;
      result.perOfferAuc = [];
    }
    rows.push({ method: scorer.name, result, ms, reference: isReferenceCut ? (scorer.reference ?? null) : null });
  }

  const fmt = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(4));
  const out: string[] = [
    `B2 at as-of ${asOfArg}: ${setup.offers.length} offers, ${setup.rankingCustomers.length} ranking / ${setup.aucCustomers.length} AUC customers; reference figures in (parentheses)`,
    '| method | NDCG@4 | Hit@1 | Recall@4 | mean AUC | fit+score |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const ref = r.reference;
    const cell = (v: number, rv: number | null | undefined) => `${fmt(v)}${ref ? ` (${fmt(rv)})` : ''}`;
    out.push(
      `| ${r.method} | ${cell(r.result.ndcg4, ref?.ndcg4)} | ${cell(r.result.hit1, ref?.hit1)} | ${cell(r.result.recall4, ref?.recall4)} | ` +
        `${cell(r.result.meanAuc, ref?.meanAuc)} | ${(r.ms / 1000).toFixed(3)} s |`,
    );
  }
  console.log(out.join('\n'));

  const json = {
    benchmark: 'B2',
    asOf: asOfArg,
    runs,
    offers: setup.offers,
    rankingCustomers: setup.rankingCustomers.length,
    aucCustomers: setup.aucCustomers.length,
    methods: rows.map((r) => ({
      method: r.method,
      ndcg4: r.result.ndcg4,
      hit1: r.result.hit1,
      recall4: r.result.recall4,
      meanAuc: Number.isNaN(r.result.meanAuc) ? null : r.result.meanAuc,
      seconds: r.ms / 1000,
      reference: r.reference,
      perOfferAuc: r.result.perOfferAuc.map((p) => ({
        ...p,
        auc: Number.isNaN(p.auc) ? null : p.auc,
        liftAt10: Number.isNaN(p.liftAt10) ? null : p.liftAt10,
      })),
    })),
  };
  const path = new URL('./results/b2.json', import.meta.url).pathname;
  writeJsonAtomic(path, json);
  console.error(`wrote ${path}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(typeof (e as { exitCode?: number }).exitCode === 'number' ? (e as { exitCode: number }).exitCode : 1);
});
