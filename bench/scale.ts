// `npm run bench:scale [-- --customers 1000000 --sizes 100000,300000 --runs 1]` — benchmark B3
// (../shared/BENCHMARKS.md): a generated world of N customers (N/20 products, 24 months) is imported,
// a propensity TOR (25 category offers, 4 per customer) is trained and recomputed with its CSV export,
// and ALS top-10 recommendations are written for every customer. Each stage runs in its own process
// (bench/lib/scaleStage.ts) so its peak RSS is its own. The smaller sizes run first so the growth is
// visible. Prints a table and the largest size's step profile; writes bench/results/scale.json.
// Worlds are kept under tmp/scale-N/world (generation is not timed again); stores are rebuilt unless --reuse-store.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { table } from '../src/cli/format.ts';
import { writeJsonAtomic } from './lib/writeJsonAtomic.ts';
import { median } from './lib/medianTiming.ts';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    sizes: { type: 'string', default: '100000,300000' },
    runs: { type: 'string', default: '1' },
    'reuse-store': { type: 'boolean', default: false },
    /** Print the table from bench/results/scale.json without running anything. */
    report: { type: 'boolean', default: false },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const log = (s: string) => process.stderr.write(s + '\n');
const largest = +values.customers!;
const sizes = [...new Set([...values.sizes!.split(',').map(Number), largest])].filter((n) => n > 0 && n <= largest).sort((a, b) => a - b);

interface StageResult {
  stage: string;
  seconds: number;
  peakRssMiB: number;
  steps: { name: string; seconds: number; rssGiB?: number }[];
  [k: string]: unknown;
}

function runStage(stage: string, db: string, world: string, work: string): StageResult {
  log(`${stage} …`);
  const t0 = performance.now();
  let out: Buffer;
  try {
    out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench/lib/scaleStage.ts'), stage, db, world, work], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 << 20,
    });
  } catch (e) {
    // A stage that dies (out of memory, killed) is a result too: recorded, and the next stages still run.
    const error = ((e as { stderr?: Buffer }).stderr?.toString() || (e as Error).message).trim().split('\n').slice(-3).join(' ');
    log(`${stage} FAILED after ${((performance.now() - t0) / 1000).toFixed(0)} s: ${error}`);
    return { stage, seconds: NaN, peakRssMiB: NaN, steps: [], error };
  }
  const r = JSON.parse(out.toString().trim().split('\n').pop()!) as StageResult;
  log(
    `${stage}: ${r.seconds.toFixed(1)} s, peak ${(r.peakRssMiB / 1024).toFixed(2)} GiB (${r.steps.map((x) => `${x.name} ${x.seconds} s ${x.rssGiB} GiB`).join(' · ')})`,
  );
  return r;
}

