// The Campaigns page in a real browser against a real `nextbest serve`: a store with customers,
// products, offers and order lines but no campaign shows how to make one; a contacts file with a
// campaign_id (20 % control, treated customers buying the offered category far more often) is
// imported through the CLI, which goes through the server; the campaign is listed with its arm
// sizes, its report opens with the headline figures the API computed, the lift and timeline charts
// draw, the settings go into the URL, a bad window is refused at its field and an unknown campaign
// says so. A TOR's campaign adds segments and priorities. Screenshots: test/web/artifacts/campaigns*.png.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../src/access/users.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { Store } from '../../src/store/store.ts';
import { ensureWebBuilt, launchChromium } from '../helpers/browser.ts';
import { CAMPAIGN_ID, writeCampaignFiles, type CampaignFiles } from '../helpers/campaignFiles.ts';
import { runCli } from '../helpers/runCli.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';
import { WEB_USERS } from '../helpers/webStore.ts';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

let dir: string;
let db: string;
let files: CampaignFiles;
let server: ServerProcess;
let browser: Browser;
const pageErrors: string[] = [];

before(async () => {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'nb-web-campaigns-'));
  db = join(dir, 'shop.duckdb');
  files = writeCampaignFiles(dir);
  // The shop's data goes in through the import service before the server starts; the campaign's
  // contacts go through the CLI (and so the server) in the test.
  const store = await Store.open(db);
  try {
    for (const table of ['customers', 'products', 'offers', 'order_lines'] as const) await importFile(store, { table, file: files[table] });
    await createUser(store, WEB_USERS.marketer);
  } finally {
    store.close();
  }
  server = await startServerProcess(db);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function importThroughServer(table: string, file: string): void {
  const r = runCli(['import', table, file, '--db', db]);
  assert.equal(r.code, 0, `import ${table}: ${r.stderr}${r.stdout}`);
}

async function signedIn(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url + '/');
  await page.getByLabel('Username').fill(WEB_USERS.marketer.username);
  await page.getByRole('textbox', { name: 'Password' }).fill(WEB_USERS.marketer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Top Offer Recommendations' }).waitFor();
  return page;
}

const intText = (n: number) => n.toLocaleString('en-GB');

