// The product side of the world: categories with Zipf popularity and seasonality, brands, and
// products sorted by (category, brand) so a category or a brand is a contiguous index slice.
import { cumulativeFromWeights, Rng } from './prng.ts';
import { categorySpecs, MAX_CATEGORIES, seasonFactor, type CategorySpec } from './taxonomy.ts';
import type { WorldConfig } from './worldConfig.ts';

export const STREAM_CATALOG = 1;

export interface Catalog {
  categories: CategorySpec[];
  /** K = categories.length. Store-wide popularity weight per category (Zipf over a random rank). */
  catPopularity: Float64Array;
  /** 12 × K, row-major by calendar month: seasonal multiplier per category. */
  season: Float64Array;
  /** Per calendar month, cumulative of popularity × season over categories (length K each). */
  catCumByMonth: Float64Array[];
  /** Products of category c are catStart[c] .. catStart[c+1]-1. Length K + 1. */
  catStart: Int32Array;
  brandNames: string[];
  /** Per brand: its category; products of brand b are brandStart[b] .. brandStart[b+1]-1. */
  brandCategory: Int32Array;
  brandStart: Int32Array;
  /** Per product (length P): category, brand, list price. */
  productCategory: Int32Array;
  productBrand: Int32Array;
  price: Float64Array;
  /** Prefix sums of product popularity over the whole product array (slices give in-category / in-brand draws). */
  popCum: Float64Array;
  productIds: string[];
  productNames: string[];
}

const SYLLABLES = [
  'no',
  'va',
  'ri',
  'ka',
  'lu',
  'mo',
  'te',
  'sa',
  'bel',
  'dor',
  'fin',
  'gra',
  'hal',
  'jor',
  'ken',
  'lin',
  'mar',
  'nel',
  'or',
  'pel',
  'quin',
  'ros',
  'sol',
  'tor',
  'ul',
  'ven',
  'wil',
  'xa',
  'yor',
  'zen',
];

export function catalogFromSeed(seed: number, nProducts: number, cfg: WorldConfig): Catalog {
  const rng = Rng.from(seed, STREAM_CATALOG);
  const K = Math.max(1, Math.min(MAX_CATEGORIES, Math.floor(nProducts / 3)));
  const categories = categorySpecs(K);
  const catPopularity = zipfByRandomRank(rng, K, cfg.categoryZipf);
  const season = new Float64Array(12 * K);
  const catCumByMonth: Float64Array[] = [];
  for (let m = 0; m < 12; m++) {
    const w = new Float64Array(K);
    for (let c = 0; c < K; c++) {
      season[m * K + c] = seasonFactor(categories[c], m);
      w[c] = catPopularity[c] * season[m * K + c];
    }
    catCumByMonth.push(cumulativeFromWeights(w));
  }

  // Products per category ∝ sqrt(popularity) (popular categories carry wider ranges), at least 2,
  // summing exactly to nProducts by largest remainder.
  const counts = apportion(Array.from(catPopularity, Math.sqrt), nProducts, Math.min(2, Math.floor(nProducts / K)));
  const catStart = new Int32Array(K + 1);
  for (let c = 0; c < K; c++) catStart[c + 1] = catStart[c] + counts[c];

  const productCategory = new Int32Array(nProducts);
  const productBrand = new Int32Array(nProducts);
  const price = new Float64Array(nProducts);
  const popularity = new Float64Array(nProducts);
  const brandNames: string[] = [];
  const brandCategoryList: number[] = [];
  const brandStartList: number[] = [];
  const usedNames = new Set<string>();
  for (let c = 0; c < K; c++) {
    const n = counts[c];
    const nb = Math.max(1, Math.min(40, Math.round(n / 6)));
    // Brand sizes are skewed: product j > nb picks brand b with weight 1/(b+1)^0.7.
    const brandW = cumulativeFromWeights(Array.from({ length: nb }, (_, b) => 1 / Math.pow(b + 1, 0.7)));
    const brandOf = Array.from({ length: n }, (_, j) => (j < nb ? j : rng.pickCumulative(brandW)));
    brandOf.sort((a, b) => a - b);
    const pop = zipfByRandomRank(rng, n, cfg.productZipf);
    const firstBrand = brandNames.length;
    const brandPriceFactor: number[] = [];
    for (let b = 0; b < nb; b++) {
      brandNames.push(uniqueName(rng, usedNames));
      brandCategoryList.push(c);
      brandPriceFactor.push(rng.logNormal(1, 0.35));
    }
    for (let j = 0; j < n; j++) {
      const p = catStart[c] + j;
      const b = firstBrand + brandOf[j];
      if (j === 0 || brandOf[j] !== brandOf[j - 1]) brandStartList.push(p);
      productCategory[p] = c;
      productBrand[p] = b;
      popularity[p] = pop[j];
      const raw = Math.max(0.5, categories[c].price * brandPriceFactor[brandOf[j]] * rng.logNormal(1, 0.3));
      price[p] = raw >= 5 ? Math.floor(raw) + 0.99 : Math.round(raw * 100) / 100;
    }
  }
  brandStartList.push(nProducts);
  const width = Math.max(5, String(nProducts).length);
  const productIds = Array.from({ length: nProducts }, (_, p) => 'P' + String(p + 1).padStart(width, '0'));
  const labels = categories.map((c) =>
    c.name
      .split('-')
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join(' '),
  );
  const productNames = Array.from({ length: nProducts }, (_, p) => {
    const c = productCategory[p];
    return `${brandNames[productBrand[p]]} ${labels[c]} ${p - catStart[c] + 1}`;
  });
  return {
    categories,
    catPopularity,
    season,
    catCumByMonth,
    catStart,
    brandNames,
    brandCategory: Int32Array.from(brandCategoryList),
    brandStart: Int32Array.from(brandStartList),
    productCategory,
    productBrand,
    price,
    popCum: cumulativeFromWeights(popularity),
    productIds,
    productNames,
  };
}

/** n Zipf weights 1/(rank+1)^s assigned to a random permutation of ranks. */
function zipfByRandomRank(rng: Rng, n: number, s: number): Float64Array {
  const rank = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [rank[i], rank[j]] = [rank[j], rank[i]];
  }
  return Float64Array.from(rank, (r) => 1 / Math.pow(r + 1, s));
}

/** Splits `total` into integer parts ∝ weights, each at least `min` (largest-remainder rounding). */
export function apportion(weights: number[], total: number, min: number): number[] {
  const k = weights.length;
  const rest = total - min * k;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const out = exact.map((x) => min + Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; left > 0; i = (i + 1) % k, left--) out[order[i][1]]++;
  return out;
}

function uniqueName(rng: Rng, used: Set<string>): string {
  for (;;) {
    const n = 2 + rng.int(2);
    let s = '';
    for (let i = 0; i < n; i++) s += SYLLABLES[rng.int(SYLLABLES.length)];
    const name = s[0].toUpperCase() + s.slice(1);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}
