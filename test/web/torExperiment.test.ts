// A TOR with a control group, end to end in a real browser against a real `nextbest serve`: the
// form refuses a 60 % hold-out at its field (the API's 400 for control.pct), creates and computes
// the TOR with a 20 % control group and the frequency scorer; the Experiment card shows the arms
// the compute drew (as the API reports them); the export with control rows, recorded as a send on
// a chosen date, says how many treated and control contacts it recorded and where the manifest
// went (both checked against the files and the API); the card's link opens the campaign report.
// Editing pre-fills the control group and switching it off removes it. An uplift TOR (learning from
// an imported send with a control group) shows its uplift model instead of NDCG/AUC.
// Screenshot: test/web/artifacts/tor-experiment.png.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../src/access/users.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { Store } from '../../src/store/store.ts';
import { ensureWebBuilt, launchChromium } from '../helpers/browser.ts';
import { writeCampaignFiles } from '../helpers/campaignFiles.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';
import { WEB_USERS } from '../helpers/webStore.ts';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

let dir: string;
let server: ServerProcess;
let browser: Browser;

before(async () => {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'nb-web-experiment-'));
  const db = join(dir, 'shop.duckdb');
  const files = writeCampaignFiles(dir, 400);
  const store = await Store.open(db);
  try {
    for (const table of ['customers', 'products', 'offers', 'order_lines', 'contacts'] as const) {
      await importFile(store, { table, file: files[table] });
    }
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

const int = (s: string) => Number(s.replace(/,/g, ''));
const int2 = (n: number) => n.toLocaleString('en-GB');

async function signIn(page: Page): Promise<void> {
  await page.goto(server.url + '/');
  await page.getByLabel('Username').fill(WEB_USERS.marketer.username);
  await page.getByRole('textbox', { name: 'Password' }).fill(WEB_USERS.marketer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Top Offer Recommendations' }).waitFor();
}

test('a TOR with a 20 % control group: form, experiment card, export as a send, campaign report', { timeout: 120_000 }, async () => {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  page.setDefaultTimeout(30_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await signIn(page);

  // The form: three offers by rule, the frequency scorer, a control group.
  await page.goto(server.url + '/#/tors/new');
  await page.getByTestId('tor-name-input').fill('Spring test with control');
  await page.getByTestId('auto-count').fill('3');
  const previewRows = page.getByTestId('auto-preview').locator('tbody tr[data-offer-row]');
  for (let i = 0; i < 200 && (await previewRows.count()) !== 3; i++) await page.waitForTimeout(100);
  assert.equal(await previewRows.count(), 3);
  await page.getByRole('combobox', { name: 'Scoring', exact: true }).click();
  await page.getByRole('option', { name: 'Purchase frequency' }).click();
  await page.getByLabel('Hold out a control group').check();
  const pct = page.getByTestId('control-pct');
  // Out of range: the server refuses it (400 naming control.pct) and the message shows at the field; nothing is created.
  await pct.fill('60');
  await page.getByTestId('save-tor').click();
  await page.locator('[data-testid="control-pct"][aria-invalid="true"]').waitFor();
  await page.getByText('the control percentage must be between 0 and 50').first().waitFor();
  assert.deepEqual((await server.api('GET', '/v1/tors')).json, [], 'nothing stored');
  await pct.fill('20');
  await page.getByTestId('control-seed').fill('7');
  await page.getByTestId('save-compute').click();
  await page.waitForURL(/#\/tors\/tor-1\/results/);

  // The Experiment card: the arms the compute drew, as the API reports them.
  await page.getByTestId('status-ready').first().waitFor({ timeout: 60_000 });
  const tor = (await server.api('GET', '/v1/tors/tor-1')).json.tor;
  assert.deepEqual(tor.settings.control, { pct: 20, seed: '7', stratify: 'none', experiment: null });
  const arms = tor.stats.arms as { experiment: string; treatment: number; control: number };
  assert.equal(arms.experiment, 'tor-1');
  const share = arms.control / (arms.treatment + arms.control);
  assert.ok(share > 0.14 && share < 0.26, `about 20 % held out: ${JSON.stringify(arms)}`);
  const card = page.getByTestId('experiment-card');
  await card.waitFor();
  assert.equal(int(await card.getByTestId('arm-treatment').innerText()), arms.treatment);
  assert.equal(int(await card.getByTestId('arm-control').innerText()), arms.control);
  assert.match(await card.innerText(), /20 %[\s\S]*seed 7[\s\S]*tor-1/);

  // Export with the control rows, recorded as a send on 1 April 2024.
  const out = join(dir, 'spring.csv');
  await page.getByTestId('export').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('export path').fill(out);
  await dialog.getByLabel(/Include control rows/).check();
  assert.ok(await dialog.getByLabel(/Record as a send/).isChecked(), 'recording the send is the default');
  await dialog.getByTestId('sent-at').fill('2024-04-01');
  await dialog.getByRole('button', { name: 'Export' }).click();
  await dialog.getByTestId('export-done').waitFor({ timeout: 60_000 });
  const said = await dialog.getByTestId('export-contacts').innerText();
  const m = /Recorded as a send on 1 Apr 2024: ([\d,]+) treated and ([\d,]+) control customers/.exec(said);
  assert.ok(m, said);
  assert.deepEqual([int(m[1]), int(m[2])], [arms.treatment, arms.control]);
  const manifest = `${out}.manifest.json`;
  assert.match(await dialog.getByTestId('export-manifest').innerText(), new RegExp(manifest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.ok(existsSync(manifest), 'the manifest was written where the dialog says');
  const rows = readFileSync(out, 'utf8').trim().split('\n');
  assert.ok(
    rows.slice(1).some((r) => r.includes('control')),
    'the control rows are in the file',
  );
  const campaign = ((await server.api('GET', '/v1/campaigns')).json.campaigns as { id: string }[]).find((c) => c.id === 'tor-1');
  assert.ok(campaign, 'the send is a campaign');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(ARTIFACTS, 'tor-experiment.png'), fullPage: true });

  // The card's link opens the campaign report of this TOR.
  await card.getByRole('link', { name: 'Campaign report' }).click();
  await page.waitForURL(/#\/campaigns\/tor-1$/);
  await page.getByTestId('campaign-headline').waitFor();

  // Editing pre-fills the control group; switching it off sends control: null, which removes it.
  await page.goto(server.url + '/#/tors/tor-1/definition');
  assert.equal(await page.getByTestId('control-pct').inputValue(), '20 %');
  assert.equal(await page.getByTestId('control-seed').inputValue(), '7');
  await page.getByLabel('Hold out a control group').uncheck();
  await page.getByTestId('save-tor').click();
  await page.waitForURL(/#\/tors\/tor-1\/results/);
  await page.getByText('The definition changed since the last compute').waitFor();
  assert.equal((await server.api('GET', '/v1/tors/tor-1')).json.tor.settings.control ?? null, null);
  await page.getByTestId('experiment-card').waitFor({ state: 'detached' });
  assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
});

test('an uplift TOR shows its uplift model (Qini, folds, training contacts) instead of NDCG/AUC', { timeout: 120_000 }, async () => {
  // The imported spring-push send (20 % control, windows long closed) is what the uplift model learns from.
  const created = await server.api('POST', '/v1/tors', {
    name: 'Uplift test',
    offers: ['offer-coffee', 'offer-tea', 'offer-snacks', 'offer-soap'],
    perCustomer: 1,
    objective: 'uplift',
  });
  assert.equal(created.status, 200, JSON.stringify(created.json));
  const torId = created.json.torId as string;
  const r = await server.api('POST', `/v1/tors/${torId}/compute`, {});
  assert.equal(r.status, 202, JSON.stringify(r.json));
  let job: { status: string; error: string | null };
  do {
    await new Promise((res) => setTimeout(res, 200));
    job = (await server.api('GET', `/v1/jobs/${r.json.job.jobId}`)).json.job;
  } while (job.status === 'queued' || job.status === 'running');
  assert.equal(job.status, 'succeeded', job.error ?? '');
  const quality = (await server.api('GET', `/v1/tors/${torId}`)).json.tor.quality;
  assert.equal(quality.method, 'uplift');

  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  page.setDefaultTimeout(30_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await signIn(page);
  await page.goto(server.url + `/#/tors/${torId}/results`);
  const card = page.getByTestId('uplift-quality');
  await card.waitFor();
  const text = await card.innerText();
  assert.ok(text.includes(quality.model), text);
  assert.ok(text.includes(quality.qini.toFixed(3)), `Qini ${quality.qini}: ${text}`);
  assert.match(text, new RegExp(`${quality.folds} folds`));
  assert.match(text, new RegExp(`${int2(quality.treated)} treated · ${int2(quality.control)} control`));
  assert.equal(await page.getByTestId('quality').count(), 0, 'no NDCG/AUC card');
  assert.match(await page.getByText('Expected incremental revenue').innerText(), /incremental revenue/i);
  // The form shows the objective.
  await page.goto(server.url + `/#/tors/${torId}/definition`);
  await page.getByText('Maximise incremental revenue').waitFor();
  assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
});
