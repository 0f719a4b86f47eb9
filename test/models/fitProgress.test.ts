// Progress during long fits: quiet at first, then each stage at once and a heartbeat while the fit waits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { fitProgress } from '../../src/models/fitProgress.ts';

test('a short fit says nothing; past the quiet period each stage is said with the elapsed time', () => {
  const lines: string[] = [];
  const quiet = fitProgress((l) => lines.push(l), 'ease');
  quiet.stage('inverting 3,000 × 3,000');
  quiet.done();
  assert.equal(lines.length, 0, 'within the first 2 s');
  const loud = fitProgress((l) => lines.push(l), 'ease', { quietMs: 0 });
  loud.stage('inverting 3,000 × 3,000');
  loud.done();
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^ease: inverting 3,000 × 3,000 \(\d+\.\d s\)$/);
});

test('while the fit waits (native or worker threads), a heartbeat repeats the current stage until done', async () => {
  const lines: string[] = [];
  const p = fitProgress((l) => lines.push(l), 'als', { quietMs: 0, everyMs: 20 });
  p.stage('sweep 3 of 15');
  await sleep(90);
  p.done();
  const n = lines.length;
  assert.ok(n >= 3, `${n} lines: ${lines.join(' | ')}`);
  assert.ok(lines.every((l) => l.startsWith('als: sweep 3 of 15')));
  await sleep(60);
  assert.equal(lines.length, n, 'no line after done()');
});

test('a long blocking step is announced even within the quiet period', () => {
  const lines: string[] = [];
  const p = fitProgress((l) => lines.push(l), 'ease');
  p.stage('Gram matrix of 3,000 items');
  p.stage('inverting 3,000 × 3,000', true);
  p.done();
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^ease: inverting 3,000 × 3,000/);
});

test('the first beat comes when the quiet period ends, later ones at the slower pace', async () => {
  const lines: string[] = [];
  const p = fitProgress((l) => lines.push(l), 'userKnn', { quietMs: 30, everyMs: 1000 });
  p.stage('neighbours of 958,472 customers');
  assert.equal(lines.length, 0, 'quiet at first');
  await sleep(80);
  p.done();
  assert.equal(lines.length, 1, lines.join(' | '));
  assert.match(lines[0], /^userKnn: neighbours of 958,472 customers \(0\.\d s\)$/);
});
