// Seeded pseudo-random numbers for the synthetic world. sfc32 (Chris Doty-Humphrey's Small Fast
// Counting generator, 128-bit state, passes PractRand) seeded by a hash of integer keys, so every
// customer gets its own stream `Rng.from(seed, STREAM, index)`: the output of customer i does not
// depend on which worker or chunk generated it. Never Math.random.

/** Mixes 32-bit integers into one well-spread 32-bit value (murmur3 finaliser over a running hash). */
export function hashInts(...keys: number[]): number {
  let h = 0x9e3779b9 ^ keys.length;
  for (const k of keys) {
    h = Math.imul(h ^ (k >>> 0), 0x85ebca6b);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    // Fold in the high part of keys above 2^32 (seeds and indices are safe integers).
    const hi = Math.floor(k / 4294967296) >>> 0;
    if (hi) h = Math.imul(h ^ hi, 0xcc9e2d51);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // Warm-up: sfc32's first outputs are correlated with the seed words.
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A generator for the stream named by integer keys, e.g. (seed, streamId, customerIndex). */
  static from(...keys: number[]): Rng {
    return new Rng(hashInts(...keys, 1), hashInts(...keys, 2), hashInts(...keys, 3), 1);
  }

  /** Next 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box–Muller; one draw per call keeps the stream position simple). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with the given median and log-scale sigma: median · exp(σ·z). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /** Gamma(shape, 1) by Marsaglia–Tsang; shape < 1 via Gamma(shape+1)·U^(1/shape). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.next() || 1e-12, 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Poisson(λ): multiplication method below 30, rounded normal approximation above. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda >= 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /**
   * Index drawn from cumulative weights `cum[lo..hi)` (non-decreasing, cum[i] = Σ w[0..i]):
   * binary search for the first entry above u·total of the slice.
   */
  pickCumulative(cum: ArrayLike<number>, lo = 0, hi = cum.length): number {
    const base = lo > 0 ? cum[lo - 1] : 0;
    const target = base + this.next() * (cum[hi - 1] - base);
    let a = lo;
    let b = hi - 1;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (cum[m] > target) b = m;
      else a = m + 1;
    }
    return a;
  }

  /** Index drawn from plain weights (small arrays only: linear scan). */
  pickWeighted(w: ArrayLike<number>, n = w.length): number {
    let total = 0;
    for (let i = 0; i < n; i++) total += w[i];
    let target = this.next() * total;
    for (let i = 0; i < n; i++) {
      target -= w[i];
      if (target < 0) return i;
    }
    return n - 1;
  }
}

/** Cumulative sums of weights as a Float64Array (for Rng.pickCumulative). */
export function cumulativeFromWeights(w: ArrayLike<number>): Float64Array {
  const out = new Float64Array(w.length);
  let s = 0;
  for (let i = 0; i < w.length; i++) out[i] = s += w[i];
  return out;
}
