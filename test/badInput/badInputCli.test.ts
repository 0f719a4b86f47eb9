// The bad-input cases a user meets at the terminal, through the CLI (in process, as `main` runs them; one
// case through the real child process for its exit code): exit code 2 with the file, line, column and
// reason on stderr and nothing on stdout; a non-DuckDB --db refused; audience errors with their column;
// names with ANSI escapes and newlines printed escaped in tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { runCli } from '../helpers/runCli.ts';

const bad = join(import.meta.dirname, '..', 'fixtures', 'bad');
const dir = mkdtempSync(join(tmpdir(), 'nb-bad-cli-'));
const db = join(dir, 'shop.duckdb');
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, '--db', db], { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

test('refused files: exit 2, file:line: column: reason on stderr, nothing stored', async () => {
  const customers = file('c.csv', 'customer_id\nc1\nc2\n');
  const products = file('p.csv', 'product_id,name,family\np1,Candle,home\np2,Mug,kitchen\n');
  const lines = file('l.csv', 'order_id,customer_id,product_id,quantity,unit_price,ts\no1,c1,p1,1,2,2021-03-01\no2,c2,p2,1,3,2021-03-02\n');
  for (const [t, f] of [
    ['customers', customers],
    ['products', products],
    ['order_lines', lines],
  ]) {
    assert.equal((await cli('import', t, f)).code, 0);
  }
  const future = await cli('import', 'order_lines', join(bad, 'order-date-9999.csv'));
  assert.equal(future.code, 2);
  assert.equal(future.stdout, '');
  assert.match(future.stderr, /order-date-9999\.csv:2: column ts: date '9999-12-31' is after \d{4}-\d\d-\d\d \(today \+ 366 days/);
  // The real process: a garbage .gz once ended in a zlib stack trace and exit code 1.
  const gz = runCli(['import', 'order_lines', join(bad, 'garbage.csv.gz'), '--db', db]);
  assert.equal(gz.code, 2);
  assert.match(gz.stderr, /garbage\.csv\.gz: not a valid gzip file/);
  assert.doesNotMatch(gz.stderr, /internal error|    at /);
  const folder = await cli('import', 'customers', join(bad, 'a-directory.csv'));
  assert.deepEqual([folder.code, /a-directory\.csv is a directory, not a file/.test(folder.stderr)], [2, true]);
  // A value quoted in an error is shown escaped: the message cannot recolour the terminal.
  const ansi = file('ansi.csv', 'order_id,customer_id,product_id,quantity,unit_price,ts\no3,c1,p1,\x1b[31m9,2,2021-03-01\n');
  const shown = await cli('import', 'order_lines', ansi);
  assert.equal(shown.code, 2);
  assert.ok(shown.stderr.includes("ansi.csv:2: column quantity: not a number: '\\x1b[31m9'"), shown.stderr);
  assert.doesNotMatch(shown.stderr, /\x1b/);
  // The default as-of date (midnight after the latest line) still comes from the good lines.
  const config = await cli('config', 'show');
  assert.equal(config.code, 0, config.stderr);
  assert.match(config.stdout, /history_as_of = "2021-03-03 00:00:00"/);
});

test('audience errors name the column; a non-DuckDB --db is refused', async () => {
  const deep = await cli('audience', 'count', '('.repeat(4000) + 'frequency >= 1' + ')'.repeat(4000));
  assert.equal(deep.code, 2);
  assert.match(deep.stderr, /nested more than 100 levels deep \(parentheses or not\) at column 101/);
  const huge = await cli('audience', 'count', 'recency_days < 1e309');
  assert.equal(huge.code, 2);
  assert.match(huge.stderr, /number 1e309 at column 16 is out of range/);
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {} };
  const notStore = {
    code: await main(['audience', 'count', 'frequency >= 1', '--db', join(bad, 'not-a-store.db')], io),
    stderr: err.join(''),
  };
  assert.equal(notStore.code, 2);
  assert.match(notStore.stderr, /not-a-store\.db is not a nextbest store \(not a DuckDB database file\)/);
});

test('names with ANSI escapes and newlines are printed escaped in tables', async () => {
  const offers = file(
    'o.csv',
    'offer_id,name,scope_attribute,scope_value,mechanism,value\n"f\x1b[2J1","Ten\x1b[31m off\nnow",family,home,percent_off,10\n',
  );
  const imported = await cli('import', 'offers', offers);
  assert.equal(imported.code, 0, imported.stderr);
  const list = await cli('offers', 'list', '--window', 'all');
  assert.equal(list.code, 0, list.stderr);
  assert.ok(list.stdout.includes('f\\x1b[2J1'), list.stdout);
  assert.ok(list.stdout.includes('Ten\\x1b[31m off\\nnow'), list.stdout);
  assert.doesNotMatch(list.stdout, /\x1b/);
  assert.equal(list.stdout.trimEnd().split('\n').length, 3, 'one header, one rule, one row');
});
