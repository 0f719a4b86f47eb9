// Generates customers [from, to) of a world and appends their rows to one set of part
// files: customers, order_lines, events, and truth (JSON objects, comma-separated across parts).
// Customer i draws only from its own stream Rng.from(seed, STREAM_CUSTOMER, i), so the bytes do
// not depend on how customers are split into parts.
import { BatchWriter } from './batchWriter.ts';
import { AGE_BANDS, COUNTRIES, profileFromRng, type CustomerProfile } from './customerProfile.ts';
import { historyFromProfile, EVENT_TYPES, type HistorySink } from './historyFromProfile.ts';
import { ShopperMemory } from './itemChoice.ts';
import { Rng } from './prng.ts';
import { LIFECYCLES } from './worldConfig.ts';
import { dateOfDay, type World } from './worldFromOptions.ts';

export const STREAM_CUSTOMER = 3;
export const PART_TABLES = ['customers', 'order_lines', 'events', 'truth'] as const;
export type PartTable = (typeof PART_TABLES)[number];
export type LineCounts = Record<PartTable, number>;

const P2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** Customer id of dense index i: 'C' + zero-padded 1-based number (width fixed by the world size). */
export function customerIdOf(world: World, i: number): string {
  return 'C' + String(i + 1).padStart(Math.max(7, String(world.options.customers).length), '0');
}

export async function writeCustomerPart(
  world: World,
  from: number,
  to: number,
  paths: Record<PartTable, string>,
  onProgress?: (done: number) => void,
): Promise<LineCounts> {
  // Appends: the caller may have put a header in the first part's files.
  const out = Object.fromEntries(PART_TABLES.map((t) => [t, new BatchWriter(paths[t], true)])) as Record<PartTable, BatchWriter>;
  const counts: LineCounts = { customers: 0, order_lines: 0, events: 0, truth: 0 };
  const { dayStr, catalog } = world;
  const ts = (t: number) => {
    const d = Math.floor(t / 86400);
    let s = t - d * 86400;
    const h = Math.floor(s / 3600);
    s -= h * 3600;
    const m = Math.floor(s / 60);
    return `${dayStr[d]} ${P2[h]}:${P2[m]}:${P2[s - m * 60]}`;
  };
  const mem = new ShopperMemory();
  // Events of one customer are collected, then written in time order.
  const evT: number[] = [];
  const evType: number[] = [];
  const evProd: number[] = [];
  const order: number[] = [];
  let cid = '';
  let num = '';
  const sink: HistorySink = {
    line(kind, seq, prod, qty, price, t) {
      out.order_lines.write(`${kind === 0 ? 'O' : 'R'}${num}-${seq},${cid},${catalog.productIds[prod]},${qty},${price},${ts(t)}\n`);
      counts.order_lines++;
    },
    event(type, prod, t) {
      evT.push(t);
      evType.push(type);
      evProd.push(prod);
    },
  };
  for (let i = from; i < to; i++) {
    const rng = Rng.from(world.options.seed, STREAM_CUSTOMER, i);
    const p = profileFromRng(rng, catalog, world.cfg, world.days);
    cid = customerIdOf(world, i);
    num = cid.slice(1);
    out.customers.write(
      `${cid},${p.isMember},${dateOfDay(world, p.signupDay)},${COUNTRIES[p.country]},${AGE_BANDS[p.ageBand]},${LIFECYCLES[p.lifecycle]}\n`,
    );
    out.truth.write((i === 0 ? '' : ',\n') + JSON.stringify(truthOf(world, cid, p)));
    counts.customers++;
    counts.truth++;
    evT.length = evType.length = evProd.length = order.length = 0;
    historyFromProfile(world, p, rng, mem, sink);
    for (let k = 0; k < evT.length; k++) order.push(k);
    order.sort((a, b) => evT[a] - evT[b] || a - b);
    for (const k of order) {
      out.events.write(`${cid},${EVENT_TYPES[evType[k]]},${evProd[k] >= 0 ? catalog.productIds[evProd[k]] : ''},${ts(evT[k])}\n`);
    }
    counts.events += evT.length;
    if ((i - from) % 256 === 255 || i === to - 1) {
      for (const t of PART_TABLES) if (out[t].full) await out[t].flush();
      onProgress?.(i - from + 1);
    }
  }
  for (const t of PART_TABLES) await out[t].close();
  return counts;
}

/** The latent parameters of one customer, as written to truth.json. */
export function truthOf(world: World, customerId: string, p: CustomerProfile) {
  const { catalog, cfg } = world;
  const fav = Array.from(p.favCats, (c, i) => ({
    category: catalog.categories[c].name,
    weight: Math.round(p.favWeights[i] * (1 - cfg.backgroundShare) * 1e4) / 1e4,
    brand: catalog.brandNames[p.favBrands[i]],
  })).sort((a, b) => b.weight - a.weight);
  return {
    customer_id: customerId,
    lifecycle: LIFECYCLES[p.lifecycle],
    is_member: p.isMember,
    trips_per_month: Math.round(p.tripRate * 30.44 * 1e4) / 1e4,
    active_from: dateOfDay(world, p.activeFrom),
    active_to: p.activeTo < world.days ? dateOfDay(world, p.activeTo) : null,
    dormant_from: Number.isFinite(p.dormantFrom) ? dateOfDay(world, p.dormantFrom) : null,
    top_categories: fav,
    emerging_category: p.emergingCat >= 0 ? catalog.categories[p.emergingCat].name : null,
    emerging_from: p.emergingCat >= 0 ? dateOfDay(world, p.emergingDay) : null,
    cycle_factor: Math.round(p.cycleFactor * 1e4) / 1e4,
  };
}
