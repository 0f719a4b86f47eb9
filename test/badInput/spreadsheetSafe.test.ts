// `tor export --spreadsheet-safe`: CSV text cells that a spreadsheet would evaluate (= + - @, tab, CR
// first) are written with a leading ', only when asked; numbers and other text are untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportTorResults } from '../../src/export/exportTorResults.ts';
import { torExportOp } from '../../src/ops/torExportOp.ts';
import { Store } from '../../src/store/store.ts';

test('spreadsheet-safe CSV neutralises formula cells, only when asked', async () => {
  const s = await Store.open(':memory:');
  const dir = await mkdtemp(join(tmpdir(), 'nb-sheet-'));
  try {
    await s.run(`INSERT INTO tors (tor_id, name, settings, offers, status, priority_count, created_at, updated_at)
      VALUES ('t1', 'Spring', '{}', '[]', 'ready', 2, now(), now())`);
    const rows: [string, number, string, number, string][] = [
      ['=HYPERLINK("http://x")', 1, '+o1', 0.5, '@SUM(A1)'],
      ['c2', 1, '-o2', 0.25, 'plain, with "quotes"'],
    ];
    for (const r of rows) {
      await s.run(`INSERT INTO tor_results (tor_id, customer_id, priority, offer_id, score, reason) VALUES ('t1', ?, ?, ?, ?, ?)`, r);
    }
    const out = async (name: string, spreadsheetSafe: boolean) => {
      const path = join(dir, name);
      await exportTorResults(s, {
        torId: 't1',
        layout: 'long',
        format: 'csv',
        target: { kind: 'local', path },
        withReason: true,
        spreadsheetSafe,
      });
      return readFile(path, 'utf8');
    };
    const raw = await out('raw.csv', false);
    assert.ok(raw.includes('"=HYPERLINK(""http://x"")",1,+o1,'), raw);
    const safe = await out('safe.csv', true);
    assert.ok(safe.includes(`"'=HYPERLINK(""http://x"")",1,'+o1,0.500000,'@SUM(A1)`), safe);
    assert.ok(safe.includes(`c2,1,'-o2,0.250000,"plain, with ""quotes"""`), safe);
    assert.equal(safe.split('\n')[0], raw.split('\n')[0], 'the header is unchanged');
    // The API takes the same switch (the CLI sends --spreadsheet-safe as spreadsheetSafe).
    assert.equal(torExportOp.input.safeParse({ id: 't1', target: '/x.csv', layout: 'long', spreadsheetSafe: true }).success, true);
  } finally {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  }
});
