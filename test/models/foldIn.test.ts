// Every registered model takes a purchase without refitting (real-time ingestion needs it whatever
// model `--model auto` picks): after foldInUsers with the longer log, the buyer's scores move, a
// customer new since the fit gets a list, and nothing throws or goes non-finite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interactionLogFromLines } from '../../src/models/interactionLogFromLines.ts';
import { foldInUsers } from '../../src/recs/recsEngine.ts';
import { factories } from './modelFactories.ts';
import { T0, DAY, tinyLines } from './tinyLog.ts';

for (const [name, make] of factories) {
  test(`${name}: folds a purchase in without refitting`, async () => {
    const lines = tinyLines();
    const asOf = T0 + 200 * DAY;
    const log = interactionLogFromLines(lines, asOf);
    const m = make();
    await m.fit(log);
    const u = 1,
      item = 7,
      newUser = lines.nUsers;
    const before = await m.scoreItems(Int32Array.of(u));
    // the longer log: two purchases of `item` by u "now", and a first purchase by a new customer
    const add = (a: Int32Array | Float64Array, ...v: number[]) => {
      const out = new (a.constructor as { new (n: number): typeof a })(a.length + v.length);
      out.set(a);
      out.set(v, a.length);
      return out;
    };
    const n = lines.ts.length;
    const longer = {
      nUsers: lines.nUsers + 1,
      nItems: lines.nItems,
      user: add(lines.user, u, u, newUser) as Int32Array,
      item: add(lines.item, item, item, 2) as Int32Array,
      order: add(lines.order, n, n + 1, n + 2) as Int32Array,
      quantity: add(lines.quantity, 1, 1, 1) as Float64Array,
      amount: add(lines.amount, 2, 2, 2) as Float64Array,
      ts: add(lines.ts, asOf + DAY, asOf + 2 * DAY, asOf + 2 * DAY) as Float64Array,
    };
    const full = { ...interactionLogFromLines(longer, Number.POSITIVE_INFINITY), asOf };
    foldInUsers(m, full, [u, newUser]);
    const after = await m.scoreItems(Int32Array.of(u, newUser));
    assert.ok(after.every(Number.isFinite), 'finite scores');
    // popularity-type models score every customer alike: only the seen items change for them
    if (!/popularity|trend/.test(name))
      assert.notDeepEqual([...after.subarray(0, lines.nItems)], [...before], `${name}: the buyer's scores did not move`);
    const fresh = await m.recommend(Int32Array.of(u, newUser), 3, { excludeSeen: true });
    assert.ok(!fresh.items.subarray(0, 3).includes(item), 'the folded-in item counts as bought');
    assert.ok(!fresh.items.subarray(3, 6).includes(2), "the new customer's purchase counts as bought");
    assert.ok(
      fresh.items.subarray(3, 6).some((i) => i >= 0),
      'the new customer gets a list',
    );
  });
}
