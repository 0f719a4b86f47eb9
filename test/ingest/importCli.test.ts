// The CLI end to end: exit codes (0 ok, 2 bad input/usage), summary on stdout, errors on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LINES_CSV, tempDir, writeText } from './fixtures.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = tempDir();
const db = join(dir, 'cli.duckdb');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'nextbest.js'), ...args, '--db', db], { encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('import, bad input, dry run, config: exit codes and output', () => {
  const lines = writeText(dir, 'lines.csv', LINES_CSV);
  const ok = cli('import', 'order_lines', lines);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /rows read 3, kept 3: inserted 3, updated 0, unchanged 0/);
  const json = cli('import', 'order_lines', lines, '--json', '--dry-run');
  assert.equal(json.code, 0, json.err);
  assert.equal(JSON.parse(json.out).unchanged, 3);

  const bad = writeText(dir, 'bad.csv', 'order_id,product_id,customer_id,quantity,unit_price,ts\no9,p1,c1,x,1,2011-01-01\n');
  const r = cli('import', 'order_lines', bad);
  assert.equal(r.code, 2);
  assert.match(r.err, /bad\.csv:2: column quantity: not a number: 'x'/);
  assert.equal(r.out, '');

  assert.equal(cli('import', 'order_lines').code, 2, 'missing file argument');
  assert.equal(cli('import', 'nope', lines).code, 2, 'unknown table');
  assert.equal(cli('import', 'order_lines', lines, '--format', 'xml').code, 2, 'unknown format');
  assert.equal(cli('import', 'order_lines', lines, '--bogus').code, 2, 'unknown flag');
  assert.equal(cli('import', 'customers', lines, '--map', 'customer_id=Nope').code, 2, 'mapping to a missing column');

  const fam = writeText(dir, 'fam.csv', 'stock_code,department,family\np1,Home,candles\n');
  assert.equal(cli('import', '--recipe', 'families', fam).code, 0);
  const set = cli('config', 'set', 'hierarchy', 'family');
  assert.equal(set.code, 0, set.err);
  assert.equal(cli('config', 'set', 'hierarchy', 'department,colour').code, 2, 'unknown attribute');
  assert.equal(cli('config', 'set', 'colour', 'x').code, 2, 'unknown setting');
  const show = cli('config', 'show', '--json');
  assert.equal(show.code, 0);
  assert.deepEqual(JSON.parse(show.out).hierarchy, ['family']);
});
