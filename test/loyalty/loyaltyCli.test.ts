// The loyalty and offer-level commands end to end through the CLI (in-process, no server): the same
// ops the API serves, printed as text or JSON; bad input exits 2 with the reason.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main.ts';

test('loyalty and offers commands', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-loyalty-cli-'));
  const db = join(dir, 's.duckdb');
  const f = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const run = async (...argv: string[]) => {
    const out: string[] = [],
      err: string[] = [];
    const code = await main([...argv, '--db', db], { out: (s) => out.push(s), err: (s) => err.push(s), env: {} });
    return { code, out: out.join(''), err: err.join('') };
  };
  try {
    assert.equal((await run('import', 'customers', f('c.csv', 'customer_id,is_member\nc1,true\nc2,false\nc3,true\n'))).code, 0);
    assert.equal(
      (
        await run(
          'import',
          'order_lines',
          f('ol.csv', 'customer_id,product_id,quantity,unit_price,ts\nc1,p1,1,2,2021-02-01\nc2,p2,2,3,2021-02-03\nc3,p2,1,3,2021-02-04\n'),
        )
      ).code,
      0,
    );
    const bad = await run('loyalty', 'eligible', 'load', f('el.csv', 'product_id,valid_from\np1,2030-01-01\np9,\n'));
    assert.equal(bad.code, 2);
    assert.match(bad.err, /el\.csv:3: column product_id: unknown product 'p9' \(not in products\)/);
    assert.equal((await run('loyalty', 'eligible', 'load', f('el2.csv', 'product_id\np1\np2\n'))).code, 0);
    assert.match((await run('loyalty', 'settings', '--cells', '2')).out, /cells: 2\nautofill: on/);
    assert.match(
      (await run('loyalty', 'pick', 'c1', '--cell', '1', '--product', 'p1', '--from', '2030-01-01')).out,
      /c1 cell 1: p1 from 2030-01-01 00:00 \(member\)/,
    );
    const refused = await run('loyalty', 'pick', 'c2', '--cell', '1', '--product', 'p1', '--from', '2030-01-01');
    assert.deepEqual(
      [refused.code, refused.err.trim()],
      [2, 'error: customer c2 is not a loyalty member (customers.is_member is not true)'],
    );
    assert.equal((await run('loyalty', 'edit', 'c1', '--cell', '2', '--product', 'p2', '--from', '2030-01-01')).code, 0);
    const auto = await run('loyalty', 'autofill', '--as-of', '2021-03-01');
    assert.match(
      auto.out,
      /2 members: 2 cells from purchases \(2021-02-01 to 2021-03-01\), 0 from recommendations \(none stored\), 2 still empty/,
    );
    const show = JSON.parse((await run('loyalty', 'show', 'c1', '--at', '2030-01-02', '--json')).out);
    assert.deepEqual(
      show.favourites.map((c: { productId: string }) => c.productId),
      ['p1', 'p2'],
    );
    assert.match((await run('loyalty', 'favourites', 'c1', '--at', '2030-01-02')).out, /1\s+p1\s+member\s+2030-01-01\s+from 2030-01-31/);

    assert.match(
      (await run('offers', 'create', 'm1', '--name', 'Members p1', '--products', 'p1', '--level', 'members')).out,
      /offer m1 created: level members/,
    );
    const ind = await run(
      'offers',
      'create',
      'v1',
      '--name',
      'VIP',
      '--products',
      'p2',
      '--level',
      'individual',
      '--customers',
      f('v.csv', 'c3\nghost\n'),
    );
    assert.equal(ind.code, 2);
    assert.match(ind.err, /v\.csv:2: column customer_id: unknown customer 'ghost'/);
    const reach = JSON.parse((await run('offers', 'reach', '--json')).out);
    assert.equal(reach.addressable, 3);
    assert.deepEqual(reach.levels.find((l: { level: string }) => l.level === 'members').reach, 2);
    assert.equal((await run('offers', 'create', 'x', '--level', 'sometimes')).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
