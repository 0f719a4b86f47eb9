// The purchase lines at some indices (ascending keeps them time-sorted): a backtest's history, or a sample.
import type { PurchaseLines } from './interactionLogFromLines.ts';

export function purchaseLinesAt(lines: PurchaseLines, keep: ArrayLike<number>): PurchaseLines {
  const pick = <A extends Int32Array | Float64Array>(a: A): A => {
    const out = new (a.constructor as { new (n: number): A })(keep.length);
    for (let j = 0; j < keep.length; j++) out[j] = a[keep[j]];
    return out;
  };
  return {
    nUsers: lines.nUsers,
    nItems: lines.nItems,
    user: pick(lines.user),
    item: pick(lines.item),
    order: pick(lines.order),
    quantity: pick(lines.quantity),
    amount: pick(lines.amount),
    ts: pick(lines.ts),
  };
}
