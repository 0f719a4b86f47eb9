// The overlap matrix as heatmap cells: each cell is the share of the ROW segment's customers who are
// also in the column segment (the diagonal is 100 %), so small segments inside big ones stand out;
// the count rides along for the tooltip.
export interface OverlapCell {
  x: number;
  y: number;
  share: number;
  count: number;
}

export function overlapCells(counts: number[][]): OverlapCell[] {
  const cells: OverlapCell[] = [];
  counts.forEach((row, y) => {
    const size = row[y] ?? 0;
    row.forEach((count, x) => cells.push({ x, y, count, share: size > 0 ? count / size : 0 }));
  });
  return cells;
}

/** The pairs sharing the most customers (off the diagonal, each pair once), largest first. */
export function topOverlaps(segments: string[], counts: number[][], n = 3): { a: string; b: string; count: number }[] {
  const pairs: { a: string; b: string; count: number }[] = [];
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      if ((counts[i]?.[j] ?? 0) > 0) pairs.push({ a: segments[i], b: segments[j], count: counts[i][j] });
    }
  }
  return pairs.sort((p, q) => q.count - p.count || p.a.localeCompare(q.a)).slice(0, n);
}
