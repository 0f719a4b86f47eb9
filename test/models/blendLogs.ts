// Purchase logs for the blend tests: worlds where one component is clearly best, where only a blend of
// them is, and a mixed one whose times can be removed or shortened.
import { interactionLogFromLines, type PurchaseLines } from '../../src/models/interactionLogFromLines.ts';
import type { InteractionLog } from '../../src/models/recommender.ts';
import { DAY, T0 } from './tinyLog.ts';

export type Line = { u: number; i: number; t: number };

export function linesOf(rows: Line[], nUsers: number, nItems: number): PurchaseLines {
  rows.sort((a, b) => a.t - b.t || a.u - b.u || a.i - b.i);
  const order = new Map<string, number>();
  return {
    nUsers,
    nItems,
    user: Int32Array.from(rows, (r) => r.u),
    item: Int32Array.from(rows, (r) => r.i),
    order: Int32Array.from(rows, (r) => {
      const k = `${r.u}:${r.t}`;
      if (!order.has(k)) order.set(k, order.size);
      return order.get(k)!;
    }),
    quantity: Float64Array.from(rows, () => 1),
    amount: Float64Array.from(rows, () => 1),
    ts: Float64Array.from(rows, (r) => r.t),
  };
}

/** Every customer rebuys their own three products every two weeks for 280 days: repurchase is perfect. */
export function repeatersLog(): InteractionLog {
  const rows: Line[] = [];
  for (let u = 0; u < 60; u++) {
    for (let d = u % 14; d < 280; d += 14) for (let t = 0; t < 3; t++) rows.push({ u, i: (3 * u + t) % 40, t: T0 + d * DAY });
  }
  return interactionLogFromLines(linesOf(rows, 60, 40), T0 + 280 * DAY);
}

/** A mixed world of ~240 customers × 40 products over 300 days, timestamps spread (seeded). */
export function mixedRows(nUsers = 240, nItems = 40, days = 300, seed = 5): Line[] {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows: Line[] = [];
  for (let u = 0; u < nUsers; u++) {
    const fav = u % nItems,
      visits = 2 + Math.floor(rnd() * 8);
    for (let v = 0; v < visits; v++) {
      const t = T0 + Math.floor(rnd() * days) * DAY;
      rows.push({ u, i: fav, t });
      rows.push({ u, i: Math.floor(rnd() * rnd() * nItems), t }); // skewed: low indices are popular
      if (rnd() < 0.5) rows.push({ u, i: (fav + 1 + Math.floor(rnd() * 3)) % nItems, t });
    }
  }
  return rows;
}

/**
 * Two kinds of customers: 80 who rebuy their own products every two weeks (5+ orders: repurchase is right)
 * and 120 with one order of niche products who next buy the best sellers (popularity is right); 100 more
 * make the best sellers. Each component alone serves one kind; weights per customer type serve both.
 */
export function twoKindsLog(): InteractionLog {
  // best sellers are the highest item indices, so ranking by index (ties) finds none of them
  const rows: Line[] = [],
    hit = (x: number) => 35 + (x % 5);
  for (let u = 0; u < 80; u++) {
    for (let d = u % 14; d < 300; d += 14) for (let t = 0; t < 3; t++) rows.push({ u, i: 20 + ((3 * u + t) % 15), t: T0 + d * DAY });
  }
  for (let u = 80; u < 200; u++) {
    rows.push({ u, i: u % 20, t: T0 + (u % 200) * DAY }, { u, i: (u * 7) % 20, t: T0 + (u % 200) * DAY });
    rows.push({ u, i: hit(u), t: T0 + (245 + (u % 50)) * DAY }, { u, i: hit(u + 2), t: T0 + (245 + (u % 50)) * DAY });
  }
  for (let u = 200; u < 300; u++) for (let t = 0; t < 3; t++) rows.push({ u, i: hit(u + t), t: T0 + (u % 230) * DAY });
  return interactionLogFromLines(linesOf(rows, 300, 40), T0 + 300 * DAY);
}