test('campaigns: empty state, list, report with charts, settings in the URL, errors', { timeout: 300_000 }, async () => {
  const page = await signedIn();

  // No contact yet: the page explains how a campaign comes about.
  await page.getByRole('link', { name: 'Campaigns', exact: true }).click();
  await page.getByTestId('no-campaigns').waitFor();
  assert.match(await page.getByTestId('no-campaigns').innerText(), /--control-pct 10[\s\S]*tor export[\s\S]*import order_lines/);

  importThroughServer('contacts', files.contacts);
  const listed = (await server.api('GET', '/v1/campaigns')).json.campaigns as {
    id: string;
    contacts_treatment: number;
    contacts_control: number;
  }[];
  const campaign = listed.find((c) => c.id === CAMPAIGN_ID);
  assert.ok(campaign, `the imported campaign is listed: ${JSON.stringify(listed)}`);
  assert.deepEqual([campaign.contacts_treatment, campaign.contacts_control], [files.treatment, files.control]);

  // The list: the campaign with its arm sizes.
  await page.reload();
  const row = page.locator(`tr[data-campaign="${CAMPAIGN_ID}"]`);
  await row.waitFor();
  const rowText = await row.innerText();
  assert.ok(rowText.includes(intText(files.treatment)) && rowText.includes(intText(files.control)), `arm sizes in the row: ${rowText}`);

  // Its report: headline figures as the API computed them, both charts drawn, one table row per offer.
  await row.click();
  await page.waitForURL(new RegExp(`#/campaigns/${CAMPAIGN_ID}$`));
  const report = (await server.api('GET', `/v1/campaigns/${CAMPAIGN_ID}/report`)).json;
  const headline = page.getByTestId('campaign-headline');
  await headline.waitFor();
  assert.match(
    await page.getByTestId('headline-contacts').innerText(),
    new RegExp(`${intText(files.treatment)} / ${intText(files.control)}`),
  );
  const conversion = await page.getByTestId('headline-conversion').innerText();
  const expectedPoints = `+${(report.overall.incremental_conversion * 100).toFixed(1)} pp`;
  assert.ok(report.overall.incremental_conversion > 0.1, `a clear effect: ${report.overall.incremental_conversion}`);
  assert.ok(conversion.includes(expectedPoints), `headline conversion ${expectedPoints}: ${conversion}`);
  assert.match(conversion, /95 % \[\+[\d.]+ pp, \+[\d.]+ pp\]/, 'with its interval, above zero');
  assert.match(await page.getByTestId('headline-revenue').innerText(), /\+[\d,.]+/);
  // The charts draw (ECharts' SVG renderer): the timeline's line and band, the lift chart's error bars and points.
  for (const chart of ['timeline-chart', 'offer-lift-chart']) {
    const svg = page.getByTestId(chart).getByTestId('echart').locator('svg');
    await svg.waitFor();
    assert.ok((await svg.locator('path').count()) > 10, `${chart} has drawn marks`);
  }
  assert.equal(await page.getByTestId('offers-table').locator('tbody tr').count(), report.offers.length);
  assert.equal(report.offers.length, 4);
  const coffee = await page.getByTestId('offers-table').locator('tr[data-row="offer-coffee"]').innerText();
  assert.match(coffee, /significant/, `coffee's strong effect survives the correction: ${coffee}`);
  await page.getByTestId('campaign-notes').waitFor();
  // An imported campaign records no planned split: given one, the sample-ratio check runs (800 / 200 is 20 %).
  assert.match(await page.getByTestId('srm-status').innerText(), /Not checked/);
  await page.getByTestId('report-control-pct').fill('20');
  await page.waitForURL(/controlPct=20/);
  await page.getByTestId('srm-status').getByText('OK').waitFor();
  await page.waitForTimeout(500); // chart animations settle before the screenshot
  await page.screenshot({ path: join(ARTIFACTS, 'campaigns.png'), fullPage: true });

  // Settings go into the URL and reload the report; a bad window is refused at the field.
  await page.getByTestId('report-attribution').getByText('First touch').click();
  await page.waitForURL(/attribution=first/);
  await page.getByTestId('report-window').fill('28d');
  await page.waitForURL(/window=28d/);
  await page.getByText('window 28 days after each contact').waitFor();
  await page.getByTestId('report-window').fill('0d');
  await page.waitForURL(/window=0d/);
  await page.locator('[data-testid="report-window"][aria-invalid="true"]').waitFor();
  await page.getByTestId('campaign-headline').waitFor(); // the last good report stays

  // An unknown campaign says so.
  await page.goto(server.url + '/#/campaigns/no-such-campaign');
  await page.getByText('Could not load the campaign report').waitFor();

  assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
});

test("a TOR's campaign: segments charted, a table per priority, the planned split checked", { timeout: 300_000 }, async () => {
  const body = { name: 'April TOR', offers: ['offer-coffee', 'offer-tea', 'offer-snacks'], perCustomer: 2, model: 'frequency' };
  const created = await server.api('POST', '/v1/tors', { ...body, asOf: '2024-04-01', control: { pct: 20, seed: '3' } });
  assert.equal(created.status, 200, JSON.stringify(created.json));
  const torId = created.json.torId as string;
  const job = async (path: string, b: unknown) => {
    const r = await server.api('POST', path, b);
    assert.equal(r.status, 202, JSON.stringify(r.json));
    for (;;) {
      const j = (await server.api('GET', `/v1/jobs/${r.json.job.jobId}`)).json.job;
      if (j.status !== 'queued' && j.status !== 'running') return j;
      await new Promise((res) => setTimeout(res, 100));
    }
  };
  assert.equal((await job(`/v1/tors/${torId}/compute`, {})).status, 'succeeded');
  assert.equal((await job(`/v1/tors/${torId}/export`, { target: join(dir, 'april.csv'), includeControl: true })).status, 'succeeded');

  const page = await signedIn();
  await page.goto(server.url + '/#/campaigns');
  await page.locator(`tr[data-campaign="${torId}"]`).getByText('20 % held out').waitFor();
  await page.goto(server.url + `/#/campaigns/${torId}`);
  await page.getByTestId('priorities-table').locator('tbody tr').nth(1).waitFor();
  assert.equal(await page.getByTestId('priorities-table').locator('tbody tr').count(), 2);
  await page.getByTestId('segment-lift-chart').getByTestId('echart').locator('svg').waitFor();
  assert.match(await page.getByTestId('srm-status').innerText(), /^(OK|Mismatch)$/);
  assert.equal(await page.getByTestId('report-control-pct').count(), 0, 'a TOR records its planned split');
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(ARTIFACTS, 'campaigns-tor.png'), fullPage: true });
  await page.getByRole('link', { name: 'open the TOR' }).click();
  await page.getByTestId('tor-title').getByText('April TOR').waitFor();
  assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
});
