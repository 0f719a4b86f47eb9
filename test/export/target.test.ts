import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../src/domain/errors.ts';
import { targetFromString, targetLabel } from '../../src/export/target.ts';

test('local paths resolve against cwd', () => {
  const t = targetFromString('out/a.csv', { cwd: '/data' });
  assert.deepEqual(t, { kind: 'local', path: '/data/out/a.csv' });
  assert.equal(targetLabel(t), '/data/out/a.csv');
});

test('sftp URL with key auth; label has no secret', () => {
  const t = targetFromString('sftp://bob@files.example.com:2222/srv/drop/tor.csv', { sftpKey: '/keys/id', env: {} });
  assert.equal(t.kind, 'sftp');
  if (t.kind !== 'sftp') return;
  assert.equal(t.host, 'files.example.com');
  assert.equal(t.port, 2222);
  assert.equal(t.user, 'bob');
  assert.equal(t.path, '/srv/drop/tor.csv');
  assert.deepEqual(t.credentials(), { privateKeyPath: '/keys/id', passphrase: undefined });
  assert.equal(targetLabel(t), 'sftp://bob@files.example.com:2222/srv/drop/tor.csv');
  const home = targetFromString('sftp://bob@h/~/x.csv', { env: { NEXTBEST_SFTP_KEY: '/k' } });
  assert.equal(home.kind === 'sftp' && home.path, 'x.csv');
  assert.equal(home.kind === 'sftp' && home.port, 22);
  assert.equal(targetLabel(home), 'sftp://bob@h:22/~/x.csv');
});

test('password comes from the environment only and never shows up in labels or JSON', () => {
  const t = targetFromString('sftp://bob@h:22/a.csv', { env: { NEXTBEST_SFTP_PASSWORD: 's3cr3t!' } });
  assert.equal(t.kind === 'sftp' && t.credentials().password, 's3cr3t!');
  assert.ok(!JSON.stringify(t).includes('s3cr3t'));
  assert.ok(!targetLabel(t).includes('s3cr3t'));
  assert.throws(() => targetFromString('sftp://bob:pw@h/a.csv', { env: {} }), /do not put a password/);
});

test('bad targets are user errors', () => {
  const bad = ['', 'ftp://x/a.csv', 'sftp://h/a.csv', 'sftp://bob@h/dir/', 'sftp://bob@h/a.csv?x=1'];
  for (const spec of bad) {
    assert.throws(() => targetFromString(spec, { sftpKey: '/k', env: {} }), UserError, spec);
  }
  assert.throws(() => targetFromString('sftp://bob@h/a.csv', { env: {} }), /needs credentials/);
  assert.throws(() => targetFromString('sftp://bob@h/a.csv', { sftpKey: '/k', sftpHostKey: 'md5:xx', env: {} }), /SHA256/);
});
