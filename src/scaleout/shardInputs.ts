// Cuts the coordinator's all-customer history into shard inputs: each shard gets only its customers'
// lines (and events / contacts), renumbered, in the original (ts-sorted) order. Pure.
import type { OfferExtras, OfferTouches } from '../snapshot/offerFeaturesStats.ts';
import type { ShardInput, ShardLines } from './shardTask.ts';

type AllLines = ShardLines & { nCustomers: number };

function pick<T extends Int32Array | Float64Array | Uint8Array>(a: T, keep: Int32Array): T {
  const out = new (a.constructor as new (n: number) => T)(keep.length);
  for (let j = 0; j < keep.length; j++) out[j] = a[keep[j]];
  return out;
}

/** Positions i with local[cust[i]] ≥ 0, and their customers renumbered. */
function kept(cust: Int32Array, local: Int32Array) {
  let n = 0;
  for (let i = 0; i < cust.length; i++) if (local[cust[i]] >= 0) n++;
  const keep = new Int32Array(n),
    renum = new Int32Array(n);
  for (let i = 0, j = 0; i < cust.length; i++) {
    const l = local[cust[i]];
    if (l >= 0) {
      keep[j] = i;
      renum[j++] = l;
    }
  }
  return { keep, renum };
}

function touchesOf(x: OfferTouches | undefined, local: Int32Array): OfferTouches | undefined {
  if (!x) return undefined;
  const { keep, renum } = kept(x.cust, local);
  return { cust: renum, offer: pick(x.offer, keep), ts: pick(x.ts, keep) };
}

export function shardInput(shard: number, customers: Int32Array, all: AllLines, extras: OfferExtras): ShardInput {
  const local = new Int32Array(all.nCustomers).fill(-1);
  customers.forEach((c, r) => {
    local[c] = r;
  });
  const { keep, renum } = kept(all.lineCust, local);
  const lines: ShardLines = {
    lineCust: renum,
    lineOffer: pick(all.lineOffer, keep),
    lineAmount: pick(all.lineAmount, keep),
    lineTs: pick(all.lineTs, keep),
    ...(all.lineAncestor ? { lineAncestor: pick(all.lineAncestor, keep) } : {}),
  };
  const out: OfferExtras = {};
  if (extras.events) {
    const { keep: k, renum: r } = kept(extras.events.cust, local);
    const e = extras.events;
    out.events = { cust: r, offer: pick(e.offer, k), ts: pick(e.ts, k), type: pick(e.type, k) };
  }
  if (extras.contacts) out.contacts = touchesOf(extras.contacts, local);
  if (extras.responses) out.responses = touchesOf(extras.responses, local);
  return { shard, customers, lines, extras: out };
}
