// `npm run demo`: a fresh world from the shipped Online Retail data (UCI, CC BY 4.0 — see
// data/online-retail/README.md), imported into an embedded DuckDB file, then a Top Offer
// Recommendation of the top families: compute, volumes per priority, a sample, a CSV export; then
// every customer's top-10 product recommendations into the product_recommendations table.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile } from '../src/ingest/importFile.ts';
import { importSummaryText } from '../src/ingest/importSummaryText.ts';
import { offersFromAttribute } from '../src/offers/offersFromAttribute.ts';
import { Store } from '../src/store/store.ts';
import { setStoreSetting } from '../src/data/storeSettings.ts';
import { defaultRecsSettings, recommendProducts } from '../src/recs/productRecommendations.ts';
import { createTor } from '../src/tor/createTor.ts';
import { computeTor } from '../src/tor/computeTor.ts';
import { torOverview } from '../src/tor/torOverview.ts';
import { exportTor } from '../src/tor/exportTor.ts';
import { targetFromString } from '../src/export/target.ts';
import { table } from '../src/cli/format.ts';
import { progressOnStderr } from '../src/cli/progress.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, '.nextbest-demo');
const dataDir = join(root, 'data', 'online-retail');
const started = performance.now();
const log = (s: string) => process.stderr.write(s + '\n');

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const dbFile = join(outDir, 'demo.duckdb');
const store = await Store.open(dbFile);
try {
  log(`1/6 importing Online Retail (UCI, 541,909 raw lines) into ${dbFile}`);
  const lines = await importFile(store, { table: 'order_lines', file: join(dataDir, 'online_retail.csv.gz'), recipe: 'online-retail' }, progressOnStderr('  order lines'));
  log(importSummaryText(lines).replace(/^/gm, '    '));
  const fam = await importFile(store, { table: 'products', file: join(dataDir, 'families.csv.gz'), recipe: 'families' }, progressOnStderr('  families'));
  log(importSummaryText(fam).replace(/^/gm, '    '));

  await setStoreSetting(store, 'currency', 'GBP'); // Online Retail is a UK shop: amounts in pounds
  log('2/6 one offer per product family (except "other")');
  const offers = await offersFromAttribute(store, 'family', { exclude: ['other'] });
  log(`    ${offers.length} offers`);

  log('3/6 TOR: the 10 families with the top revenue over the whole history, 3 offers per customer');
  const tor = await createTor(store, { name: 'Demo: top families', auto: { rule: 'top-revenue', count: 10, window: 'all' }, perCustomer: 3 });
  const bar = progressOnStderr(`    computing ${tor.torId}`);
  const summary = await computeTor(store, tor.torId, (f, stage) => bar.update(Math.round(f * 100), 100, stage));
  bar.done();

  log('4/6 results');
  const ov = await torOverview(store, tor.torId, 3);
  process.stdout.write(`\n${tor.torId} "${tor.name}": ${summary.customers.toLocaleString('en-US')} customers as of ${summary.asOf.slice(0, 10)}\n\nvolume of each offer per priority:\n`);
  process.stdout.write(table(['offer', 'priority 1', 'priority 2', 'priority 3', 'total'], ov.volumes.map((v) => [v.offerId, ...v.volumes, v.total])));
  process.stdout.write('\nsample:\n' + table(['customer', 'priority', 'offer', 'score', 'reason'], ov.sample.map((r) => [r.customerId, r.priority, r.offerId, r.score, r.reason ?? ''])));

  log('5/6 export');
  const out = join(outDir, 'tor-export.csv');
  const rec = await exportTor(store, tor.torId, { layout: 'long', format: 'csv', target: targetFromString(out) });
  process.stdout.write(`\nexport: ${rec.rows} rows → ${out}\n`);

  log('6/6 product recommendations: top 10 for every customer into the product_recommendations table');
  const recs = await recommendProducts(store, { ...defaultRecsSettings, top: 10 }, { kind: 'table' }, (m) => log(`    ${m}`));
  process.stdout.write(`recommendations: ${recs.rows.toLocaleString('en-US')} rows for ${recs.customers.toLocaleString('en-US')} customers\n` +
    `store: ${dbFile}\n  try: npx nextbest tor show ${tor.torId} --db ${dbFile}\n` +
    `       npx nextbest serve --db ${dbFile}   (API, dashboard; see README "The server")\n`);
  process.stdout.write(`demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
} finally {
  store.close();
}
