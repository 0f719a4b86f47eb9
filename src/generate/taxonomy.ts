// The fixed department > category table of the synthetic retailer: a price level, a repurchase
// cycle for consumables and a seasonal peak per category. Brands and products are generated.

export interface CategorySpec {
  name: string;
  department: string;
  /** Median unit price. */
  price: number;
  /** Typical days between repurchases of a consumable; 0 = durable (no cycle). */
  cycleDays: number;
  /** Calendar month of the seasonal peak (0 = Jan … 11 = Dec), or -1 for none. */
  peakMonth: number;
  /** Peak height: the category's weight is multiplied by 1 + amplitude at the peak month. */
  amplitude: number;
}

// [name, price, cycleDays, peakMonth, amplitude] per department.
const TABLE: Record<string, [string, number, number, number, number][]> = {
  grocery: [
    ['coffee', 6, 21, -1, 0],
    ['tea', 4, 30, 0, 0.5],
    ['snacks', 3, 14, -1, 0],
    ['breakfast-cereal', 4, 18, -1, 0],
    ['pasta-rice', 2.5, 25, -1, 0],
    ['baking', 3, 45, 11, 1.5],
    ['beverages', 2, 14, 6, 1],
  ],
  household: [
    ['cleaning', 5, 35, -1, 0],
    ['laundry', 9, 40, -1, 0],
    ['paper-goods', 8, 28, -1, 0],
    ['pet-food', 15, 21, -1, 0],
    ['batteries', 7, 90, 11, 0.8],
  ],
  'personal-care': [
    ['shampoo', 6, 45, -1, 0],
    ['skincare', 14, 60, -1, 0],
    ['oral-care', 4, 40, -1, 0],
    ['cosmetics', 18, 0, -1, 0],
    ['fragrance', 45, 0, 11, 2],
  ],
  home: [
    ['candles', 9, 0, 11, 2],
    ['cushions', 18, 0, -1, 0],
    ['kitchen-tools', 12, 0, -1, 0],
    ['tableware', 15, 0, 11, 0.6],
    ['lighting', 30, 0, 10, 1],
    ['storage', 14, 0, 0, 0.8],
  ],
  garden: [
    ['plants', 10, 0, 4, 3],
    ['garden-tools', 22, 0, 3, 2.5],
    ['bbq', 35, 0, 6, 4],
    ['outdoor-furniture', 120, 0, 5, 3],
  ],
  'toys-gifts': [
    ['toys', 20, 0, 11, 4],
    ['games', 25, 0, 11, 3],
    ['greeting-cards', 3, 0, 11, 2],
    ['gift-wrap', 4, 0, 11, 6],
    ['party', 6, 0, -1, 0],
  ],
  seasonal: [
    ['christmas-decor', 12, 0, 11, 12],
    ['halloween', 8, 0, 9, 12],
    ['easter', 6, 0, 3, 10],
    ['summer-outdoor', 15, 0, 6, 5],
  ],
  clothing: [
    ['t-shirts', 15, 0, 5, 0.8],
    ['socks', 8, 120, -1, 0],
    ['outerwear', 70, 0, 10, 2],
    ['swimwear', 25, 0, 5, 4],
    ['shoes', 55, 0, -1, 0],
  ],
  electronics: [
    ['phone-accessories', 15, 0, -1, 0],
    ['headphones', 45, 0, 11, 1.5],
    ['chargers', 18, 0, -1, 0],
    ['small-appliances', 60, 0, 11, 1],
  ],
};

/**
 * The first `n` categories in round-robin order over departments, so even a tiny world has
 * consumables, seasonal and durable categories from several departments.
 */
export function categorySpecs(n: number): CategorySpec[] {
  const depts = Object.entries(TABLE);
  const out: CategorySpec[] = [];
  for (let round = 0; out.length < n; round++) {
    let any = false;
    for (const [department, rows] of depts) {
      const r = rows[round];
      if (!r || out.length >= n) continue;
      any = true;
      out.push({ name: r[0], department, price: r[1], cycleDays: r[2], peakMonth: r[3], amplitude: r[4] });
    }
    if (!any) break;
  }
  return out;
}

export const MAX_CATEGORIES = Object.values(TABLE).reduce((s, rows) => s + rows.length, 0);

/** Seasonal multiplier of a category in a calendar month: 1 + amplitude · bump(distance to peak). */
export function seasonFactor(spec: CategorySpec, month: number): number {
  if (spec.peakMonth < 0 || spec.amplitude === 0) return 1;
  const dist = Math.min((month - spec.peakMonth + 12) % 12, (spec.peakMonth - month + 12) % 12);
  // Full height at the peak, a third one month away, nothing further (a sharp retail season).
  const bump = dist === 0 ? 1 : dist === 1 ? 1 / 3 : 0;
  return 1 + spec.amplitude * bump;
}
