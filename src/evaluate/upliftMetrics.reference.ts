// Slow twin of normalisedQini (upliftMetrics.ts) for tests: O(n²), no sorting of rows, no running sums.
// For each distinct score s (descending) it counts the rows scoring ≥ s from scratch, builds the Qini
// point there, and integrates the curve with the trapezoid rule. Pure.

function qiniPoints(scores: ArrayLike<number>, y: ArrayLike<number>, w: ArrayLike<number>): [number, number][] {
  const distinct = [...new Set(Array.from(scores))].sort((a, b) => b - a);
  const pts: [number, number][] = [[0, 0]];
  for (const s of distinct) {
    let n = 0,
      nT = 0,
      yT = 0,
      yC = 0;
    for (let i = 0; i < scores.length; i++) {
      if (scores[i] < s) continue;
      n++;
      if (w[i] > 0) {
        nT++;
        yT += y[i] > 0 ? 1 : 0;
      } else yC += y[i] > 0 ? 1 : 0;
    }
    const nC = n - nT;
    pts.push([n, yT - (nC > 0 ? (yC * nT) / nC : 0)]);
  }
  return pts;
}

function area(pts: [number, number][]): number {
  let a = 0;
  for (let k = 1; k < pts.length; k++) a += ((pts[k][0] - pts[k - 1][0]) * (pts[k][1] + pts[k - 1][1])) / 2;
  return a;
}

export function normalisedQiniReference(scores: ArrayLike<number>, y: ArrayLike<number>, w: ArrayLike<number>): number {
  const ideal = Array.from(scores, (_s, i) => (y[i] > 0 ? (w[i] > 0 ? 1 : -1) : 0));
  const model = qiniPoints(scores, y, w),
    best = qiniPoints(ideal, y, w);
  const [xEnd, yEnd] = best[best.length - 1];
  const random = (xEnd * yEnd) / 2;
  return (area(model) - random) / (area(best) - random);
}
