import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Blend } from '../../src/models/blend.ts';
import { ItemKnn } from '../../src/models/itemKnn.ts';
import { Popularity } from '../../src/models/popularity.ts';
import { Repurchase } from '../../src/models/repurchase.ts';
import { allUsers, tinyLog } from './tinyLog.ts';

const make = (cfg: ConstructorParameters<typeof Blend>[1]) =>
  new Blend([new Repurchase(), new ItemKnn({ k: 4 }), new Popularity()], {
    validationDays: 60,
    minUsersPerSegment: 2,
    normalise: 'rank',
    candidates: 5,
    ...cfg,
  });

test('blend: per-variant component lists force the other components to weight 0 in that variant only', async () => {
  const log = tinyLog();
  const b = make({ newItemsComponents: ['itemKnn', 'popularity'], allItemsComponents: ['repurchase'] });
  await b.fit(log);
  for (const w of b.weights!.new) assert.equal(w[0], 0, 'repurchase has no new-items weight');
  for (const w of b.weights!.all) {
    assert.equal(w[1], 0);
    assert.equal(w[2], 0);
    assert.ok(w[0] > 0, 'repurchase keeps its all-items weight');
  }
  // new-items lists rank only by the allowed components: same as a blend of those components alone with the same weights
  const users = allUsers(log);
  const only = new Blend([new Repurchase(), new ItemKnn({ k: 4 }), new Popularity()], {
    normalise: 'rank',
    candidates: 5,
    fixedWeights: [0, 1, 1],
  });
  await only.fit(log);
  only.weights = { all: b.weights!.all, new: b.weights!.new };
  assert.deepEqual(
    (await b.recommend(users, 3, { excludeSeen: true })).items,
    (await only.recommend(users, 3, { excludeSeen: true })).items,
  );
});

test('blend: an unknown component name is an error', async () => {
  await assert.rejects(make({ newItemsComponents: ['als'] }).fit(tinyLog()), /no component named 'als'/);
});
