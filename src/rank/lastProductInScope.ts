// For each assignment, the customer's most recent product bought in the assigned offer's scope
// (the {{product}} of personalised copy). Pure.
//   lines: history lines with their product (OfferLines + lineProd), audience: rows → customer,
//   offers: rows × K assigned offer indices (−1 empty). Returns rows × K product indices (−1 none).
import type { OfferLines } from './offerLines.ts';

export function lastProductInScope(
  lines: OfferLines & { lineProd: Int32Array },
  audience: Int32Array,
  offers: Int32Array,
  K: number,
): Int32Array {
  const m = lines.nOffers,
    rowOf = new Int32Array(lines.nCustomers).fill(-1);
  audience.forEach((c, r) => {
    rowOf[c] = r;
  });
  // per (row, offer) cell: latest line's time and product; only cells that hold an assignment are tracked
  const slot = new Map<number, number>();
  for (let r = 0; r < audience.length; r++)
    for (let p = 0; p < K; p++) {
      const o = offers[r * K + p];
      if (o >= 0) slot.set(r * m + o, slot.size);
    }
  const ts = new Float64Array(slot.size).fill(-Infinity),
    prod = new Int32Array(slot.size).fill(-1);
  for (let i = 0; i < lines.lineCust.length; i++) {
    const r = rowOf[lines.lineCust[i]],
      o = lines.lineOffer[i];
    if (r < 0 || o < 0 || lines.lineTs[i] >= lines.asOf) continue;
    const s = slot.get(r * m + o);
    if (s !== undefined && lines.lineTs[i] >= ts[s]) {
      ts[s] = lines.lineTs[i];
      prod[s] = lines.lineProd[i];
    }
  }
  return Int32Array.from(offers, (o, j) => (o < 0 ? -1 : prod[slot.get(Math.floor(j / K) * m + o)!]));
}