function generate(n: number, world: string): number {
  if (existsSync(join(world, 'order_lines.csv'))) return NaN;
  const t0 = performance.now();
  const args = ['--customers', String(n), '--products', String(Math.round(n / 20)), '--months', '24', '--seed', '1'];
  execFileSync(process.execPath, [join(root, 'bin/nextbest.js'), 'generate', ...args, '--out', world], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return (performance.now() - t0) / 1000;
}

/** One size's stages, as written to bench/results/scale.json. */
interface SizeResult {
  customers: number;
  measuredAt: string;
  products: number;
  orderLines: number | null;
  generateSeconds: number;
  import: StageResult | null;
  torFirst: StageResult;
  torAgain: StageResult[];
  torAfterTrainingSecondsMedian: number;
  recsFirst: StageResult;
  recsAgain: StageResult[];
  top10SecondsMedian: number;
}

const bySize: SizeResult[] = [];
for (const n of values.report ? [] : sizes) {
  const work = join(root, 'tmp', `scale-${n}`);
  const world = join(work, 'world');
  const db = join(work, 'store.duckdb');
  mkdirSync(work, { recursive: true });
  log(`\n== ${n.toLocaleString('en-US')} customers ==`);
  const generateSeconds = generate(n, world);
  let imported: StageResult | null = null;
  if (!values['reuse-store'] || !existsSync(db)) {
    for (const f of [db, `${db}.wal`, `${db}.tmp`]) rmSync(f, { recursive: true, force: true });
    for (const m of ['als', 'als-repurchase']) rmSync(`${db}.${m}.model`, { force: true });
    imported = runStage('import', db, world, work);
  }
  const torFirst = runStage('tor-first', db, world, work);
  const torAgain: StageResult[] = [];
  for (let r = 0; r < Math.max(1, +values.runs!); r++) torAgain.push(runStage('tor-again', db, world, work));
  const recsFirst = runStage('recs-first', db, world, work);
  const recsAgain: StageResult[] = [];
  for (let r = 0; r < Math.max(1, +values.runs!); r++) recsAgain.push(runStage('recs-again', db, world, work));
  const ranking = (r: StageResult) => r.steps.find((s) => s.name === 'ranking')?.seconds ?? NaN;
  bySize.push({
    customers: n,
    measuredAt: new Date().toISOString(),
    products: Math.round(n / 20),
    orderLines: (imported?.order_lines as number | undefined) ?? null,
    generateSeconds,
    import: imported,
    torFirst,
    torAgain,
    torAfterTrainingSecondsMedian: median(torAgain.map((r) => r.seconds)),
    recsFirst,
    recsAgain,
    top10SecondsMedian: median(recsAgain.map(ranking)),
  });
}

// Sizes measured by earlier runs stay (each entry has its own measuredAt), so sizes can be run one at a time.
const resultsFile = join(root, 'bench', 'results', 'scale.json');
const earlier = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as { sizes: SizeResult[] }).sizes : [];
const merged = [...earlier.filter((e) => values.report || !sizes.includes(e.customers)), ...bySize].sort(
  (a, b) => a.customers - b.customers,
);
const gib = (mib: number) => (mib / 1024).toFixed(2);
const peak = (...rs: (StageResult | null | undefined)[]) => Math.max(...rs.map((r) => r?.peakRssMiB ?? 0));
const rows = merged.map((r) => {
  return [
    r.customers,
    r.orderLines ?? '(reused)',
    r.import ? r.import.seconds.toFixed(1) : '—',
    r.import ? gib(r.import.peakRssMiB) : '—',
    r.torFirst.seconds.toFixed(1),
    r.torAfterTrainingSecondsMedian.toFixed(1),
    gib(peak(r.torFirst, ...r.torAgain)),
    r.recsFirst.seconds.toFixed(1),
    r.top10SecondsMedian.toFixed(1),
    gib(peak(r.recsFirst, ...r.recsAgain)),
  ];
});
process.stdout.write(`\nB3 scale — generated worlds (N/20 products, 24 months), each stage in its own process; 2 cores\n\n`);
process.stdout.write(
  table(
    [
      'customers',
      'order lines',
      'import s',
      'import peak GiB',
      'TOR first compute s (trains)',
      'TOR after training + CSV s',
      'TOR peak GiB',
      'ALS fit + top-10 s (first run)',
      'top-10 s',
      'recs peak GiB',
    ],
    rows,
  ),
);
const last = merged[merged.length - 1];
process.stdout.write(`\nSteps at ${last.customers.toLocaleString('en-US')} customers (s):\n`);
for (const r of [last.import, last.torFirst, last.torAgain[0], last.recsAgain[0]]) {
  if (r) process.stdout.write(`  ${r.stage}: ${r.steps.map((s) => `${s.name} ${s.seconds}`).join(' · ')}\n`);
}
process.stdout.write(
  `\nB3 goals at 1,000,000: TOR after training ≤ 60 s incl. CSV export; training ≤ 300 s; top-10 ≤ 25 s; peak ≤ 8 GiB.\n`,
);
writeJsonAtomic(resultsFile, { sizes: merged });
