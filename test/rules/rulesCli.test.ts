// `nextbest rules …` as a user runs it (no server): apply writes exactly customer_id, rule,
// offer_id, fired_at; a bad file exits 2 naming file:line:column and field, and writes nothing.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/runCli.ts';
import { rule, rulesStore } from './rulesFixture.ts';

test('rules validate / apply / firings through the CLI', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-cli-'));
  const db = join(dir, 'shop.duckdb');
  (await rulesStore(db)).close();
  await writeFile(
    join(dir, 'rules.yaml'),
    `rules:\n${rule('fan', 'OC', '{bought: {scope: family=candles, min_orders: 2}}')}` +
      rule('cart', 'OC', '{cart_abandoned: {no_purchase_within_days: 2}}') +
      rule('lapse', 'OM', '{lapsed: {cycle_multiple: 1.5}}'),
  );
  await writeFile(join(dir, 'bad.yaml'), 'rules:\n  - id: fan\n    offer: OC\n    when: {bought: {min_orders: two}}\n');

  const bad = runCli(['rules', 'apply', 'bad.yaml', '--as-of', '2021-03-10', '--out', 'fired.csv', '--db', db], {}, dir);
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /bad\.yaml:4:33: field rules\[0\]\.when\.bought\.min_orders: expected a whole number >= 1/);
  assert.equal(existsSync(join(dir, 'fired.csv')), false, 'no file written');

  const ok = runCli(['rules', 'apply', 'rules.yaml', '--as-of', '2021-03-10', '--out', 'fired.csv', '--db', db], {}, dir);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^3 action\(s\) fired as of 2021-03-10 00:00:00/);
  assert.equal(
    await readFile(join(dir, 'fired.csv'), 'utf8'),
    [
      'customer_id,rule,offer_id,fired_at',
      'c1,fan,OC,2021-03-10 00:00:00',
      'c2,cart,OC,2021-03-10 00:00:00',
      'c1,lapse,OM,2021-03-10 00:00:00',
    ].join('\n') + '\n',
  );

  const firings = runCli(['rules', 'firings', '--customer', 'c1', '--json', '--db', db], {}, dir);
  assert.equal(firings.code, 0, firings.stderr);
  const parsed = JSON.parse(firings.stdout) as { total: number; firings: { rule: string; source: string }[] };
  assert.equal(parsed.total, 2);
  assert.deepEqual(parsed.firings.map((f) => f.rule).sort(), ['fan', 'lapse']);
});

test('without a server, `nextbest ingest` fires the loaded rules for that customer too', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-ingest-'));
  const db = join(dir, 'shop.duckdb');
  (await rulesStore(db)).close();
  // c4 has one order (bags); a second bag purchase makes them a 2-order bags buyer
  await writeFile(join(dir, 'rules.yaml'), `rules:\n${rule('bag-fans', 'OC', '{bought: {scope: family=bags, min_orders: 2}}')}`);
  assert.equal(runCli(['rules', 'load', 'rules.yaml', '--db', db], {}, dir).code, 0);
  const ing = runCli(['ingest', '--customer', 'c4', '--product', 'p3', '--at', '2021-03-20 10:00', '--db', db], {}, dir);
  assert.equal(ing.code, 0, ing.stderr);
  assert.match(ing.stderr, /trigger rules: 1 firing\(s\) recorded/);
  const firings = JSON.parse(runCli(['rules', 'firings', '--customer', 'c4', '--json', '--db', db], {}, dir).stdout);
  assert.deepEqual(
    firings.firings.map((f: { rule: string; source: string }) => `${f.rule}:${f.source}`),
    ['bag-fans:realtime'],
  );
});
