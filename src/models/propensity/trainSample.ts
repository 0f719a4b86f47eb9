// The customers the propensity model trains on: all of them up to a cap, else a deterministic
// pseudo-random subset, so training cost stops growing with the audience. Pure.

/** murmur3's 32-bit finaliser: a bijective mix of the customer index, so the sample is a fixed
 *  pseudo-random set (the same on every run and independent of which cut is featurised). */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The `max` candidates with the smallest hash (all when there are at most `max`), ascending. */
export function trainSampleFromCustomers(candidates: Int32Array, max: number): Int32Array {
  if (candidates.length <= max) return candidates.slice().sort();
  const keyed = Array.from(candidates, (c) => [mix32(c), c] as const);
  keyed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return Int32Array.from(keyed.slice(0, Math.max(0, max)), (k) => k[1]).sort();
}
