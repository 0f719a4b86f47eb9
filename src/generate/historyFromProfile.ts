// One customer's purchases and engagement events over the window. Trips arrive as a
// non-homogeneous Poisson process (thinning: candidates at rate λmax, kept with prob λ(d)/λmax,
// λ(d) = tripRate · activity(d) · monthFactor(month(d))); consumables of favourite categories come
// due again every cycleDays · cycleFactor · LogNormal(0, σ) days and join a nearby trip or become
// their own order. Views / cart adds precede purchases, browsing precedes picking up a new category,
// email clicks lead to trips. Output goes to a sink; times are whole seconds since the window start.
import { activityOn, maxActivity, type CustomerProfile } from './customerProfile.ts';
import { categoryForItem, offerSlot, productInCategory, type ShopperMemory } from './itemChoice.ts';
import { offerCovers, unitPriceUnderOffer } from './offerPlanFromCatalog.ts';
import { cumulativeFromWeights, type Rng } from './prng.ts';
import type { World } from './worldFromOptions.ts';

export const EVENT_TYPES = ['view', 'cart_add', 'cart_abandon', 'email_open', 'click'] as const;
const VIEW = 0,
  CART_ADD = 1,
  CART_ABANDON = 2,
  EMAIL_OPEN = 3,
  CLICK = 4;
/** Shopping-hour weights, 00h..23h (lunch and evening peaks). */
const HOUR_W = [0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 1, 1.4, 1.8, 2, 2.3, 2.2, 1.9, 1.8, 1.8, 2, 2.3, 2.6, 2.7, 2.2, 1.3, 0.6];
const HOUR_CUM = cumulativeFromWeights(HOUR_W);

export interface HistorySink {
  /** kind 0 = purchase, 1 = return (negative quantity); order = 1-based sequence per customer and kind. */
  line(kind: number, order: number, product: number, quantity: number, unitPrice: number, t: number): void;
  /** type indexes EVENT_TYPES; product -1 = none. */
  event(type: number, product: number, t: number): void;
}

