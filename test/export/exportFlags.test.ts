import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../src/domain/errors.ts';
import { exportSettingsFromFlags, formatFromFlags } from '../../src/export/exportFlags.ts';

test('format comes from --format or the extension', () => {
  assert.equal(formatFromFlags(undefined, 'a.parquet'), 'parquet');
  assert.equal(formatFromFlags(undefined, 'sftp://u@h/x.PQ'), 'parquet');
  assert.equal(formatFromFlags(undefined, 'a.txt'), 'csv');
  assert.equal(formatFromFlags('parquet', 'a.csv'), 'parquet');
  assert.throws(() => formatFromFlags('xlsx', 'a.csv'), UserError);
});

test('export flags become settings; bad values are user errors', () => {
  const s = exportSettingsFromFlags({ out: 'sftp://u@h:2200/d/t.csv', layout: 'wide', 'sftp-key': '/k', 'sftp-attempts': '5' }, {}, '/w');
  assert.equal(s.target.kind, 'sftp');
  assert.equal(s.format, 'csv');
  assert.equal(s.layout, 'wide');
  assert.equal(s.sftp.attempts, 5);
  const l = exportSettingsFromFlags({ out: 'o.parquet', reason: true }, {}, '/w');
  assert.deepEqual(
    { ...l, target: l.target },
    { target: { kind: 'local', path: '/w/o.parquet' }, format: 'parquet', layout: 'long', withReason: true, sftp: {} },
    'no --sftp-attempts: no override of the upload defaults',
  );
  assert.throws(() => exportSettingsFromFlags({}, {}), /--out is required/);
  assert.throws(() => exportSettingsFromFlags({ out: 'a.csv', layout: 'tall' }, {}), /--layout/);
  assert.throws(() => exportSettingsFromFlags({ out: 'a.csv', 'sftp-attempts': '0' }, {}), /--sftp-attempts/);
});
