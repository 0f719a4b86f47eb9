// The CLI for segment → offer maps and message templates: errors at file:line (exit 2, nothing saved),
// a TOR created with --map, its export carrying segment, rule and message columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';
import { runCli } from '../helpers/runCli.ts';
import { insertSegment } from '../../src/segments/segmentTable.ts';

test('CLI: maps save (line errors) → tor create --map → compute → export with segment, rule and message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-maps-'));
  const db = join(dir, 'x.duckdb');
  const s = await tinyRetailStore(db);
  await insertSegment(s, { id: 'repeaters', name: 'Repeaters', description: 'two or more orders', expression: 'frequency >= 2' });
  s.close();
  const env = { NEXTBEST_DB: db };
  assert.equal(runCli(['offers', 'from-attribute', 'family'], env).code, 0);
  writeFileSync(join(dir, 'bad.yaml'), 'id: playbook\nrules:\n  - segment: repeaters\n    forbid: [family=shoes]\n');
  const bad = runCli(['maps', 'save', join(dir, 'bad.yaml')], env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /bad\.yaml:4: column 14 \(rules\.0\.forbid\.0\): unknown offer 'family=shoes'/);
  assert.equal(JSON.parse(runCli(['maps', 'list', '--json'], env).stdout).length, 0);
  writeFileSync(join(dir, 'playbook.yaml'), 'id: playbook\nrules:\n  - segment: repeaters\n    forbid: [family=candles]\n');
  const saved = runCli(['maps', 'save', join(dir, 'playbook.yaml')], env);
  assert.equal(saved.code, 0, saved.stderr);
  assert.match(saved.stdout, /map 'playbook' saved: 1 rule/);
  const msg = runCli(['offers', 'message', 'family=mugs', '--template', 'Since you bought {{product}}, 10% off {{scope}}'], env);
  assert.equal(msg.code, 0, msg.stderr);
  const created = runCli(
    [
      'tor',
      'create',
      '--name',
      'Mapped',
      '--offer',
      'family=candles,family=mugs',
      '--per-customer',
      '1',
      '--model',
      'frequency',
      '--map',
      'playbook',
    ],
    env,
  );
  assert.equal(created.code, 0, created.stderr);
  const id = created.stdout.trim().split('\n').at(-1)!;
  assert.equal(runCli(['tor', 'compute', id], env).code, 0);
  assert.match(runCli(['tor', 'show', id], env).stdout, /segment map: playbook/);
  const out = join(dir, 'out.csv');
  assert.equal(runCli(['tor', 'export', id, '--out', out], env).code, 0);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'customer_id,priority,offer_id,score,segment,map_rule,message');
  assert.match(lines[1], /^c1,1,family=mugs,[^,]+,repeaters,repeaters,"?Since you bought Mug, 10% off mugs"?$/);
  assert.equal(runCli(['maps', 'delete', 'playbook'], env).code, 2); // applied by the TOR
  assert.equal(runCli(['tor', 'edit', id, '--map', 'none'], env).code, 0);
  assert.equal(runCli(['maps', 'delete', 'playbook'], env).code, 0);
});
