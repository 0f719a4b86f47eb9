// Files for a campaign with a clear, known effect (the dashboard's Campaigns test, and trying the
// report by hand): customers in two regions, products in four categories, one offer per category,
// three months of history, then a send on SEND_AT to every customer — one offer each, 20 % held out
// as control — after which treated customers buy the offered category far more often within two
// weeks (strongly for coffee, not at all for soap), and everyone keeps shopping for three months.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../src/generate/prng.ts';

export const CAMPAIGN_ID = 'spring-push';
export const SEND_AT = '2024-04-01 09:00:00';
const CATEGORIES = ['coffee', 'tea', 'snacks', 'soap'] as const;
/** Chance of buying the offered category within 14 days of the send: treated, by offer; control. */
const TREATED_RATE = { coffee: 0.6, tea: 0.45, snacks: 0.3, soap: 0.12 } as const;
const CONTROL_RATE = 0.12;

export interface CampaignFiles {
  customers: string;
  products: string;
  offers: string;
  order_lines: string;
  contacts: string;
  treatment: number;
  control: number;
}

const DAY = 86_400_000;
const wallClock = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export function writeCampaignFiles(dir: string, customers = 1000): CampaignFiles {
  const rng = Rng.from(11, 2024);
  const write = (name: string, lines: string[]) => {
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  };
  const ids = Array.from({ length: customers }, (_, i) => `c${String(i + 1).padStart(4, '0')}`);
  const products = CATEGORIES.flatMap((c, ci) =>
    Array.from({ length: 6 }, (_, k) => ({ id: `p${ci}${k}`, category: c, price: 2 + ci + k * 0.5 })),
  );
  const byCategory = (c: string) => products.filter((p) => p.category === c);
  const lines = ['order_id,product_id,customer_id,quantity,unit_price,ts'];
  let orders = 0;
  const order = (customer: string, ms: number, picks: { id: string; price: number }[]) => {
    const id = `o${++orders}`;
    for (const p of picks) lines.push(`${id},${p.id},${customer},${1 + Math.floor(rng.next() * 3)},${p.price.toFixed(2)},${wallClock(ms)}`);
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.next() * xs.length)];
  const start = Date.parse('2024-01-01T00:00:00Z');
  const send = Date.parse(SEND_AT.replace(' ', 'T') + 'Z');
  const contacts = ['customer_id,offer_id,sent_at,channel,group,campaign_id'];
  let treatment = 0;
  ids.forEach((c, i) => {
    // History: 2–5 orders in the three months before the send.
    for (let k = 2 + Math.floor(rng.next() * 4); k > 0; k--) order(c, start + Math.floor(rng.next() * 90) * DAY + 36e6, [pick(products)]);
    const category = CATEGORIES[i % CATEGORIES.length];
    const control = i % 5 === 4;
    if (!control) treatment++;
    contacts.push(`${c},offer-${category},${SEND_AT},email,${control ? 'control' : 'treatment'},${CAMPAIGN_ID}`);
    // The effect: a purchase of the offered category within the 14 days after the send.
    if (rng.next() < (control ? CONTROL_RATE : TREATED_RATE[category])) {
      order(c, send + (1 + Math.floor(rng.next() * 13)) * DAY, [pick(byCategory(category)), pick(products)]);
    }
    // Ordinary shopping after the send, the same for both arms (most customers stay active).
    if (rng.next() < 0.8) order(c, send + (15 + Math.floor(rng.next() * 75)) * DAY, [pick(products)]);
  });
  return {
    customers: write('customers', ['customer_id,region', ...ids.map((c, i) => `${c},${i % 3 === 0 ? 'north' : 'south'}`)]),
    products: write('products', [
      'product_id,name,price,category',
      ...products.map((p) => `${p.id},${p.category} ${p.id},${p.price},${p.category}`),
    ]),
    offers: write('offers', [
      'offer_id,name,scope_attribute,scope_value,mechanism,value,cost',
      ...CATEGORIES.map((c) => `offer-${c},20% off ${c},category,${c},percent_off,20,0.2`),
    ]),
    order_lines: write('order_lines', lines),
    contacts: write('contacts', contacts),
    treatment,
    control: customers - treatment,
  };
}
