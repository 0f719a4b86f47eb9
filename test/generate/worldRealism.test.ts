// Statistical properties of a small generated world, checked on the pure simulation (no files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileFromRng, type CustomerProfile } from '../../src/generate/customerProfile.ts';
import { historyFromProfile } from '../../src/generate/historyFromProfile.ts';
import { ShopperMemory } from '../../src/generate/itemChoice.ts';
import { Rng } from '../../src/generate/prng.ts';
import { STREAM_CUSTOMER } from '../../src/generate/writeCustomerPart.ts';
import { worldFromOptions } from '../../src/generate/worldFromOptions.ts';

const world = worldFromOptions({ customers: 3000, products: 3000, months: 24, seed: 3, start: '2023-01-01' });
const { catalog } = world;
const K = catalog.categories.length;
const catIndex = (name: string) => catalog.categories.findIndex((c) => c.name === name);

interface Line {
  prod: number;
  t: number;
  order: number;
}
interface Ev {
  type: number;
  prod: number;
  t: number;
}
const customers: { p: CustomerProfile; lines: Line[]; events: Ev[] }[] = [];
const mem = new ShopperMemory();
for (let i = 0; i < 3000; i++) {
  const rng = Rng.from(world.options.seed, STREAM_CUSTOMER, i);
  const p = profileFromRng(rng, catalog, world.cfg, world.days);
  const lines: Line[] = [];
  const events: Ev[] = [];
  historyFromProfile(world, p, rng, mem, {
    line: (kind, order, prod, _q, _u, t) => {
      if (kind === 0) lines.push({ prod, t, order });
    },
    event: (type, prod, t) => {
      events.push({ type, prod, t });
    },
  });
  customers.push({ p, lines, events });
}

test('consumables are rebought on their cycle; durables rarely', () => {
  // Share of purchase lines that rebuy a product the customer bought before.
  const repeats = { consumable: [0, 0], durable: [0, 0] };
  const coffeeGaps: number[] = [];
  const coffee = catIndex('coffee');
  for (const { lines } of customers) {
    const last = new Map<number, number>();
    for (const l of lines) {
      const c = catalog.productCategory[l.prod];
      const kind = catalog.categories[c].cycleDays > 0 ? 'consumable' : 'durable';
      const prev = last.get(l.prod);
      repeats[kind][0]++;
      if (prev !== undefined) {
        repeats[kind][1]++;
        if (c === coffee) coffeeGaps.push((l.t - prev) / 86400);
      }
      last.set(l.prod, l.t);
    }
  }
  const cons = repeats.consumable[1] / repeats.consumable[0];
  const dur = repeats.durable[1] / repeats.durable[0];
  assert.ok(cons > 0.6, `consumable repeat share ${cons}`);
  assert.ok(cons > 1.8 * dur, `consumable ${cons} vs durable ${dur}`);
  coffeeGaps.sort((a, b) => a - b);
  const median = coffeeGaps[coffeeGaps.length >> 1];
  assert.ok(median > 10 && median < 45, `median coffee repurchase gap ${median} days (cycle 21)`);
});

test('seasonal categories sell most in their peak month', () => {
  const byMonth = (name: string) => {
    const c = catIndex(name);
    const m = new Array(12).fill(0);
    for (const { lines } of customers)
      for (const l of lines) if (catalog.productCategory[l.prod] === c) m[world.dayMonth[Math.floor(l.t / 86400)]]++;
    return m;
  };
  const xmas = byMonth('christmas-decor');
  const offSeason = xmas.slice(1, 9).reduce((a, b) => a + b, 0) / 8;
  assert.ok(xmas[11] > 4 * offSeason, `christmas-decor Dec ${xmas[11]} vs Feb–Sep mean ${offSeason}`);
  const bbq = byMonth('bbq');
  assert.equal(bbq.indexOf(Math.max(...bbq)), 6, `bbq peaks in July: ${bbq}`);
});

test('members buy more than non-members; churned customers stop; dormant ones slow down', () => {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const member = customers.filter((c) => c.p.isMember && c.p.lifecycle === 1).map((c) => c.lines.length);
  const non = customers.filter((c) => !c.p.isMember && c.p.lifecycle === 1).map((c) => c.lines.length);
  assert.ok(mean(member) > 1.4 * mean(non), `members ${mean(member)} vs non-members ${mean(non)}`);
  for (const { p, lines } of customers) {
    for (const l of lines) assert.ok(l.t < p.activeTo * 86400 && l.t >= p.activeFrom * 86400);
  }
  let before = 0,
    after = 0,
    daysBefore = 0,
    daysAfter = 0;
  for (const { p, lines } of customers.filter((c) => c.p.lifecycle === 3)) {
    daysBefore += p.dormantFrom - p.activeFrom;
    daysAfter += world.days - p.dormantFrom;
    for (const l of lines) l.t < p.dormantFrom * 86400 ? before++ : after++;
  }
  assert.ok(after / daysAfter < 0.3 * (before / daysBefore), 'dormant customers buy much less per day');
});

test("the truth's top category is usually the customer's most bought one", () => {
  let agree = 0,
    n = 0;
  for (const { p, lines } of customers) {
    if (lines.length < 20) continue;
    const counts = new Array(K).fill(0);
    for (const l of lines) counts[catalog.productCategory[l.prod]]++;
    const top = p.favCats[p.favWeights.indexOf(Math.max(...p.favWeights))];
    n++;
    if (counts.indexOf(Math.max(...counts)) === top) agree++;
  }
  assert.ok(n > 300 && agree / n > 0.5, `agreement ${agree}/${n}`);
});

test('views of a newly adopted category precede its first purchase', () => {
  let adopted = 0,
    viewedFirst = 0;
  for (const { p, lines, events } of customers) {
    if (p.emergingCat < 0 || p.favCats.includes(p.emergingCat)) continue;
    const first = lines.filter((l) => catalog.productCategory[l.prod] === p.emergingCat && l.t >= p.emergingDay * 86400).map((l) => l.t)[0];
    if (first === undefined) continue;
    adopted++;
    if (
      events.some(
        (e) => e.type === 0 && e.prod >= 0 && catalog.productCategory[e.prod] === p.emergingCat && e.t < first && e.t > first - 40 * 86400,
      )
    )
      viewedFirst++;
  }
  assert.ok(adopted > 100 && viewedFirst / adopted > 0.6, `viewed before first purchase: ${viewedFirst}/${adopted}`);
});
