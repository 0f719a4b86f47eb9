// The issue-10 pages in a real browser against a real `nextbest serve` on a small generated store:
// the Segments page lists every segment with its size and draws the overlap heatmap; a marketer
// creates a segment; an offer map with a mistake is refused with its line, the fixed one is saved,
// offered on the TOR form and shown per assignment in a TOR's results; an offer gets a message
// template; a rule file is validated, loaded and dry-run; promotions are built and computed (a job);
// a member's favourite cell is edited and the loyalty settings changed; a viewer sees no write
// action. Screenshots go to test/web/artifacts/.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt, launchChromium } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';
import { buildWebStore, WEB_USERS } from '../helpers/webStore.ts';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

let dir: string;
let server: ServerProcess;
let browser: Browser;
const pageErrors: string[] = [];

before(async () => {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'nb-web10-'));
  const db = join(dir, 'shop.duckdb');
  await buildWebStore(db, { customers: 800, products: 160, seed: 11, eligibleFavourites: 20 });
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

async function signedIn(user: { username: string; password: string }): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url + '/');
  await page.getByLabel('Username').fill(user.username);
  await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Top Offer Recommendations' }).waitFor();
  return page;
}

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });

test('segments, offer maps, rules and the customer page in the browser', { timeout: 600_000 }, async () => {
  const page = await signedIn(WEB_USERS.marketer);
  const offers = (await server.api('GET', '/v1/offers')).json.list as { offerId: string }[];
  assert.ok(offers.length >= 2, 'the store has offers');

  // Segments: the built-ins with their sizes, and the overlap heatmap.
  await page.getByRole('link', { name: 'Segments' }).click();
  const rows = page.getByTestId('segments').locator('tbody tr');
  await rows.first().waitFor();
  const api = (await server.api('GET', '/v1/segments')).json as { id: string; size: number | null }[];
  assert.ok(api.length >= 5, 'built-in segments');
  assert.equal(await rows.count(), api.length);
  const dormant = api.find((s) => s.id === 'dormant')!;
  const dormantText = await page.locator('tr[data-segment="dormant"]').innerText();
  assert.ok(dormantText.includes(dormant.size!.toLocaleString('en-US')), `dormant row shows its size ${dormant.size}: ${dormantText}`);
  await page.getByTestId('segment-overlap').getByTestId('echart').locator('svg').waitFor();
  await page.getByTestId('segment-moves').locator('tbody tr').first().waitFor();
  await shot(page, '10-segments', true);

  // Create a segment; its detail (size, members, refresh history) opens.
  await page.getByTestId('new-segment').click();
  await page.getByTestId('segment-id').fill('big-spenders');
  await page.getByTestId('segment-name').fill('Big spenders');
  await page.getByTestId('segment-form').getByTestId('audience-input').fill('monetary > 200 and frequency >= 2');
  await page
    .getByTestId('segment-form')
    .getByTestId('audience-count')
    .getByText(/of [\d,]+ customers/)
    .waitFor();
  await page.getByTestId('save-segment').click();
  await page.waitForURL(/#\/segments\/big-spenders/);
  await page.getByTestId('segment-detail').getByText('Big spenders').waitFor();
  await page.getByTestId('segment-refreshes').locator('tbody tr').first().waitFor();
  assert.ok((await server.api('GET', '/v1/segments/big-spenders')).status === 200);

  // An offer map: a mistake is refused at its line; the fixed map is saved.
  await page.getByRole('link', { name: 'Offer maps' }).click();
  await page.getByTestId('new-map').click();
  const source = page.getByTestId('map-source');
  const bad = [
    'id: playbook',
    'name: Playbook',
    'rules:',
    '  - segment: big-spenders',
    `    boost: { ${offers[0].offerId}: 2 }`,
    '  - segment: no-such-segment',
    `    forbid: [${offers[1].offerId}]`,
    '',
  ].join('\n');
  await source.fill(bad);
  await page.getByTestId('save-map').click();
  const error = page.getByTestId('map-source-error');
  await error.waitFor();
  assert.match(await error.innerText(), /Line 6, column \d+ \(rules\.1\.segment\): unknown segment 'no-such-segment'/);
  await shot(page, '11-map-error');
  await source.fill(bad.replace('no-such-segment', 'dormant'));
  await page.getByTestId('save-map').click();
  await page.waitForURL(/#\/maps\/playbook/);
  await page.getByTestId('maps').getByRole('link', { name: 'Playbook' }).waitFor();
  assert.equal((await server.api('GET', '/v1/offer-maps/playbook')).status, 200);

  // An offer's message template, edited on the Offers page.
  await page.getByRole('link', { name: 'Offers', exact: true }).click();
  await page.getByTestId('edit-message').first().click();
  const dialog = page.getByTestId('offer-message-dialog');
  await dialog.getByTestId('message-template').fill('Hello {{nope');
  await dialog.getByTestId('save-message').click();
  await dialog.getByTestId('message-error').waitFor();
  await dialog.getByTestId('message-template').fill('Enjoy {{value}}% off {{scope}}');
  await dialog.getByTestId('save-message').click();
  await page.getByTestId('offers').getByText('Enjoy {{value}}% off {{scope}}').first().waitFor();
  assert.equal(((await server.api('GET', '/v1/offer-messages')).json as unknown[]).length, 1);

  // The TOR form offers the map.
  await page.goto(server.url + '/#/tors/new');
  await page.getByTestId('tor-offer-map').click();
  await page.getByRole('option', { name: 'Playbook' }).waitFor();
  await page.keyboard.press('Escape');

  // A TOR applying the map shows each assignment's segment and map rule in its results.
  const created = await server.api('POST', '/v1/tors', {
    name: 'By segment',
    offers: offers.slice(0, 6).map((o) => o.offerId),
    model: 'baseline',
    perCustomer: 2,
    offerMap: 'playbook',
  });
  assert.equal(created.status, 200, JSON.stringify(created.json));
  const torId = created.json.torId as string;
  assert.equal((await server.api('POST', `/v1/tors/${torId}/compute`, {})).status, 202);
  const status = async () => (await server.api('GET', `/v1/tors/${torId}`)).json.tor.status as string;
  for (let i = 0; i < 600 && (await status()) !== 'ready'; i++) await page.waitForTimeout(250);
  await page.goto(server.url + `/#/tors/${torId}/results`);
  const results = page.getByTestId('results-snippet');
  await results.locator('tbody tr').first().waitFor();
  assert.match(await results.locator('thead').innerText(), /Segment[\s\S]*Map rule/);
  await results.scrollIntoViewIfNeeded();
  await shot(page, '14-tor-results-map');

  // Rules: the prefilled file validates, loads, and the loaded set lists its rules; a dry run answers.
  await page.getByRole('link', { name: 'Rules' }).click();
  await page.getByText('No rule set loaded').waitFor();
  await page.getByTestId('validate-rules').click();
  await page.getByTestId('rules-valid').waitFor();
  await page.getByTestId('load-rules').click();
  await page.getByTestId('rules').locator('tbody tr').nth(1).waitFor();
  assert.match(await page.getByTestId('rules').innerText(), /win-back[\s\S]*repeat-buyers/);
  await page.getByTestId('apply-rules').click();
  await page
    .getByTestId('apply-result')
    .getByText(/Would fire: [\d,]+/)
    .waitFor();
  await page.getByRole('heading', { name: 'Trigger rules' }).scrollIntoViewIfNeeded();
  await shot(page, '12-rules');

  // Promotions: build a pool from sales, compute the lists (a job followed live).
  await page.getByRole('link', { name: 'Promotions' }).click();
  await page.getByTestId('build-pool').getByRole('button', { name: 'Build' }).click();
  await page.getByTestId('promotions').locator('tbody tr').first().waitFor();
  await page.getByTestId('compute-lists').click();
  await page.getByTestId('promotion-run').getByText('Customers with a list').waitFor({ timeout: 180_000 });
  await page.getByRole('heading', { name: 'Promotions' }).scrollIntoViewIfNeeded();
  await shot(page, '15-promotions');

  // A member's customer page: loyalty, promotions and firings sections.
  const firstPage = (await server.api('GET', '/v1/customers?pageSize=25')).json.items as { customer_id: string; is_member: unknown }[];
  const customer = firstPage.find((c) => c.is_member === true || c.is_member === 'true')!.customer_id;
  await page.goto(server.url + `/#/customers/${encodeURIComponent(customer)}`);
  await page
    .getByTestId('customer-loyalty')
    .getByText(/member/)
    .first()
    .waitFor();
  await page.getByTestId('customer-promotions').locator('table, p').first().waitFor();
  await page.getByTestId('customer-firings').waitFor();
  const loyalty = (await server.api('GET', `/v1/customers/${encodeURIComponent(customer)}/loyalty`)).json;
  assert.ok(loyalty.member && loyalty.eligible.count === 20, 'a member who may pick from the 20 eligible products');
  // A marketer sets the member's first favourite cell (a staff edit).
  const product = loyalty.eligible.products[3] as { productId: string };
  await page.getByRole('button', { name: 'Edit cell 1' }).click();
  await page.getByTestId('cell-editor').getByLabel('Product for cell 1').fill(product.productId);
  await page.getByRole('option', { name: new RegExp(product.productId) }).click();
  await page.getByTestId('cell-editor').getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('favourite-cells').getByText(product.productId).waitFor();
  const after = (await server.api('GET', `/v1/customers/${encodeURIComponent(customer)}/loyalty`)).json;
  assert.equal(after.favourites[0].productId, product.productId);
  assert.equal(after.favourites[0].source, 'staff');
  await page.getByTestId('customer-loyalty').scrollIntoViewIfNeeded();
  await shot(page, '13-customer-loyalty');

  // The programme settings: more cells per member show on the member's page.
  await page.getByRole('link', { name: 'Loyalty' }).click();
  const cells = page.getByTestId('loyalty-settings').getByRole('textbox', { name: 'Favourite cells per member' });
  await cells.fill('4');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Loyalty settings saved').waitFor();
  assert.equal((await server.api('GET', '/v1/loyalty/settings')).json.cells, 4);
  // Members' personal offers from the TOR computed above.
  await page.getByRole('combobox', { name: 'TOR', exact: true }).click();
  await page.getByRole('option', { name: 'By segment' }).click();
  await page.getByRole('button', { name: 'Write' }).click();
  await page.getByText(/[\d,]+ personal offers for [\d,]+ members/).waitFor();
  await page.goto(server.url + `/#/customers/${encodeURIComponent(customer)}`);
  await page.getByRole('button', { name: 'Edit cell 4' }).waitFor();
  await page.getByTestId('personal-offers').locator('.nb-mono').first().waitFor();

  // A viewer reads the same pages without write actions.
  const viewer = await signedIn(WEB_USERS.viewer);
  await viewer.goto(server.url + '/#/segments');
  await viewer.getByTestId('segments').locator('tbody tr').first().waitFor();
  assert.equal(await viewer.getByTestId('new-segment').count(), 0);
  await viewer.goto(server.url + '/#/maps/playbook');
  await viewer.getByTestId('map-source').waitFor();
  assert.equal(await viewer.getByTestId('save-map').count(), 0);
  await viewer.goto(server.url + '/#/rules');
  await viewer.getByTestId('rules').waitFor();
  assert.equal(await viewer.getByTestId('load-rules').count(), 0);
  assert.equal(await viewer.getByTestId('apply-rules').count(), 0);
  await viewer.goto(server.url + `/#/customers/${encodeURIComponent(customer)}`);
  await viewer.getByTestId('favourite-cells').getByText(product.productId).waitFor();
  assert.equal(await viewer.getByRole('button', { name: /^Edit cell/ }).count(), 0);
  await viewer.goto(server.url + '/#/offers');
  await viewer.getByTestId('offers').locator('tbody tr').first().waitFor();
  assert.equal(await viewer.getByTestId('edit-message').count(), 0);

  assert.deepEqual(pageErrors, [], 'no uncaught errors in the pages');
});
