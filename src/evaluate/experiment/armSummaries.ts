// One pass over the per-contact arrays: counts, sums and revenue moments per arm, plus the
// non-zero (revenue, orders) rows each arm needs for the AOV bootstrap. Checks the input, since a
// wrong length or a 2 in a 0/1 column would silently bias every number downstream.

import type { ArmComparisonInput } from './comparison.ts';
import type { SparseArm } from './resampledSums.ts';
import type { ArmMoments } from './welchDifference.ts';

export interface ArmSummary {
  n: number;
  converted: number;
  uptake: number;
  churned: number;
  revenue: ArmMoments;
  revenueSum: number;
  ordersSum: number;
  /** columns [revenue, orders] of the units with either non-zero. */
  aovRows: SparseArm;
}

const FLAGS = ['converted', 'uptake', 'churned'] as const;

function check(input: ArmComparisonInput): void {
  const n = input.treated.length;
  for (const k of [...FLAGS, 'revenue', 'orders'] as const)
    if (input[k].length !== n) throw new RangeError(`armComparison: ${k} has ${input[k].length} values, treated has ${n}`);
  for (const k of ['treated', ...FLAGS] as const) {
    const a = input[k];
    for (let i = 0; i < n; i++) if (a[i] > 1) throw new RangeError(`armComparison: ${k}[${i}] = ${a[i]}, expected 0 or 1`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(input.revenue[i])) throw new RangeError(`armComparison: revenue[${i}] = ${input.revenue[i]} is not finite`);
    if (!(input.orders[i] >= 0) || !Number.isFinite(input.orders[i]))
      throw new RangeError(`armComparison: orders[${i}] = ${input.orders[i]}, expected a finite number ≥ 0`);
  }
}

/** [control, treatment] summaries (index = the treated flag). */
export function armSummaries(input: ArmComparisonInput): [ArmSummary, ArmSummary] {
  check(input);
  const { treated, converted, uptake, churned, revenue, orders } = input;
  const n = [0, 0];
  const conv = [0, 0];
  const upt = [0, 0];
  const churn = [0, 0];
  const rev = [0, 0];
  const ord = [0, 0];
  const nonZero = [0, 0];
  for (let i = 0; i < treated.length; i++) {
    const a = treated[i];
    n[a]++;
    conv[a] += converted[i];
    upt[a] += uptake[i];
    churn[a] += churned[i];
    rev[a] += revenue[i];
    ord[a] += orders[i];
    if (revenue[i] !== 0 || orders[i] !== 0) nonZero[a]++;
  }
  const mean = [n[0] ? rev[0] / n[0] : 0, n[1] ? rev[1] / n[1] : 0];
  const ss = [0, 0];
  const cols = [0, 1].map((a) => [new Float64Array(nonZero[a]), new Float64Array(nonZero[a])]);
  const fill = [0, 0];
  // Second pass: squared deviations (two-pass variance, no cancellation) and the non-zero rows.
  for (let i = 0; i < treated.length; i++) {
    const a = treated[i];
    const d = revenue[i] - mean[a];
    ss[a] += d * d;
    if (revenue[i] !== 0 || orders[i] !== 0) {
      cols[a][0][fill[a]] = revenue[i];
      cols[a][1][fill[a]++] = orders[i];
    }
  }
  const summary = (a: number): ArmSummary => ({
    n: n[a],
    converted: conv[a],
    uptake: upt[a],
    churned: churn[a],
    revenue: { n: n[a], mean: mean[a], variance: n[a] > 1 ? ss[a] / (n[a] - 1) : 0 },
    revenueSum: rev[a],
    ordersSum: ord[a],
    aovRows: { n: n[a], columns: cols[a] },
  });
  return [summary(0), summary(1)];
}
