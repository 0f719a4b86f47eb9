// The promotion commands through the CLI's entry point (in this process, for speed: the commands
// run their ops in-process as they do without a server), paths relative to the working folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';

test('promotions import → build → compute → show → export → list on the CLI', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-promo-cli-'));
  const after: (() => void)[] = [];
  try {
    const db = join(dir, 'shop.duckdb');
    (await tinyRetailStore(db)).close();
    const cwd = process.cwd();
    process.chdir(dir);
    const cli = async (...args: string[]) => {
      let stdout = '',
        stderr = '';
      const code = await main([...args, '--db', db], {
        out: (t) => {
          stdout += t;
        },
        err: (t) => {
          stderr += t;
        },
        env: {},
      });
      return { code, stdout, stderr };
    };
    after.push(() => process.chdir(cwd));
    writeFileSync(
      join(dir, 'pool.csv'),
      'promotion_id,scope_attribute,scope_value,mechanism,value,cost,channel\n' +
        'candles,family,candles,percent_off,10,0.5,all\nmugs,family,mugs,amount_off,1,0.5,email\n' +
        'bags,family,bags,percent_off,20,0.5,all\n',
    );
    let r = await cli('promotions', 'import', 'pool.csv');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '3 promotions added, 0 replaced from pool.csv; 3 in the pool\n');
    writeFileSync(join(dir, 'bad.csv'), 'promotion_id,scope_attribute,scope_value,mechanism\nx,family,bags,half\n');
    r = await cli('promotions', 'import', 'bad.csv');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.csv:2: column mechanism: 'half' is not one of/);
    r = await cli('promotions', 'build', '--best-sellers', '2', '--per-category', '1', '--category-attribute', 'family', '--dry-run');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 promotions would be built \(dry run\)/);
    r = await cli(
      'promotions',
      'compute',
      '--per-customer',
      '2',
      '--objective',
      'margin',
      '--model',
      'popularity',
      '--as-of',
      '2021-03-02',
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    const sum = JSON.parse(r.stdout);
    assert.equal(sum.assignments, 8);
    r = await cli('promotions', 'show', 'c1', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      JSON.parse(r.stdout).promotions.map((p: { promotionId: string }) => p.promotionId),
      ['bags', 'candles'],
    );
    r = await cli('promotions', 'show', 'c1');
    assert.match(r.stdout, /^rank\s+promotion\s+name\s+expected_value/);
    r = await cli('promotions', 'export', '--out', 'lists.csv');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'lists.csv'), 'utf8').trim().split('\n').length, 9);
    r = await cli('promotions', 'list', '--channel', 'email');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 promotions; latest run promo-run-1 \(margin, as of 2021-03-02\): 8 promotions for 4 customers/);
    r = await cli('promotions', 'compute', '--objective', 'revenue');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--objective: use purchase or margin/);
  } finally {
    for (const f of after) f();
    rmSync(dir, { recursive: true, force: true });
  }
});
