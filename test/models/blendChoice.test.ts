// The blend never loses to its parts on its own validation data, and learns (or falls back) on logs
// without usable timestamps or with a short history instead of throwing (issue 9 §2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Blend } from '../../src/models/blend.ts';
import { defaultBlend } from '../../src/models/defaultBlend.ts';
import { interactionLogFromLines } from '../../src/models/interactionLogFromLines.ts';
import { Popularity } from '../../src/models/popularity.ts';
import type { InteractionLog } from '../../src/models/recommender.ts';
import { Repurchase } from '../../src/models/repurchase.ts';
import { linesOf, mixedRows, repeatersLog, twoKindsLog } from './blendLogs.ts';
import { allUsers, DAY, T0 } from './tinyLog.ts';

const finite = (a: Float32Array) => a.every((v) => Number.isFinite(v));

test('blend: a component that is at least as good alone is used alone, for that variant', async () => {
  const log = repeatersLog(),
    users = allUsers(log);
  const b = new Blend([new Repurchase(), new Popularity()], {
    validationDays: 60,
    minUsersPerSegment: 5,
    minValidationUsers: 10,
    normalise: 'rank',
    candidates: 10,
  });
  await b.fit(log);
  assert.equal(b.validation.how, 'time');
  const v = b.validation.all!;
  assert.equal(b.choice.all, 'repurchase', `validation: ${JSON.stringify(v)}`);
  assert.ok(v.componentNdcg[0]! >= v.blendNdcg && v.componentNdcg[0]! > v.componentNdcg[1]!);
  for (const w of b.weights!.all) assert.deepEqual(w, [1, 0]);
  // all-items lists are repurchase's own lists
  const alone = new Repurchase();
  await alone.fit(log);
  assert.deepEqual((await b.recommend(users, 5)).items, (await alone.recommend(users, 5)).items);
  assert.deepEqual(await b.scoreItems(users), await alone.scoreItems(users));
  assert.match(b.explain(0, 1), /repurchase alone/);
  // nobody buys anything new: the new-items weights have nothing to learn from and stay equal
  assert.equal(b.validation.new!.learned, false);
  assert.equal(b.choice.new, 'blend');
});

test('blend: the learned blend is kept when it beats every component on held-out validation users', async () => {
  const cfg = { validationDays: 60, minUsersPerSegment: 20, normalise: 'rank', candidates: 10 } as const;
  const b = new Blend([new Repurchase(), new Popularity()], cfg);
  await b.fit(twoKindsLog());
  const v = b.validation.all!;
  assert.equal(b.choice.all, 'blend', JSON.stringify(v));
  assert.ok(v.blendNdcg > Math.max(v.componentNdcg[0]!, v.componentNdcg[1]!));
  // the customer types weigh the components differently: one-order customers lean on popularity
  const [one, , many] = b.weights!.all;
  assert.ok(one[1] / Math.max(one[0], 1e-9) > many[1] / Math.max(many[0], 1e-9), JSON.stringify(b.weights!.all));
});

test('blend: fits without timestamps (all lines at one instant, or unknown times) through a per-customer holdout', async () => {
  const rows = mixedRows().map((r) => ({ ...r, t: 0 }));
  const log = interactionLogFromLines(linesOf(rows, 240, 40), DAY);
  const b = defaultBlend({ minUsersPerSegment: 20 });
  const said: string[] = [];
  await b.fit(log, (s) => said.push(s));
  assert.equal(b.validation.how, 'holdout');
  assert.ok(
    said.some((s) => /holdout/.test(s)),
    said.join('\n'),
  );
  const users = allUsers(log);
  assert.ok(finite(await b.scoreItems(users)));
  const top = await b.recommend(users, 5, { excludeSeen: true });
  assert.ok(top.items.some((i) => i >= 0));

  // the same log with unknown times (NaN) in its lines
  const unknown: InteractionLog = { ...log, lineTs: new Float64Array(log.lineTs.length).fill(NaN) };
  const c = new Blend([new Repurchase(), new Popularity()], { minUsersPerSegment: 20, normalise: 'rank' });
  await c.fit(unknown);
  assert.equal(c.validation.how, 'holdout');
  assert.ok((await c.recommend(users, 5)).items.some((i) => i >= 0));
});

test("blend: a history shorter than the validation window holds out each customer's last purchase occasion", async () => {
  const rows = mixedRows(240, 40, 20);
  const log = interactionLogFromLines(linesOf(rows, 240, 40), T0 + 20 * DAY);
  const b = new Blend([new Repurchase(), new Popularity()], { validationDays: 91, minUsersPerSegment: 20 });
  await b.fit(log);
  assert.equal(b.validation.how, 'holdout');
  assert.ok(b.validation.all!.users >= 20);
});

test('blend: too few customers to validate on gives equal weights, not an error', async () => {
  const rows = mixedRows(6, 10, 300);
  const log = interactionLogFromLines(linesOf(rows, 6, 10), T0 + 300 * DAY);
  const b = new Blend([new Repurchase(), new Popularity()], { allItemsComponents: ['repurchase'] });
  await b.fit(log);
  assert.equal(b.validation.how, 'none');
  assert.deepEqual(b.weights!.all[0], [1, 0]);
  assert.deepEqual(b.weights!.new[0], [1, 1]);
  assert.ok(finite(await b.scoreItems(allUsers(log))));
});
