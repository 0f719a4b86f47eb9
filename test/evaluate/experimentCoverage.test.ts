// THE COVERAGE TEST: on experiments with a planted, known effect, the 95 % intervals must contain
// the true average effect in about 95 % of seeds, detect a large effect and rarely flag a null one.
// With 200 seeds the observed coverage has sd ≈ √(0.95·0.05/200) = 0.015, hence the 0.91–0.985 band.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { armComparison, type Comparison } from '../../src/evaluate/experiment/armComparison.ts';
import { plantedExperiment, type PlantedExperimentOptions, type PlantedTruth } from '../../src/generate/plantedExperiment.ts';

type Check = { key: keyof PlantedTruth; low: keyof Comparison; high: keyof Comparison };
const CHECKS: Check[] = [
  { key: 'conversion', low: 'ci_low', high: 'ci_high' },
  { key: 'revenue_per_contact', low: 'revenue_ci_low', high: 'revenue_ci_high' },
  { key: 'uptake', low: 'uptake_ci_low', high: 'uptake_ci_high' },
  { key: 'churn', low: 'churn_ci_low', high: 'churn_ci_high' },
  { key: 'aov_difference', low: 'aov_ci_low', high: 'aov_ci_high' },
];

/** Share of seeds whose interval covers the truth, and share whose interval excludes zero. */
function rates(seeds: number, opts: PlantedExperimentOptions, bootstrap = 0) {
  const covered: Record<string, number> = {};
  const excludesZero: Record<string, number> = {};
  for (let seed = 1; seed <= seeds; seed++) {
    const e = plantedExperiment(seed, opts);
    const c = armComparison({ ...e, options: { bootstrap, seed } });
    for (const { key, low, high } of CHECKS) {
      const lo = c[low] as number | null;
      const hi = c[high] as number | null;
      if (lo === null || hi === null) continue;
      covered[key] = (covered[key] ?? 0) + (lo <= e.truth[key] && e.truth[key] <= hi ? 1 : 0);
      excludesZero[key] = (excludesZero[key] ?? 0) + (lo > 0 || hi < 0 ? 1 : 0);
    }
  }
  // Counted as integers, divided once: shares of exactly 1 must compare equal to 1.
  const share = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v / seeds]));
  return { covered: share(covered), excludesZero: share(excludesZero) };
}

const inBand = (x: number, lo: number, hi: number, what: string) => assert.ok(x >= lo && x <= hi, `${what} = ${x}`);

test('coverage: 95 % intervals cover the planted average effects in ≈ 95 % of 200 seeds', () => {
  const { covered } = rates(200, {}); // Δ = +3 points for the 30 % responsive customers
  inBand(covered.conversion, 0.91, 0.985, 'conversion coverage');
  inBand(covered.revenue_per_contact, 0.91, 0.985, 'revenue per contact coverage');
  inBand(covered.uptake, 0.9, 0.99, 'uptake coverage');
  inBand(covered.churn, 0.9, 0.99, 'churn coverage');
});

test('power: a large planted effect is detected in ≥ 95 % of seeds', () => {
  const { covered, excludesZero } = rates(200, { conversionLift: 0.1 });
  inBand(excludesZero.conversion, 0.95, 1, 'conversion detection');
  inBand(excludesZero.revenue_per_contact, 0.95, 1, 'revenue detection');
  inBand(covered.conversion, 0.91, 0.985, 'conversion coverage at a large effect');
});

test('false positives: with no effect the interval excludes zero in ≤ 8 % of seeds', () => {
  const { covered, excludesZero } = rates(200, { conversionLift: 0, uptakeLift: 0, retentionLift: 0 });
  for (const k of ['conversion', 'revenue_per_contact', 'uptake', 'churn'] as const) {
    inBand(excludesZero[k], 0, 0.08, `${k} false-positive rate`);
    assert.equal(covered[k] + excludesZero[k], 1, 'with a zero truth, covering and excluding zero are complements');
  }
});

test('bootstrap: the AOV interval covers the planted basket effect in ≈ 95 % of 100 seeds', () => {
  const { covered } = rates(100, { basketLift: 0.2 }, 200);
  inBand(covered.aov_difference, 0.89, 0.99, 'AOV coverage');
});
