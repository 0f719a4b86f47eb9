// The TOR form's control group draft: what a new and an edited TOR send as `control`, and that an
// edit says `null` only when the group is switched off (the PATCH keeps what it is not told about).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TorControl } from '../../web/src/api/types.ts';
import { controlBody, controlChange, controlDraftFrom } from '../../web/src/components/torControlDraft.ts';

const stored: TorControl = { pct: 20, seed: '7', stratify: 'segment', experiment: null };

test('a new TOR starts switched off and sends nothing until switched on', () => {
  const d = controlDraftFrom(undefined);
  assert.equal(d.on, false);
  assert.equal(controlBody(d), null);
  assert.deepEqual(controlBody({ ...d, on: true, pct: 15, seed: ' ', experiment: '  ' }), {
    pct: 15,
    seed: '1',
    stratify: 'none',
    experiment: null,
  });
});

test('an edited TOR pre-fills, sends nothing unchanged, the new values when changed, null when switched off', () => {
  const d = controlDraftFrom(stored);
  assert.deepEqual(d, { on: true, pct: 20, seed: '7', stratify: 'segment', experiment: '' });
  assert.equal(controlChange(stored, d), undefined);
  assert.deepEqual(controlChange(stored, { ...d, pct: 25 }), { ...stored, pct: 25 });
  assert.deepEqual(controlChange(stored, { ...d, experiment: 'spring' }), { ...stored, experiment: 'spring' });
  assert.equal(controlChange(stored, { ...d, on: false }), null);
  assert.equal(controlChange(null, controlDraftFrom(null)), undefined, 'off and still off: nothing to say');
  assert.deepEqual(controlChange(undefined, { ...controlDraftFrom(null), on: true }), {
    pct: 10,
    seed: '1',
    stratify: 'none',
    experiment: null,
  });
});
