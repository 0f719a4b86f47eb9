// `npm run bench:tor-scale [-- --customers 100000 --models baseline,propensity --runs 3]`:
// TOR compute time on a synthetic world: generate → import → 25 category offers, 4 per customer →
// compute (features + scoring + allocation + staging) → CSV export. Prints a table, writes
// bench/results/tor-scale.json. Generation and import are timed once (they are not the TOR).
// The first compute of a learned model includes training; recomputes on unchanged data reuse it.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generateWorld } from '../src/generate/generateWorld.ts';
import { importFile } from '../src/ingest/importFile.ts';
import { offersFromAttribute } from '../src/offers/offersFromAttribute.ts';
import { Store } from '../src/store/store.ts';
import { setMeta } from '../src/store/meta.ts';
import { createTor } from '../src/tor/createTor.ts';
import { computeTor, type ComputeSummary } from '../src/tor/computeTor.ts';
import { exportTor } from '../src/tor/exportTor.ts';
import { targetFromString } from '../src/export/target.ts';
import { table } from '../src/cli/format.ts';
import { writeJsonAtomic } from './lib/writeJsonAtomic.ts';
import { median } from './lib/medianTiming.ts';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    products: { type: 'string', default: '5000' },
    months: { type: 'string', default: '24' },
    models: { type: 'string', default: 'baseline,propensity' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, 'tmp', `tor-scale-${values.customers}`);
const log = (s: string) => process.stderr.write(s + '\n');

mkdirSync(work, { recursive: true });
const dbFile = join(work, 'world.duckdb');
let genSeconds = NaN,
  importSeconds = NaN;
let fresh = false;
try {
  statSync(dbFile);
} catch {
  fresh = true;
}
if (fresh) {
  const t0 = performance.now();
  log(`generating ${values.customers} customers …`);
  const world = await generateWorld({
    customers: +values.customers!,
    products: +values.products!,
    months: +values.months!,
    seed: 1,
    start: '2023-01-01',
    out: join(work, 'world'),
  });
  genSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const s = await Store.open(dbFile, { memoryLimit: '8GB' });
  for (const t of ['customers', 'products', 'order_lines', 'events']) {
    const f = world.files.find((x) => x.table === t);
    if (f) {
      log(`importing ${t} (${f.rows} rows)`);
      await importFile(s, { table: t, file: f.path });
    }
  }
  await setMeta(s, 'hierarchy', ['department', 'category']);
  s.close();
  importSeconds = (performance.now() - t1) / 1000;
}
const store = await Store.open(dbFile, { memoryLimit: '8GB' });
const rows: (string | number)[][] = [];
const json: Record<string, unknown>[] = [];
try {
  await offersFromAttribute(store, 'category');
  // A cached store may hold models trained by an earlier run: the first compute must train.
  await store.run(`DELETE FROM model_cache`);
  for (const model of values.models!.split(',')) {
    const tor = await createTor(store, {
      name: `scale ${model}`,
      auto: { rule: 'top-revenue', count: 25, window: 'all' },
      perCustomer: 4,
      model,
    });
    const computeTimes: number[] = [],
      exportTimes: number[] = [];
    let summary!: ComputeSummary;
    for (let r = 0; r < Math.max(1, +values.runs!); r++) {
      const t0 = performance.now();
      summary = await computeTor(store, tor.torId, (_, stage) => log(`  ${model}: ${stage}`));
      computeTimes.push((performance.now() - t0) / 1000);
      const t1 = performance.now();
      await exportTor(store, tor.torId, { layout: 'long', format: 'csv', target: targetFromString(join(work, `${model}.csv`)) });
      exportTimes.push((performance.now() - t1) / 1000);
    }
    // The first compute trains (learned models); later ones reuse the cached model on unchanged data.
    const later = computeTimes.length > 1 ? computeTimes.slice(1) : computeTimes;
    rows.push([model, summary.customers, tor.offers.length, summary.assignments, computeTimes[0], median(later), median(exportTimes)]);
    json.push({
      model,
      customers: summary.customers,
      offers: tor.offers.length,
      assignments: summary.assignments,
      firstComputeSeconds: computeTimes[0],
      recomputeSecondsMedian: median(later),
      computeSeconds: computeTimes,
      exportSecondsMedian: median(exportTimes),
    });
  }
} finally {
  store.close();
}
process.stdout.write(
  `\nTOR scale — synthetic world, ${(+values.customers!).toLocaleString('en-US')} customers, ${values.products} products, ${values.months} months` +
    `${Number.isNaN(genSeconds) ? ' (cached store)' : ` (generate ${genSeconds.toFixed(1)} s, import ${importSeconds.toFixed(1)} s)`}; median of ${values.runs} runs\n\n`,
);
process.stdout.write(
  table(['model', 'customers', 'offers', 'assignments', 'first compute s', 'recompute s (median)', 'CSV export s'], rows),
);
writeJsonAtomic(join(root, 'bench', 'results', 'tor-scale.json'), {
  customers: +values.customers!,
  generateSeconds: genSeconds,
  importSeconds,
  runs: json,
});
if (!values.keep) rmSync(join(work, 'world'), { recursive: true, force: true });
