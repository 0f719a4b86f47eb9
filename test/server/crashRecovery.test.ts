// A server killed (-9) in the middle of a compute, then restarted: the interrupted job is marked
// failed, the TOR goes from Computing to Error with a message, its last good result is kept, and
// a recompute succeeds. Without this, the TOR would stay "Computing" forever.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { discoveryPath } from '../../src/client/discovery.ts';
import { generateWorld } from '../../src/generate/generateWorld.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { offersFromAttribute } from '../../src/offers/offersFromAttribute.ts';
import { Store } from '../../src/store/store.ts';
import { createTor } from '../../src/tor/createTor.ts';
import { computeTor } from '../../src/tor/computeTor.ts';
import { editTor } from '../../src/tor/editTor.ts';
import { startServerProcess } from '../helpers/serverProcess.ts';

test(
  'kill -9 mid-compute, restart: job failed, TOR in Error with a message, last result kept, recompute works',
  { timeout: 300_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-crash-'));
    const db = join(dir, 'w.duckdb');
    await generateWorld({ customers: 3000, products: 300, months: 14, seed: 11, start: '2023-01-01', out: join(dir, 'world') });
    const store = await Store.open(db);
    for (const t of ['customers', 'products', 'order_lines', 'events'])
      await importFile(store, { table: t, file: join(dir, 'world', `${t}.csv`) });
    const offers = await offersFromAttribute(store, 'category', {});
    const tor = await createTor(store, {
      name: 'crash',
      offers: offers.slice(0, 12).map((o) => o.offerId),
      perCustomer: 3,
      model: 'propensity',
    });
    await computeTor(store, tor.torId);
    const before = Number((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM tor_results WHERE tor_id = ?`, [tor.torId]))!.n);
    assert.ok(before > 0);
    // A changed setting so the recompute trains again (slow enough to be caught mid-way).
    await editTor(store, tor.torId, { audience: 'frequency >= 1' });
    store.close();

    const s1 = await startServerProcess(db);
    const started = await s1.api('POST', `/v1/tors/${tor.torId}/compute`);
    assert.equal(started.status, 202, JSON.stringify(started.json));
    const jobId = started.json.job.jobId as string;
    for (;;) {
      const j = await s1.api('GET', `/v1/jobs/${jobId}`);
      if (j.json.job.status === 'running' && j.json.job.progress > 0) break;
      assert.ok(['queued', 'running'].includes(j.json.job.status), `job ended before the kill: ${JSON.stringify(j.json.job)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    s1.child.kill('SIGKILL');
    await s1.exited;
    assert.ok(existsSync(discoveryPath(db)), 'a killed server cannot remove its discovery file');

    const s2 = await startServerProcess(db);
    try {
      assert.match(s2.output(), /recovered after a crash: 1 interrupted job/);
      const job = (await s2.api('GET', `/v1/jobs/${jobId}`)).json.job;
      assert.equal(job.status, 'failed');
      assert.match(job.error, /interrupted/);
      const shown = (await s2.api('GET', `/v1/tors/${tor.torId}`)).json;
      assert.equal(shown.tor.status, 'error');
      assert.match(shown.tor.error, /interrupted.*last good result is kept/);
      assert.equal(shown.customers > 0, true, 'the last good result is still there');
      const again = await s2.api('POST', `/v1/tors/${tor.torId}/compute`);
      assert.equal(again.status, 202);
      let end;
      do {
        await new Promise((r) => setTimeout(r, 100));
        end = (await s2.api('GET', `/v1/jobs/${again.json.job.jobId}`)).json.job;
      } while (end.status === 'queued' || end.status === 'running');
      assert.equal(end.status, 'succeeded', end.error);
      assert.equal((await s2.api('GET', `/v1/tors/${tor.torId}`)).json.tor.status, 'ready');
    } finally {
      s2.child.kill('SIGTERM');
      assert.equal(await s2.exited, 0);
    }
    assert.ok(!existsSync(discoveryPath(db)), 'a clean shutdown removes the discovery file');
  },
);
