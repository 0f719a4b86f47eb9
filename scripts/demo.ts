// `npm run demo`: a fresh world from the shipped Online Retail data (UCI, CC BY 4.0 — see
// data/online-retail/README.md), imported into an embedded DuckDB file, then a Top Offer
// Recommendation of the top families shaped by a segment → offer map (examples/playbook.yaml), with
// personalised copy: compute, volumes per priority, a sample, a CSV export; the built-in segments with
// their sizes; trigger rules applied as of the same date (examples/rules.yaml); then every customer's
// top-10 product recommendations into the product_recommendations table; and an A/A experiment (a TOR
// with a control group, exported, measured by its KPI report) that must find no effect.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
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
import { segmentList } from '../src/segments/segmentList.ts';
import { saveOfferMap } from '../src/offerMaps/saveOfferMap.ts';
import { putOfferMessage } from '../src/store/offerMessageTable.ts';
import { applyRules } from '../src/rules/applyRules.ts';
import { defaultAsOf } from '../src/snapshot/interactions.ts';
import { campaignReport } from '../src/campaigns/campaignReport.ts';
import { reportText } from '../src/cli/commands/report.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, '.nextbest-demo');
const dataDir = join(root, 'data', 'online-retail');
const examples = join(root, 'examples');
const started = performance.now();
const log = (s: string) => process.stderr.write(s + '\n');

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const dbFile = join(outDir, 'demo.duckdb');
const store = await Store.open(dbFile);
try {
  log(`1/9 importing Online Retail (UCI, 541,909 raw lines) into ${dbFile}`);
  const lines = await importFile(
    store,
    { table: 'order_lines', file: join(dataDir, 'online_retail.csv.gz'), recipe: 'online-retail' },
    progressOnStderr('  order lines'),
  );
  log(importSummaryText(lines).replace(/^/gm, '    '));
  const fam = await importFile(
    store,
    { table: 'products', file: join(dataDir, 'families.csv.gz'), recipe: 'families' },
    progressOnStderr('  families'),
  );
  log(importSummaryText(fam).replace(/^/gm, '    '));

  await setStoreSetting(store, 'currency', 'GBP'); // Online Retail is a UK shop: amounts in pounds
  log('2/9 one offer per product family (except "other")');
  const offers = await offersFromAttribute(store, 'family', { exclude: ['other'] });
  log(`    ${offers.length} offers`);

  const asOf = (await defaultAsOf(store))!;
  log(`3/9 segments as of ${asOf.toISOString().slice(0, 10)} (built-in definitions, docs/segments.md)`);
  const segs = await segmentList(store, asOf, { actor: 'demo' });
  process.stdout.write(
    '\nsegments:\n' +
      table(
        ['segment', 'customers', 'definition'],
        segs.map((g) => [g.id, g.size ?? g.error ?? '', g.description.length > 100 ? g.description.slice(0, 99) + '…' : g.description]),
      ),
  );
  // the playbook: which offers each segment gets (docs/offer-maps.md), and copy per offer
  await saveOfferMap(store, readFileSync(join(examples, 'playbook.yaml'), 'utf8'), 'examples/playbook.yaml');
  for (const f of ['hanging-decor', 'candles', 'kitchen-tools', 'cards-wrap', 'boxes-tins', 'christmas']) {
    await putOfferMessage(
      store,
      `family=${f}`,
      'Since you bought {{product}}, have a look at what is new in {{scope}}',
      'New in {{scope}}: have a look',
    );
  }

  log('4/9 TOR: the 10 families with the top revenue over the whole history, 3 offers per customer, shaped by the playbook map');
  const tor = await createTor(store, {
    name: 'Demo: top families',
    auto: { rule: 'top-revenue', count: 10, window: 'all' },
    perCustomer: 3,
    extra: { offerMap: 'playbook' },
  });
  const bar = progressOnStderr(`    computing ${tor.torId}`);
  const summary = await computeTor(store, tor.torId, (f, stage) => bar.update(Math.round(f * 100), 100, stage));
  bar.done();

  log('5/9 results');
  const ov = await torOverview(store, tor.torId, 3);
  process.stdout.write(
    `\n${tor.torId} "${tor.name}": ${summary.customers.toLocaleString('en-US')} customers as of ${summary.asOf.slice(0, 10)}\n\nvolume of each offer per priority:\n`,
  );
  process.stdout.write(
    table(
      ['offer', 'priority 1', 'priority 2', 'priority 3', 'total'],
      ov.volumes.map((v) => [v.offerId, ...v.volumes, v.total]),
    ),
  );
  process.stdout.write(
    '\nsample:\n' +
      table(
        ['customer', 'priority', 'offer', 'score', 'reason'],
        ov.sample.map((r) => [r.customerId, r.priority, r.offerId, r.score, r.reason ?? '']),
      ),
  );
  const shaped = await store.all<{ segment: string; map_rule: string; n: bigint }>(
    `SELECT segment, map_rule, count(*) AS n FROM tor_results WHERE tor_id = ? AND segment IS NOT NULL GROUP BY ALL ORDER BY n DESC LIMIT 8`,
    [tor.torId],
  );
  process.stdout.write(
    '\nassignments shaped by the playbook map:\n' +
      table(
        ['segment', 'map rule', 'assignments'],
        shaped.map((r) => [r.segment, r.map_rule, Number(r.n)]),
      ),
  );
  const copy = await store.all<{ customer_id: string; offer_id: string; message: string }>(
    `SELECT customer_id, offer_id, message FROM tor_results WHERE tor_id = ? AND message IS NOT NULL ORDER BY customer_id, priority LIMIT 3`,
    [tor.torId],
  );
  process.stdout.write(
    '\npersonalised copy:\n' +
      table(
        ['customer', 'offer', 'message'],
        copy.map((r) => [r.customer_id, r.offer_id, r.message]),
      ),
  );

  log('6/9 export');
  const out = join(outDir, 'tor-export.csv');
  const rec = await exportTor(store, tor.torId, { layout: 'long', format: 'csv', target: targetFromString(out) });
  process.stdout.write(`\nexport: ${rec.rows} rows → ${out}\n`);

  log(`7/9 trigger rules (examples/rules.yaml) applied as of ${asOf.toISOString().slice(0, 10)}`);
  const fired = join(outDir, 'fired.csv');
  const rules = await applyRules(
    store,
    { text: readFileSync(join(examples, 'rules.yaml'), 'utf8'), label: 'examples/rules.yaml', ruleSet: null },
    { asOf, out: fired, dryRun: false, limit: 0 },
  );
  process.stdout.write(
    '\nrules fired:\n' +
      table(
        ['rule', 'offer', 'fired'],
        rules.rules.map((r) => [r.rule, r.offer, r.skipped ?? r.fired]),
      ) +
      `firings: ${rules.fired} → ${fired}\n`,
  );

  log('8/9 product recommendations: top 10 for every customer into the product_recommendations table');
  const recs = await recommendProducts(store, { ...defaultRecsSettings, top: 10 }, { kind: 'table' }, (m) => log(`    ${m}`));
  process.stdout.write(
    `recommendations: ${recs.rows.toLocaleString('en-US')} rows for ${recs.customers.toLocaleString('en-US')} customers\n` +
      `store: ${dbFile}\n  try: npx nextbest tor show ${tor.torId} --db ${dbFile}\n` +
      `       npx nextbest serve --db ${dbFile}   (API, dashboard; see README "The server")\n`,
  );
  // An A/A test of the measurement: a TOR as of a month before the data end, with a 20 % control group,
  // "sent" (exported) but never actually mailed — so the report must find no effect, with intervals around 0.
  const sendDate = new Date(asOf.getTime() - 28 * 86_400_000).toISOString().slice(0, 10);
  log(
    `9/9 experiment: a TOR as of ${sendDate} holding out 20 % as control, exported, then its KPI report (an A/A check: nothing was mailed)`,
  );
  const aa = await createTor(store, {
    name: 'Demo: A/A check',
    auto: { rule: 'top-revenue', count: 5, window: 'all' },
    perCustomer: 1,
    model: 'frequency',
    asOf: sendDate,
    extra: { control: { pct: 20, seed: 'demo', stratify: 'priority', experiment: null } },
  });
  await computeTor(store, aa.torId);
  await exportTor(store, aa.torId, { layout: 'long', format: 'csv', target: targetFromString(join(outDir, 'aa-send.csv')) });
  const report = await campaignReport(store, aa.torId, { windowDays: 14, attribution: 'last', churnDays: 60 });
  process.stdout.write('\n' + reportText(report));
  process.stdout.write(`  try: npx nextbest report campaign ${aa.torId} --db ${dbFile} --json\n`);
  process.stdout.write(`demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
} finally {
  store.close();
}
