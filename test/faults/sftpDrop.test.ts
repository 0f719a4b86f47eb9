// SFTP connections cut by the network mid-upload (a TCP proxy in front of a real sshd that closes
// both sides after N bytes from the client): the upload is retried and lands whole; when every
// attempt is cut it fails with a clear message naming the target and the attempts, with nothing
// under the final name; temp files left on the server by a dead uploader are removed next time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSftpServer, type SftpTestServer } from '../helpers/sftpServer.ts';
import { Store } from '../../src/store/store.ts';
import { exportQuery } from '../../src/export/exportQuery.ts';
import { targetFromString } from '../../src/export/target.ts';
import { STALE_TEMP_MS, tempNameFor } from '../../src/export/staleTempFiles.ts';
import type { ExportProgress } from '../../src/export/exportProgress.ts';

let srv: SftpTestServer;
let store: Store;
let localDir: string;
const fast = { attempts: 3, backoffMs: 20, readyTimeoutMs: 5000 };
const SQL = `SELECT i AS id, i * 0.5 AS v, 'customer-' || i AS name FROM range(60000) r(i) ORDER BY i`;

/** A loopback proxy to sshd that cuts the first `cutConnections` connections after `cutAfter` client bytes. */
async function cuttingProxy(
  port: number,
  cutAfter: number,
  cutConnections: number,
): Promise<{ port: number; cuts: () => number; close(): void }> {
  let seen = 0,
    cuts = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const cut = ++seen <= cutConnections;
    const upstream = createConnection({ host: '127.0.0.1', port });
    sockets.add(client).add(upstream);
    let bytes = 0;
    client.on('data', (d: Buffer) => {
      bytes += d.length;
      if (cut && bytes > cutAfter) {
        cuts++;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(d);
    });
    upstream.on('data', (d) => client.write(d));
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ])
      a.on('close', () => b.destroy()).on('error', () => b.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    cuts: () => cuts,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

const target = (file: string, port: number) =>
  targetFromString(`sftp://${srv.user}@${srv.host}:${port}${srv.dropDir}/${file}`, {
    sftpKey: srv.clientKey,
    sftpHostKey: srv.hostFingerprint,
    env: {},
  });

/** Temp files of the upload machinery in the drop folder (current and earlier names). */
const temps = async () => (await readdir(srv.dropDir)).filter((f) => f.startsWith('.nextbest-tmp-') || f.includes('.part-'));

before(async () => {
  srv = await startSftpServer();
  store = await Store.open(':memory:');
  localDir = await mkdtemp(join(tmpdir(), 'nb-fault-sftp-'));
});

after(async () => {
  store?.close();
  await srv?.stop();
  if (localDir) await rm(localDir, { recursive: true, force: true });
});

test('the network cuts the first upload after 300 kB: retried, the file lands whole, no temp left', async () => {
  const proxy = await cuttingProxy(srv.port, 300_000, 1);
  try {
    const retries: ExportProgress[] = [];
    const r = await exportQuery(store, {
      sql: SQL,
      format: 'csv',
      target: target('cut.csv', proxy.port),
      sftp: fast,
      onProgress: (p) => p.phase === 'retry' && retries.push(p),
    });
    assert.equal(proxy.cuts(), 1, 'the first connection was cut mid-upload');
    assert.equal(retries.length, 1);
    assert.equal(r.rows, 60000);
    const local = join(localDir, 'cut.csv');
    await exportQuery(store, { sql: SQL, format: 'csv', target: { kind: 'local', path: local } });
    assert.ok((await readFile(join(srv.dropDir, 'cut.csv'))).equals(await readFile(local)), 'byte-identical to a local export');
    assert.deepEqual(await temps(), []);
  } finally {
    proxy.close();
  }
});

test('every attempt cut: a clear error after the attempts, nothing under the final name', async () => {
  const proxy = await cuttingProxy(srv.port, 300_000, 100);
  try {
    await assert.rejects(exportQuery(store, { sql: SQL, format: 'csv', target: target('never.csv', proxy.port), sftp: fast }), (e: Error) =>
      /SFTP upload to sftp:\/\/.*never\.csv failed after 3 attempt\(s\)/.test(e.message),
    );
    assert.equal(proxy.cuts(), 3);
    const files = await readdir(srv.dropDir);
    assert.ok(!files.includes('never.csv'), 'no partial file under the final name');
    // Whatever a cut attempt left is hidden and ends in .tmp: never under the final name's pattern.
    assert.deepEqual(
      files.filter((f) => f.endsWith('.csv') || f.startsWith('never')),
      files.filter((f) => f === 'cut.csv'),
    );
  } finally {
    proxy.close();
  }
});

test('the next upload of a target removes temps of dead uploaders (and old ones), keeps others', async () => {
  const deadPid = tempNameFor('t.csv').replace(/-(\d+)-(\w+)-t\.csv\.tmp$/, '-999999999-$2-t.csv.tmp');
  const oldPart = 't.csv.part-0123456789ab';
  const youngPart = 't.csv.part-ba9876543210';
  const otherTarget = tempNameFor('u.csv').replace(/-(\d+)-(\w+)-u\.csv\.tmp$/, '-999999999-$2-u.csv.tmp');
  for (const f of [deadPid, oldPart, youngPart, otherTarget]) await writeFile(join(srv.dropDir, f), 'half');
  const old = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;
  await utimes(join(srv.dropDir, oldPart), old, old);
  await exportQuery(store, { sql: `SELECT 1 AS x`, format: 'csv', target: target('t.csv', srv.port), sftp: fast });
  const left = await readdir(srv.dropDir);
  assert.ok(!left.includes(deadPid) && !left.includes(oldPart), 'stale temps of t.csv removed');
  assert.ok(left.includes(youngPart) && left.includes(otherTarget), 'a young legacy part and another target’s temp stay');
  assert.equal(await readFile(join(srv.dropDir, 't.csv'), 'utf8'), 'x\n1\n');
});
