import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvDialectFromSample, encodingFromSample, fieldsFromLine } from '../../src/ingest/csvDialect.ts';

test('fieldsFromLine honours quotes and doubled quotes', () => {
  assert.deepEqual(fieldsFromLine('a,"b,c","say ""hi""",', ','), ['a', 'b,c', 'say "hi"', '']);
});

test('delimiter: consistent field counts win; header unless the first row looks like data', () => {
  const semi = csvDialectFromSample('id;price;ts\na;1,5;2011-01-01\nb;2,5;2011-01-02\n', {}, 'utf-8');
  assert.equal(semi.delimiter, ';');
  assert.equal(semi.header, true);
  assert.deepEqual(semi.columns, ['id', 'price', 'ts']);
  const tab = csvDialectFromSample('a\tb\n1\t2\n', {}, 'utf-8');
  assert.equal(tab.delimiter, '\t');
  const noHeader = csvDialectFromSample('p1,2.5\np2,3\n', {}, 'utf-8');
  assert.equal(noHeader.header, false);
  assert.deepEqual(noHeader.columns, ['column1', 'column2']);
  const dupes = csvDialectFromSample('Price,price,\n1,2,3\n', { header: true }, 'utf-8');
  assert.deepEqual(dupes.columns, ['Price', 'price_2', 'column3']);
});

test('encoding: UTF-8 unless a byte sequence is invalid; BOMs', () => {
  assert.equal(encodingFromSample(Buffer.from('café', 'utf8')), 'utf-8');
  assert.equal(encodingFromSample(Buffer.from('caf\xe9', 'latin1')), 'latin-1');
  assert.equal(encodingFromSample(Buffer.from([0xff, 0xfe, 0x61, 0x00])), 'utf-16');
  // A sample cut inside a multi-byte character is still UTF-8.
  assert.equal(encodingFromSample(Buffer.from('caf\u00e9', 'utf8').subarray(0, 4), true), 'utf-8');
});
