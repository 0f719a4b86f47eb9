// The bad-input corpus (test/fixtures/bad/README.md): every file is refused with exit code 2 and a message
// naming the file, line, column and reason, leaving the store as it was — or accepted with the summary
// the table names. Runs the same services the CLI and the API run, in process, on a tiny store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../src/ingest/importFile.ts';
import { importSummaryText } from '../../src/ingest/importSummaryText.ts';
import { countAudience } from '../../src/tor/audienceForTor.ts';
import { Store } from '../../src/store/store.ts';
import { tinyRetailStore } from '../helpers/tinyRetail.ts';

const dir = join(import.meta.dirname, '..', 'fixtures', 'bad');

interface Row {
  file: string;
  use: string;
  outcome: 'refused' | 'accepted';
  expect: string;
}

/** The corpus table of the README: one row per file. */
function corpus(): Row[] {
  const lines = readFileSync(join(dir, 'README.md'), 'utf8').split('\n');
  return lines
    .filter((l) => l.startsWith('| ') && !l.startsWith('| file '))
    .map((l) => {
      const [file, use, outcome, expect] = l.slice(2, -2).split(' | ');
      return { file, use, outcome: outcome as Row['outcome'], expect };
    });
}

/** Everything an import could change: row counts, and the columns of the entity tables. */
async function storeState(s: Store): Promise<string> {
  const counts = [];
  for (const t of ['customers', 'products', 'order_lines', 'offers', 'events']) {
    counts.push(`${t}=${(await s.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${t}`))!.n}`);
  }
  const cols = await s.all<{ c: string }>(
    `SELECT table_name || '.' || column_name AS c FROM information_schema.columns
     WHERE table_name IN ('customers', 'products', 'order_lines', 'offers') ORDER BY table_name, ordinal_position`,
  );
  return [...counts, ...cols.map((c) => c.c)].join(' ');
}

async function attempt(row: Row, path: string, s: Store): Promise<string> {
  if (row.use === '--db') {
    const opened = await Store.open(path);
    await opened.close();
    return 'opened';
  }
  if (row.use === 'audience') {
    const n = await countAudience(s, readFileSync(path, 'utf8').trim(), new Date('2021-04-01'));
    return JSON.stringify(n);
  }
  return importSummaryText(await importFile(s, { table: row.use, file: path }));
}

const rows = corpus();

test('the corpus table lists every file of the folder, and covers the kinds of issue 12 §4', () => {
  const listed = new Set(rows.map((r) => r.file));
  const present = ['order-date-9999.csv', 'json-nested-5000.json', 'garbage.csv.gz', 'a-directory.csv', 'not-a-store.db'];
  for (const f of present) assert.ok(listed.has(f), f);
  assert.ok(rows.length >= 25, `${rows.length} rows`);
});

for (const row of rows) {
  test(`${row.file} (${row.use}): ${row.outcome}`, async () => {
    const path = join(dir, row.file);
    const s = await tinyRetailStore();
    try {
      const before = await storeState(s);
      const expect = row.expect.replaceAll('{file}', path);
      if (row.outcome === 'accepted') {
        const summary = await attempt(row, path, s);
        assert.ok(summary.includes(expect), `summary lacks ${JSON.stringify(expect)}:\n${summary}`);
        return;
      }
      const err = await attempt(row, path, s).then(
        (out) => assert.fail(`accepted, expected refused: ${out}`),
        (e: Error & { exitCode?: number }) => e,
      );
      assert.equal(err.exitCode, 2, `not a user error: ${err.stack}`);
      assert.ok(err.message.includes(expect), `message lacks ${JSON.stringify(expect)}:\n${err.message}`);
      assert.equal(await storeState(s), before, 'the store changed');
    } finally {
      await s.close();
    }
  });
}
