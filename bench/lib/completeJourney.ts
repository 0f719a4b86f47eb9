// The Complete Journey tables the coupon benchmark needs (data/completejourney/*.csv.gz), indexed
// by household. Dates become day numbers (days since 1970-01-01); a transaction's day is its local
// date (the timestamp's first ten characters). Ids stay strings (some exceed 32 bits).
import { csvGzRows, type CsvTable } from './csvGzRows.ts';

export const CJ_DIR = new URL('../../data/completejourney/', import.meta.url).pathname;

export interface Campaign {
  id: string;
  type: string;
  start: number;
  end: number;
  coupons: Set<string>;
  products: Set<string>;
  households: string[];
}

export interface Redemption {
  day: number;
  campaign: string;
}

export interface TxLine {
  day: number;
  basket: string;
  product: string;
  sales: number;
  /** The line used a coupon (coupon_disc ≠ 0). */
  coupon: boolean;
}

export interface CompleteJourney {
  campaigns: Map<string, Campaign>;
  redemptions: Map<string, Redemption[]>;
  transactions: Map<string, TxLine[]>;
  /** Demographic columns by household (absent for most households). */
  demographics: Map<string, Record<string, string>>;
}

export function dayOf(date: string, where: string): number {
  const ms = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(ms)) throw new Error(`${where}: '${date}' is not a date`);
  return ms / 86_400_000;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function table(dir: string, name: string): CsvTable & { at: (i: number) => string } {
  const path = `${dir}${name}.csv.gz`;
  return { ...csvGzRows(path), at: (i: number) => `${path}:${i + 2}` };
}

export function completeJourneyFromFiles(dir = CJ_DIR): CompleteJourney {
  const campaigns = new Map<string, Campaign>();
  const cd = table(dir, 'campaign_descriptions');
  const [cId, cType, cStart, cEnd] = ['campaign_id', 'campaign_type', 'start_date', 'end_date'].map(cd.col);
  cd.rows.forEach((r, i) =>
    campaigns.set(r[cId], {
      id: r[cId],
      type: r[cType],
      start: dayOf(r[cStart], cd.at(i)),
      end: dayOf(r[cEnd], cd.at(i)),
      coupons: new Set(),
      products: new Set(),
      households: [],
    }),
  );
  const campaignOf = (id: string, where: string) => {
    const c = campaigns.get(id);
    if (!c) throw new Error(`${where}: unknown campaign_id '${id}'`);
    return c;
  };
  const ct = table(dir, 'campaigns');
  ct.rows.forEach((r, i) => campaignOf(r[ct.col('campaign_id')], ct.at(i)).households.push(r[ct.col('household_id')]));
  const cp = table(dir, 'coupons');
  const [pUpc, pProduct, pCampaign] = ['coupon_upc', 'product_id', 'campaign_id'].map(cp.col);
  cp.rows.forEach((r, i) => {
    const c = campaignOf(r[pCampaign], cp.at(i));
    c.coupons.add(r[pUpc]);
    c.products.add(r[pProduct]);
  });
  const redemptions = new Map<string, Redemption[]>();
  const rd = table(dir, 'coupon_redemptions');
  const [rHh, rCampaign, rDate] = ['household_id', 'campaign_id', 'redemption_date'].map(rd.col);
  rd.rows.forEach((r, i) => {
    campaignOf(r[rCampaign], rd.at(i));
    push(redemptions, r[rHh], { day: dayOf(r[rDate], rd.at(i)), campaign: r[rCampaign] });
  });
  const transactions = new Map<string, TxLine[]>();
  const tx = table(dir, 'transactions_sample');
  const [tHh, tBasket, tProduct, tSales, tCoupon, tTs] = [
    'household_id',
    'basket_id',
    'product_id',
    'sales_value',
    'coupon_disc',
    'transaction_timestamp',
  ].map(tx.col);
  tx.rows.forEach((r, i) => {
    const sales = Number(r[tSales]),
      coupon = Number(r[tCoupon]);
    if (!Number.isFinite(sales) || !Number.isFinite(coupon)) throw new Error(`${tx.at(i)}: sales_value or coupon_disc is not a number`);
    push(transactions, r[tHh], { day: dayOf(r[tTs], tx.at(i)), basket: r[tBasket], product: r[tProduct], sales, coupon: coupon !== 0 });
  });
  const demographics = new Map<string, Record<string, string>>();
  const dm = table(dir, 'demographics');
  for (const r of dm.rows) demographics.set(r[dm.col('household_id')], Object.fromEntries(dm.header.map((h, k) => [h, r[k]])));
  return { campaigns, redemptions, transactions, demographics };
}
