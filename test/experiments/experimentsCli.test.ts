// The experiment loop through the CLI as a user runs it: a TOR with a control group → export (group
// column, manifest, contacts) → outcomes imported → `report campaign --json`; and imported campaigns
// with bad contacts refused at file:line, nothing stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experimentStore } from '../helpers/experimentStore.ts';
import { runCli } from '../helpers/runCli.ts';

test('CLI: tor create --control-pct → export --include-control → import outcomes → report campaign --json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-exp-cli-'));
  const db = join(dir, 'x.duckdb');
  (await experimentStore(1200, db)).close();
  const env = { NEXTBEST_DB: db };
  assert.equal(runCli(['offers', 'from-attribute', 'family'], env).code, 0);
  const bad = runCli(['tor', 'create', '--name', 'x', '--offer', 'family=bags', '--per-customer', '1', '--control-pct', '60'], env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--control-pct must be between 0 and 50/);
  const created = runCli(
    ['tor', 'create', '--name', 'June', '--offer', 'family=bags,family=mugs', '--per-customer', '1', '--model', 'frequency'].concat([
      '--as-of',
      '2021-06-01',
      '--control-pct',
      '20',
      '--seed',
      '7',
      '--stratify',
      'priority',
    ]),
    env,
  );
  assert.equal(created.code, 0, created.stderr);
  const id = created.stdout.trim().split('\n').at(-1)!;
  assert.equal(runCli(['tor', 'compute', id], env).code, 0);
  const out = join(dir, 'june.csv');
  const exp = runCli(['tor', 'export', id, '--out', out, '--include-control'], env);
  assert.equal(exp.code, 0, exp.stderr);
  assert.match(exp.stderr, /recorded the send as contacts of campaign .* on 2021-06-01: \d+ treated, \d+ control customers/);
  const rows = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(rows[0], 'customer_id,priority,offer_id,score,segment,map_rule,group');
  const control = rows.filter((r) => r.endsWith(',control')).map((r) => r.split(',')[0]);
  assert.ok(control.length > 150 && control.length < 330, `${control.length} control rows`);
  assert.ok(existsSync(`${out}.manifest.json`));
  // Outcomes: every third treated customer buys a bag on 2021-06-05; control customers do not.
  const treated = rows
    .slice(1)
    .filter((r) => r.endsWith(',treatment'))
    .map((r) => r.split(',')[0]);
  const lines = ['order_id,product_id,customer_id,quantity,unit_price,ts'];
  treated.forEach((c, i) => i % 3 === 0 && lines.push(`after-${c},p3,${c},1,5,2021-06-05 10:00`));
  writeFileSync(join(dir, 'after.csv'), lines.join('\n') + '\n');
  const imp = runCli(['import', 'order_lines', join(dir, 'after.csv')], env);
  assert.equal(imp.code, 0, imp.stderr);
  const rep = runCli(['report', 'campaign', id, '--window', '14d', '--json'], env);
  assert.equal(rep.code, 0, rep.stderr);
  const r = JSON.parse(rep.stdout);
  assert.equal(r.overall.contacts_control, control.length);
  assert.ok(r.overall.ci_low > 0.2 && r.overall.ci_high < 0.45, JSON.stringify(r.overall));
  for (const o of r.offers)
    for (const k of [
      'contacts_treatment',
      'contacts_control',
      'conversion_treatment',
      'conversion_control',
      'incremental_conversion',
      'ci_low',
      'ci_high',
    ])
      assert.ok(k in o);
  const text = runCli(['report', 'campaign', id], env);
  assert.match(text.stdout, /per offer \(Holm-adjusted p\)/);
  assert.equal(runCli(['report', 'campaign', id, '--window', '0d'], env).code, 2);
  assert.match(runCli(['campaigns', 'list'], env).stdout, new RegExp(id));
});

test('CLI: imported contacts with a campaign id; a customer in both arms, or an unknown offer, is refused with nothing stored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-exp-imp-'));
  const db = join(dir, 'x.duckdb');
  (await experimentStore(200, db)).close();
  const env = { NEXTBEST_DB: db };
  assert.equal(runCli(['offers', 'from-attribute', 'family'], env).code, 0);
  const head = 'customer_id,offer_id,sent_at,group,campaign_id';
  writeFileSync(
    join(dir, 'both.csv'),
    `${head}\nc00001,family=bags,2021-06-01,treatment,mail-1\nc00001,family=mugs,2021-06-01,control,mail-1\n`,
  );
  const both = runCli(['import', 'contacts', join(dir, 'both.csv')], env);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /both\.csv:3.*group.*customer c00001 is in the treatment group of campaign mail-1 at line 2/);
  writeFileSync(
    join(dir, 'unknown.csv'),
    `${head}\nc00001,family=shoes,2021-06-01,treatment,mail-1\nnobody,family=bags,2021-06-01,control,mail-1\n`,
  );
  const unknown = runCli(['import', 'contacts', join(dir, 'unknown.csv')], env);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown\.csv:2.*unknown offer 'family=shoes'/);
  assert.match(unknown.stderr, /unknown\.csv:3.*unknown customer 'nobody'/);
  writeFileSync(
    join(dir, 'ok.csv'),
    `${head}\n` +
      Array.from(
        { length: 200 },
        (_, i) => `c${String(i).padStart(5, '0')},family=bags,2021-06-01,${i % 2 ? 'control' : 'treatment'},mail-1`,
      ).join('\n') +
      '\n',
  );
  assert.equal(runCli(['import', 'contacts', join(dir, 'ok.csv')], env).code, 0);
  // The stored arms now bind: the same customer may not switch arms in a later file of the same campaign.
  writeFileSync(join(dir, 'switch.csv'), `${head}\nc00001,family=mugs,2021-07-01,treatment,mail-1\n`);
  const sw = runCli(['import', 'contacts', join(dir, 'switch.csv')], env);
  assert.equal(sw.code, 2);
  assert.match(sw.stderr, /already in the control group of campaign mail-1/);
  const list = JSON.parse(runCli(['campaigns', 'list', '--json'], env).stdout);
  assert.deepEqual(
    list.map((c: { id: string; contacts_treatment: number; contacts_control: number }) => [c.id, c.contacts_treatment, c.contacts_control]),
    [['mail-1', 100, 100]],
  );
  const rep = JSON.parse(runCli(['report', 'campaign', 'mail-1', '--json', '--expected-control', '50'], env).stdout);
  assert.equal(rep.campaign.kind, 'import');
  assert.equal(rep.srm.mismatch, false);
});