export function historyFromProfile(world: World, p: CustomerProfile, rng: Rng, mem: ShopperMemory, sink: HistorySink): void {
  const { cfg, catalog, plan, dayMonth } = world;
  const lo = Math.max(0, p.signupDay) * 86400;
  const hi = world.days * 86400;
  const emit = (type: number, product: number, t: number) => {
    if (t >= lo && t < hi) sink.event(type, product, Math.floor(t));
  };
  const secondOfDay = () => rng.pickCumulative(HOUR_CUM) * 3600 + rng.int(3600);
  mem.reset();

  // Email campaigns every cfg.emailEveryDays; opens and clicks only while active.
  const trips: number[] = [];
  if (p.subscribed) {
    for (let d = 1; d < world.days; d += cfg.emailEveryDays) {
      const act = activityOn(p, cfg, d, dayMonth[d]);
      if (act === 0 || !rng.chance(p.openRate * Math.min(1, act))) continue;
      const t = d * 86400 + 8 * 3600 + rng.int(14 * 3600);
      emit(EMAIL_OPEN, -1, t);
      if (!rng.chance(cfg.clickGivenOpen)) continue;
      emit(CLICK, productInCategory(world, p, mem, rng, categoryForItem(world, p, mem, rng, d), d), t + rng.int(600));
      if (rng.chance(cfg.tripAfterClick)) trips.push(Math.min(p.activeTo - 1e-6, t / 86400 + rng.uniform(0, 2)));
    }
  }
  // Trips by thinning.
  const lambdaMax = p.tripRate * maxActivity(p, cfg) * Math.max(...cfg.monthFactor);
  for (let T = p.activeFrom; ;) {
    T += rng.exponential(lambdaMax);
    if (T >= p.activeTo) break;
    const d = Math.floor(T);
    const rate = p.tripRate * activityOn(p, cfg, d, dayMonth[d]) * cfg.monthFactor[dayMonth[d]];
    if (rng.next() * lambdaMax < rate) trips.push(T);
  }
  trips.sort((a, b) => a - b);

  const nFav = p.favCats.length;
  const due = new Float64Array(nFav).fill(Infinity);
  const cycleOf = (i: number) => Math.max(7, catalog.categories[p.favCats[i]].cycleDays * p.cycleFactor * rng.logNormal(1, cfg.cycleSigma));
  const basketMean = cfg.basketMean * (p.isMember ? cfg.memberBasketFactor : 1);
  const bProd: number[] = [];
  const bQty: number[] = [];
  const bCat: number[] = [];
  let orderSeq = 0;
  let returnSeq = 0;

  const addItem = (c: number, day: number) => {
    const prod = productInCategory(world, p, mem, rng, c, day);
    const j = bProd.indexOf(prod);
    const spec = catalog.categories[c];
    const qty = spec.cycleDays > 0 || catalog.price[prod] < 5 ? 1 + rng.poisson(0.6) : rng.chance(0.9) ? 1 : 2;
    if (j >= 0) bQty[j] += qty;
    else {
      bProd.push(prod);
      bQty.push(qty);
      bCat.push(c);
    }
  };
  // Places one order on day `tDay` with nItems taste-driven items plus the due favourites `dueIdx`.
  const placeOrder = (tDay: number, nItems: number, dueIdx: number[]) => {
    const day = Math.floor(tDay);
    const t = day * 86400 + secondOfDay();
    bProd.length = bQty.length = bCat.length = 0;
    for (const i of dueIdx) addItem(p.favCats[i], day);
    for (let k = 0; k < nItems; k++) addItem(categoryForItem(world, p, mem, rng, day), day);
    orderSeq++;
    for (let j = 0; j < bProd.length; j++) {
      const prod = bProd[j];
      const c = bCat[j];
      const o = plan.activeOffer[offerSlot(world, p, day, c)];
      const price =
        o >= 0 && offerCovers(plan.offers[o], catalog, prod)
          ? unitPriceUnderOffer(plan.offers[o], catalog.price[prod])
          : catalog.price[prod];
      if (rng.chance(cfg.viewBeforeBuy)) emit(VIEW, prod, t - rng.uniform(600, 3 * 86400));
      if (rng.chance(cfg.cartBeforeBuy)) emit(CART_ADD, prod, t - rng.uniform(60, 7200));
      sink.line(0, orderSeq, prod, bQty[j], price, t);
      mem.add(c, prod);
      const fi = p.favCats.indexOf(c);
      if (fi >= 0 && catalog.categories[c].cycleDays > 0) due[fi] = tDay + cycleOf(fi);
      if (rng.chance(cfg.returnRate)) {
        const tr = t + Math.floor(rng.uniform(2, 30) * 86400);
        if (tr < hi) sink.line(1, ++returnSeq, prod, -bQty[j], price, tr);
      }
    }
  };
  const takeDue = (limit: number) => {
    const out: number[] = [];
    for (let i = 0; i < nFav; i++)
      if (due[i] <= limit) {
        out.push(i);
        due[i] = Infinity;
      }
    return out;
  };
  // Standalone replenishment orders for everything due before `limit`, oldest first.
  const flushDue = (limit: number) => {
    for (;;) {
      let i = -1;
      for (let k = 0; k < nFav; k++) if (due[k] < limit && (i < 0 || due[k] < due[i])) i = k;
      if (i < 0 || due[i] >= p.activeTo) return;
      const dd = due[i];
      const day = Math.floor(dd);
      if (rng.next() < cfg.standaloneReplenish * Math.min(1, activityOn(p, cfg, day, dayMonth[day])))
        placeOrder(dd, rng.poisson(0.5), takeDue(dd + cfg.replenishWindowDays));
      else due[i] = dd + cycleOf(i);
    }
  };
  for (const T of trips) {
    flushDue(T - cfg.replenishWindowDays);
    placeOrder(T, 1 + rng.poisson(basketMean - 1), takeDue(T + cfg.replenishWindowDays));
  }
  flushDue(p.activeTo);

  // Browsing without buying: sessions of 1–3 views in a taste category, some ending in an abandoned cart.
  const browse = (day: number, c: number) => {
    const t = day * 86400 + secondOfDay();
    let prod = -1;
    for (let v = 0, n = 1 + rng.poisson(0.7); v < n; v++) emit(VIEW, (prod = productInCategory(world, p, mem, rng, c, day)), t + v * 90);
    if (rng.chance(cfg.abandonShare)) {
      emit(CART_ADD, prod, t + 300);
      emit(CART_ABANDON, prod, t + 300 + rng.uniform(1800, 7200));
    }
  };
  for (let s = 0, n = rng.poisson(cfg.browsePerTrip * trips.length); s < n; s++) {
    const day = Math.floor(rng.uniform(p.activeFrom, p.activeTo));
    browse(day, categoryForItem(world, p, mem, rng, day));
  }
  // Interest in the emerging category shows up as views in the weeks before its first purchases.
  if (p.emergingCat >= 0) {
    for (let s = 0, n = 2 + rng.poisson(2); s < n; s++) {
      const day = Math.floor(rng.uniform(p.emergingDay - cfg.emergingLeadDays, p.emergingDay + 3));
      if (day >= 0 && day < world.days) browse(day, p.emergingCat);
    }
  }
}
