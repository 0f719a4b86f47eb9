// End-to-end SFTP exports against a real OpenSSH server started by the test (see test/helpers/sftpServer.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { UserError } from '../../src/domain/errors.ts';
import { Store } from '../../src/store/store.ts';
import { exportQuery } from '../../src/export/exportQuery.ts';
import { exportTorResults } from '../../src/export/exportTorResults.ts';
import { listExports } from '../../src/export/exportHistory.ts';
import type { ExportProgress } from '../../src/export/exportProgress.ts';
import { targetFromString, type Target } from '../../src/export/target.ts';
import { startSftpServer, type SftpTestServer } from '../helpers/sftpServer.ts';

let srv: SftpTestServer;
let store: Store;
let localDir: string;
const fast = { backoffMs: 10, readyTimeoutMs: 5000 };

before(async () => {
  srv = await startSftpServer();
  store = await Store.open(':memory:');
  localDir = await mkdtemp(join(tmpdir(), 'nb-sftp-local-'));
  await store.run(`INSERT INTO tors (tor_id, name, settings, offers, status, priority_count, created_at, updated_at)
    VALUES ('t1', 'Spring', '{}', '[]', 'ready', 2, now(), now())`);
  await store.run(`INSERT INTO tor_results (tor_id, customer_id, priority, offer_id, score, reason)
    VALUES ('t1','c1',1,'o1',0.5,NULL), ('t1','c1',2,'o2',0.25,NULL), ('t1','c2',1,'o2',0.75,NULL)`);
});

after(async () => {
  store?.close();
  await srv?.stop();
  if (localDir) await rm(localDir, { recursive: true, force: true });
});

function sftpTarget(
  file: string,
  opts: { key?: string; dir?: string; env?: NodeJS.ProcessEnv; hostKey?: string; port?: number } = {},
): Target {
  return targetFromString(`sftp://${srv.user}@${srv.host}:${opts.port ?? srv.port}${opts.dir ?? srv.dropDir}/${file}`, {
    sftpKey: opts.key ?? (opts.env ? undefined : srv.clientKey),
    sftpHostKey: opts.hostKey ?? srv.hostFingerprint,
    env: opts.env ?? {},
  });
}

async function localCopy(sql: string, name: string): Promise<Buffer> {
  const path = join(localDir, name);
  await exportQuery(store, { sql, format: 'csv', target: { kind: 'local', path } });
  return readFile(path);
}

const noPartFiles = async () =>
  assert.deepEqual(
    (await readdir(srv.dropDir)).filter((f) => f.includes('.part-') || f.startsWith('.nextbest-tmp-')),
    [],
  );

test('SFTP upload with key auth lands with the exact content, replaces an older file, leaves no .part', async () => {
  const sql = `SELECT i AS id, i / 3 AS v FROM range(5000) r(i) ORDER BY i`;
  const events: ExportProgress[] = [];
  for (let i = 0; i < 2; i++) {
    const r = await exportQuery(store, { sql, format: 'csv', target: sftpTarget('a.csv'), sftp: fast, onProgress: (p) => events.push(p) });
    assert.equal(r.rows, 5000);
    assert.equal(r.path, `sftp://${srv.user}@${srv.host}:${srv.port}${srv.dropDir}/a.csv`);
  }
  const uploaded = await readFile(join(srv.dropDir, 'a.csv'));
  assert.ok(uploaded.equals(await localCopy(sql, 'a.csv')));
  assert.ok(events.some((e) => e.phase === 'upload' && e.bytes === uploaded.length));
  assert.deepEqual(events.at(-1), { phase: 'done', rows: 5000, bytes: uploaded.length });
  await noPartFiles();
});

test('a connection dropped mid-upload is retried and the upload completes', async () => {
  const sql = `SELECT i AS id, i * 0.5 AS v, 'customer-' || i AS name FROM range(150000) r(i) ORDER BY i`;
  let made = 0;
  let dropped = false;
  const clientFactory = () => {
    const client = new SftpClient();
    if (++made === 1) {
      // Fault injection: cut the TCP connection as soon as the first chunk is acknowledged.
      const fastPut = client.fastPut.bind(client);
      client.fastPut = (local: string, remote: string, o?: SftpClient.FastPutTransferOptions) =>
        fastPut(local, remote, {
          ...o,
          step: (total: number, chunk: number, size: number) => {
            o?.step?.(total, chunk, size);
            if (!dropped) {
              dropped = true;
              (client as unknown as { client: { _sock: { destroy(): void } } }).client._sock.destroy();
            }
          },
        });
    }
    return client;
  };
  const retries: ExportProgress[] = [];
  const r = await exportQuery(store, {
    sql,
    format: 'csv',
    target: sftpTarget('big.csv'),
    sftp: { ...fast, clientFactory },
    onProgress: (p) => p.phase === 'retry' && retries.push(p),
  });
  assert.ok(dropped, 'the first attempt was cut');
  assert.equal(made, 2);
  assert.equal(retries.length, 1);
  assert.equal(r.rows, 150000);
  assert.ok((await readFile(join(srv.dropDir, 'big.csv'))).equals(await localCopy(sql, 'big.csv')));
  await noPartFiles();
});

