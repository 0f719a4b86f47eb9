// The planted-effect experiment as files the store imports (the generate I/O edge, like
// writeCatalogFiles): customers with their features, two products, one offer, one contact per
// customer with its arm, and purchase lines placed so that a correct attribution recovers the
// experiment's arrays exactly — in-window orders inside [sent, sent + window), a history purchase
// before the contact, and distractors after the window (within and beyond the churn horizon) that
// must not count as window revenue. Every order is one line; revenue is whole cents.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlantedExperiment } from './plantedExperiment.ts';
import { Rng } from './prng.ts';

const STREAM = 0xf11e5;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIERS = ['low', 'mid', 'high'];

export interface PlantedFilesOptions {
  /** Seed of the timing draws (the experiment's own seed is a good choice). */
  seed: number;
  /** Wall-clock send time of every contact, 'YYYY-MM-DD HH:MM:SS'. */
  sentAt?: string;
  windowDays?: number;
  churnDays?: number;
  offerId?: string;
  /** campaign_id of every contact (default 'planted'), so the store's campaign report can read them. */
  campaignId?: string;
}

export interface PlantedFiles {
  customers: string;
  products: string;
  offers: string;
  contacts: string;
  order_lines: string;
  responses: string;
  /** Rows written per file (order_lines: lines). */
  rows: Record<'customers' | 'contacts' | 'order_lines' | 'responses', number>;
}

export const OFFER_PRODUCT = 'P-OFFER';
export const OTHER_PRODUCT = 'P-OTHER';

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const customerId = (i: number) => `c${String(i + 1).padStart(6, '0')}`;

/** Writes the six CSV files into `dir` and returns their paths. */
export async function plantedExperimentFiles(exp: PlantedExperiment, dir: string, opts: PlantedFilesOptions): Promise<PlantedFiles> {
  const windowDays = opts.windowDays ?? 14;
  const churnDays = opts.churnDays ?? 60;
  const offerId = opts.offerId ?? 'O-PLANTED';
  const sentText = opts.sentAt ?? '2024-03-01 10:00:00';
  const sent = Date.parse(sentText.replace(' ', 'T') + 'Z');
  if (!Number.isFinite(sent)) throw new RangeError(`plantedExperimentFiles: sentAt '${sentText}' is not 'YYYY-MM-DD HH:MM:SS'`);
  if (!(windowDays >= 1 && churnDays > windowDays + 1))
    throw new RangeError(`plantedExperimentFiles: need 1 ≤ windowDays (${windowDays}) < churnDays (${churnDays}) − 1`);
  const rng = Rng.from(opts.seed, STREAM);
  // Offsets keep an hour from every boundary so that < versus ≤ in the attribution SQL cannot matter.
  const inWindow = () => HOUR + rng.next() * (windowDays * DAY - 2 * HOUR);
  const afterWindow = () => windowDays * DAY + HOUR + rng.next() * ((churnDays - windowDays) * DAY - 2 * HOUR);
  const beyondChurn = () => churnDays * DAY + HOUR + rng.next() * 30 * DAY;

  const customers = ['customer_id,value_tier,recency_days,responsive'];
  const contacts = ['customer_id,offer_id,sent_at,channel,group,campaign_id'];
  const campaign = opts.campaignId ?? 'planted';
  const lines = ['order_id,product_id,customer_id,quantity,unit_price,amount,ts'];
  const responses = ['customer_id,offer_id,redeemed_at,revenue'];
  const line = (id: string, order: string, product: string, cents: number, ms: number) =>
    lines.push(`${order},${product},${id},1,${(cents / 100).toFixed(2)},${(cents / 100).toFixed(2)},${stamp(ms)}`);

  const n = exp.treated.length;
  for (let i = 0; i < n; i++) {
    const id = customerId(i);
    const recency = Math.round(exp.recencyDays[i]);
    customers.push(`${id},${TIERS[exp.tier[i]]},${recency},${exp.responsive[i]}`);
    contacts.push(`${id},${offerId},${sentText},email,${exp.treated[i] ? 'treatment' : 'control'},${campaign}`);
    line(id, `${id}-h`, OTHER_PRODUCT, 1500, sent - Math.max(1, recency) * DAY);
    const k = exp.orders[i];
    if (exp.converted[i]) {
      const cents = Math.round(exp.revenue[i] * 100);
      const times = Array.from({ length: k }, inWindow).sort((a, b) => a - b);
      for (let j = 0; j < k; j++) {
        // Equal split in cents, the remainder on the last order: the lines sum to the revenue exactly.
        const part = j < k - 1 ? Math.floor(cents / k) : cents - (k - 1) * Math.floor(cents / k);
        const product = j === 0 && exp.uptake[i] ? OFFER_PRODUCT : OTHER_PRODUCT;
        line(id, `${id}-w${j}`, product, part, sent + times[j]);
        if (j === 0 && exp.uptake[i] && exp.treated[i])
          responses.push(`${id},${offerId},${stamp(sent + times[j])},${(part / 100).toFixed(2)}`);
      }
      if (rng.chance(0.3)) line(id, `${id}-a`, OTHER_PRODUCT, 2000, sent + afterWindow());
    } else if (exp.latePurchase[i]) line(id, `${id}-a`, OTHER_PRODUCT, 2000, sent + afterWindow());
    if (rng.chance(0.3)) line(id, `${id}-z`, OTHER_PRODUCT, 2500, sent + beyondChurn());
  }

  await mkdir(dir, { recursive: true });
  const files = {
    customers: join(dir, 'customers.csv'),
    products: join(dir, 'products.csv'),
    offers: join(dir, 'offers.csv'),
    contacts: join(dir, 'contacts.csv'),
    order_lines: join(dir, 'order_lines.csv'),
    responses: join(dir, 'responses.csv'),
  };
  const products = `product_id,name,price\n${OFFER_PRODUCT},Offered product,30\n${OTHER_PRODUCT},Other product,20\n`;
  const validTo = stamp(sent + churnDays * DAY);
  const offers =
    'offer_id,name,scope_products,mechanism,value,valid_from,valid_to,level\n' +
    `${offerId},Planted offer,${OFFER_PRODUCT},percent_off,10,${sentText},${validTo},all\n`;
  await Promise.all([
    writeFile(files.customers, customers.join('\n') + '\n'),
    writeFile(files.products, products),
    writeFile(files.offers, offers),
    writeFile(files.contacts, contacts.join('\n') + '\n'),
    writeFile(files.order_lines, lines.join('\n') + '\n'),
    writeFile(files.responses, responses.join('\n') + '\n'),
  ]);
  const rows = { customers: n, contacts: n, order_lines: lines.length - 1, responses: responses.length - 1 };
  return { ...files, rows };
}
