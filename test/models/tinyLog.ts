// A tiny deterministic purchase log for model tests: users with repeat buying, a few co-bought
// item pairs and some one-off customers, spread over ~200 days.
import { interactionLogFromLines } from '../../src/models/interactionLogFromLines.ts';
import type { InteractionLog } from '../../src/models/recommender.ts';

export const DAY = 86_400_000;
export const T0 = Date.UTC(2020, 0, 1);

/** Lines sorted by time; `nUsers` × `nItems`, seeded LCG so every run is identical. */
export function tinyLines(nUsers = 12, nItems = 9, seed = 7) {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows: { u: number; i: number; t: number; o: number }[] = [];
  let order = 0;
  for (let u = 0; u < nUsers; u++) {
    const favourite = u % nItems,
      partner = (u * 3 + 1) % nItems;
    const visits = 1 + Math.floor(rnd() * 6);
    for (let v = 0; v < visits; v++) {
      const t = T0 + Math.floor(rnd() * 200) * DAY + u * 60_000;
      const o = order++;
      rows.push({ u, i: favourite, t, o });
      if (rnd() < 0.6) rows.push({ u, i: partner, t, o });
      if (rnd() < 0.3) rows.push({ u, i: Math.floor(rnd() * nItems), t, o });
    }
  }
  rows.sort((a, b) => a.t - b.t || a.o - b.o);
  return {
    nUsers,
    nItems,
    user: Int32Array.from(rows, (r) => r.u),
    item: Int32Array.from(rows, (r) => r.i),
    order: Int32Array.from(rows, (r) => r.o),
    quantity: Float64Array.from(rows, () => 1),
    amount: Float64Array.from(rows, () => 2),
    ts: Float64Array.from(rows, (r) => r.t),
  };
}

export function tinyLog(asOfDay = 200, nUsers = 12, nItems = 9): InteractionLog {
  return interactionLogFromLines(tinyLines(nUsers, nItems), T0 + asOfDay * DAY);
}

export const allUsers = (log: InteractionLog) => Int32Array.from({ length: log.nUsers }, (_, u) => u);