test('servers without posix-rename get delete + rename', async () => {
  const clientFactory = () => {
    const client = new SftpClient();
    client.posixRename = async () => {
      throw new Error('Server does not support this extended request');
    };
    return client;
  };
  const sql = `SELECT 'new' AS x`;
  await exportQuery(store, { sql, format: 'csv', target: sftpTarget('r.csv'), sftp: fast });
  await exportQuery(store, { sql: `SELECT 'newer' AS x`, format: 'csv', target: sftpTarget('r.csv'), sftp: { ...fast, clientFactory } });
  assert.equal(await readFile(join(srv.dropDir, 'r.csv'), 'utf8'), 'x\nnewer\n');
  await noPartFiles();
});

test('wrong key is a user error, not retried, recorded in history without a file', async () => {
  let made = 0;
  const clientFactory = () => (made++, new SftpClient());
  const target = sftpTarget('wrong.csv', { key: srv.strangerKey });
  await assert.rejects(
    exportTorResults(store, { torId: 't1', layout: 'long', format: 'csv', target, sftp: { ...fast, clientFactory } }),
    (e: unknown) => e instanceof UserError && /authentication failed/.test(e.message),
  );
  assert.equal(made, 1);
  assert.ok(!(await readdir(srv.dropDir)).includes('wrong.csv'));
  const ok = await exportTorResults(store, {
    torId: 't1',
    layout: 'wide',
    format: 'parquet',
    target: sftpTarget('t1.parquet'),
    sftp: fast,
  });
  assert.equal(ok.rows, 2);
  const back = await store.all<{ customer_id: string; offer_2: string | null }>(
    `SELECT customer_id, offer_2 FROM read_parquet('${join(srv.dropDir, 't1.parquet')}') ORDER BY customer_id`,
  );
  assert.deepEqual(back, [
    { customer_id: 'c1', offer_2: 'o2' },
    { customer_id: 'c2', offer_2: null },
  ]);
  const hist = await listExports(store, 't1');
  const failed = hist.find((h) => h.target.endsWith('/wrong.csv'))!;
  assert.equal(failed.status, 'error');
  assert.match(failed.error!, /authentication failed/);
  const good = hist.find((h) => h.target.endsWith('/t1.parquet'))!;
  assert.equal(good.status, 'ok');
  assert.equal(good.bytes, (await readFile(join(srv.dropDir, 't1.parquet'))).length);
});

test('password auth is attempted and rejected by this key-only server; the password never reaches history (a successful password login is not tested: it needs a system account with a password)', async () => {
  const secret = 'pw-' + Math.random().toString(36).slice(2);
  const target = sftpTarget('pw.csv', { env: { NEXTBEST_SFTP_PASSWORD: secret } });
  await assert.rejects(
    exportTorResults(store, { torId: 't1', layout: 'long', format: 'csv', target, sftp: fast }),
    (e: unknown) => e instanceof UserError && /authentication failed/.test(e.message) && !e.message.includes(secret),
  );
  const rows = await store.all(`SELECT * FROM exports`);
  assert.ok(!JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v)).includes(secret));
});

test('missing remote folder, unreachable host and wrong host key are clear user errors', async () => {
  await assert.rejects(
    exportQuery(store, { sql: `SELECT 1 AS x`, format: 'csv', target: sftpTarget('x.csv', { dir: srv.dropDir + '/nope' }), sftp: fast }),
    (e: unknown) => e instanceof UserError && /remote folder .*nope does not exist/.test(e.message),
  );
  const closedPort = srv.port === 1 ? 2 : 1;
  await assert.rejects(
    exportQuery(store, {
      sql: `SELECT 1 AS x`,
      format: 'csv',
      target: sftpTarget('x.csv', { port: closedPort }),
      sftp: { ...fast, attempts: 2 },
    }),
    (e: unknown) => e instanceof UserError && /unreachable after 2 attempt/.test(e.message),
  );
  await assert.rejects(
    exportQuery(store, {
      sql: `SELECT 1 AS x`,
      format: 'csv',
      target: sftpTarget('x.csv', { hostKey: 'SHA256:' + 'A'.repeat(43) }),
      sftp: fast,
    }),
    (e: unknown) => e instanceof UserError && /host key/.test(e.message),
  );
  await assert.rejects(
    exportQuery(store, {
      sql: `SELECT 1 AS x`,
      format: 'csv',
      target: sftpTarget('x.csv', { key: join(localDir, 'no-such-key') }),
      sftp: fast,
    }),
    (e: unknown) => e instanceof UserError && /cannot read SFTP key/.test(e.message),
  );
  assert.deepEqual(
    (await readdir(srv.dropDir)).filter((f) => f.startsWith('x.csv')),
    [],
  );
});
