// The shipped blend's state through the model state file: same recommendations after save → file → load,
// shared arrays written once, and components left out of the blend saved as nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Blend } from '../../src/models/blend.ts';
import { defaultBlend } from '../../src/models/defaultBlend.ts';
import { interactionLogFromLines } from '../../src/models/interactionLogFromLines.ts';
import { Popularity } from '../../src/models/popularity.ts';
import type { Recommender } from '../../src/models/recommender.ts';
import { Repurchase } from '../../src/models/repurchase.ts';
import { readModelState, writeModelState } from '../../src/recs/modelStateFile.ts';
import { linesOf, mixedRows, repeatersLog } from '../models/blendLogs.ts';
import { allUsers, DAY, T0 } from '../models/tinyLog.ts';

/** Bytes of every typed array in a state, counting each occurrence. */
function arrayBytes(v: unknown): number {
  if (ArrayBuffer.isView(v)) return v.byteLength;
  if (v && typeof v === 'object') return Object.values(v).reduce((a: number, x) => a + arrayBytes(x), 0);
  return 0;
}

async function roundTrip(m: Recommender, fresh: Recommender, users: Int32Array): Promise<{ bytes: number; arrays: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'nb-blend-'));
  try {
    const path = join(dir, 'blend.nbms'),
      state = m.save();
    writeModelState(path, { model: state });
    fresh.load(readModelState<{ model: Record<string, unknown> }>(path).model);
    assert.deepEqual(await fresh.scoreItems(users), await m.scoreItems(users));
    for (const excludeSeen of [false, true]) {
      const a = await m.recommend(users, 5, { excludeSeen }),
        b = await fresh.recommend(users, 5, { excludeSeen });
      assert.deepEqual(b.items, a.items);
      assert.deepEqual(b.scores, a.scores);
    }
    assert.equal(fresh.explain(3, 1), m.explain(3, 1));
    return { bytes: statSync(path).size, arrays: arrayBytes(state) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('default blend: save → state file → load gives the same scores and lists; shared arrays are written once', async () => {
  const log = interactionLogFromLines(linesOf(mixedRows(), 240, 40), T0 + 300 * DAY);
  const b = defaultBlend({ minUsersPerSegment: 20, horizonDays: 60 });
  await b.fit(log);
  const { bytes, arrays } = await roundTrip(b, defaultBlend({ minUsersPerSegment: 20, horizonDays: 60 }), allUsers(log));
  // every component keeps the same purchase rows (seen items): the file holds them once
  assert.ok(bytes < arrays, `${bytes} bytes in the file, ${arrays} in the state's arrays`);
});

test('blend used as one component alone: the other components are neither refitted nor saved, and load back', async () => {
  const log = repeatersLog();
  const make = () =>
    new Blend([new Repurchase(), new Popularity()], {
      validationDays: 60,
      minUsersPerSegment: 5,
      minValidationUsers: 10,
      normalise: 'rank',
      candidates: 10,
      newItemsComponents: ['repurchase'],
    });
  const b = make();
  await b.fit(log);
  assert.equal(b.choice.all, 'repurchase');
  const saved = b.save().components as { name: string; state: unknown }[];
  assert.equal(saved[1].state, null, 'popularity has no weight: no state');
  await roundTrip(b, make(), allUsers(log));
});
