// One stage of `npm run bench:scale`, run in its own process so its peak memory (maxRSS: the Node
// heap, DuckDB's buffers and onnxruntime together) is the stage's own. Prints one JSON line on stdout:
// { seconds, peakRssMiB, steps: [{ name, seconds }], ...details }. Progress goes to stderr.
//   node --import tsx bench/lib/scaleStage.ts <stage> <store.duckdb> <world dir> <work dir>
// Stages: import (4 files + 25 category offers), tor-first (create + first compute: trains), tor-again
// (recompute on the trained model + CSV export: B3's "TOR after training"), recs-first (ALS fit + top-10
// for everyone), recs-again (the saved model: load + top-10 + write).
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../src/ingest/importFile.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { Store } from '../../src/store/store.ts';
import { setMeta } from '../../src/store/meta.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { exportTor } from '../../src/tor/exportTor.ts';
import { listTors } from '../../src/store/torTable.ts';
import { targetFromString } from '../../src/export/target.ts';
import { defaultRecsSettings, recommendProducts } from '../../src/recs/productRecommendations.ts';

const [stage, dbFile, worldDir, workDir] = process.argv.slice(2);
const log = (s: string) => process.stderr.write(`  [${stage}] ${s}\n`);

/**
 * Wall time per named step (a step runs from its start until the next one starts) and the largest RSS
 * seen in it: sampled every 250 ms while the event loop is free (SQL), and at each step's end (after JS loops).
 */
function stepClock() {
  const steps: { name: string; seconds: number; rssGiB: number }[] = [];
  let current: string | null = null;
  let since = performance.now();
  let rss = 0;
  const sample = () => (rss = Math.max(rss, process.memoryUsage().rss));
  setInterval(sample, 250).unref();
  const close = () => {
    sample();
    if (current !== null)
      steps.push({ name: current, seconds: +((performance.now() - since) / 1000).toFixed(2), rssGiB: +(rss / 2 ** 30).toFixed(2) });
    rss = 0;
  };
  return {
    step(name: string) {
      if (name === current) return;
      close();
      current = name;
      since = performance.now();
      log(name);
    },
    done() {
      close();
      current = null;
      return steps;
    },
  };
}

const t0 = performance.now();
const clock = stepClock();
const details: Record<string, unknown> = {};
const store = await Store.open(dbFile);
try {
  if (stage === 'import') {
    for (const table of ['customers', 'products', 'order_lines', 'events']) {
      const file = join(worldDir, `${table}.csv`);
      if (!existsSync(file)) continue;
      clock.step(`import ${table}`);
      const r = await importFile(store, { table, file });
      details[table] = r.inserted;
    }
    clock.step('offers');
    await setMeta(store, 'hierarchy', ['department', 'category']);
    await offersFromAttribute(store, 'category');
  } else if (stage === 'tor-first' || stage === 'tor-again') {
    // The first compute trains: a model cached by an earlier run (--reuse-store) is dropped.
    // Contacts (from a send) would feed guardrails and features: every run starts without them, so runs compare.
    if (stage === 'tor-first') await store.run(`DELETE FROM model_cache; DELETE FROM contacts`);
    let torId = (await listTors(store)).find((t) => t.name === 'scale propensity')?.torId;
    if (!torId) {
      clock.step('create');
      const input = { rule: 'top-revenue' as const, count: 25, window: 'all' };
      torId = (await createTor(store, { name: 'scale propensity', auto: input, perCustomer: 4, model: 'propensity' })).torId;
    }
    const summary = await computeTor(store, torId, (_, s) => clock.step(`compute: ${s}`));
    Object.assign(details, { customers: summary.customers, assignments: summary.assignments });
    if (stage === 'tor-again') {
      clock.step('CSV export');
      // The file and its manifest, without recording the rows as a send (which would change the next run's input).
      const target = targetFromString(join(workDir, 'tor.csv'));
      await exportTor(store, torId, { layout: 'long', format: 'csv', target, recordContacts: false });
    }
  } else if (stage === 'recs-first' || stage === 'recs-again') {
    // als-repurchase: ALS (64 factors) scored on onnxruntime MatMul + TopK, plus the personal repurchase term.
    const settings = { ...defaultRecsSettings, model: 'als-repurchase', top: 10 };
    if (stage === 'recs-first') rmSync(`${dbFile}.${settings.model}.model`, { force: true }); // the first run fits
    const r = await recommendProducts(store, settings, { kind: 'file', path: join(workDir, 'recs.parquet') }, log, (_, s) => clock.step(s));
    Object.assign(details, { customers: r.customers, rows: r.rows });
  } else {
    throw new Error(`unknown stage ${stage}`);
  }
} finally {
  store.close();
}
const steps = clock.done();
process.stdout.write(
  JSON.stringify({
    stage,
    seconds: +((performance.now() - t0) / 1000).toFixed(2),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    steps,
    ...details,
  }) + '\n',
);
