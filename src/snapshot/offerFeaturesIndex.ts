// History lines bucketed by customer, so features of a subset of customers (a training sample, a
// scoring chunk) read only those customers' lines, and per-cut passes stop at the cut. Pure.
import { checkOfferLines, type OfferLines } from '../rank/offerLines.ts';

/**
 * CSR by customer: positions start[c] .. start[c+1]) hold customer c's lines in ascending ts order.
 * The line fields are copied in that order, so a per-customer pass reads memory sequentially
 * (indirect reads through `line` cost a cache miss per line at millions of lines).
 */
export interface CustomerLineIndex {
  /** Int32Array(nCustomers + 1) of offsets into the per-position arrays. */
  start: Int32Array;
  /** Per position: the original line index. */
  line: Int32Array;
  /** Per position: the line's ts, offer, amount and ancestor (lineAncestor, or -1 when absent). */
  ts: Float64Array;
  offer: Int32Array;
  amount: Float64Array;
  ancestor: Int32Array;
}

/** Counting sort of the lines by customer; stable, so each customer's lines keep the ts-sorted input order. */
export function customerLineIndexFromLines(lines: OfferLines & { lineAncestor?: Int32Array }): CustomerLineIndex {
  checkOfferLines(lines);
  const n = lines.lineCust.length,
    nC = lines.nCustomers;
  const start = new Int32Array(nC + 1);
  for (let i = 0; i < n; i++) start[lines.lineCust[i] + 1]++;
  for (let c = 0; c < nC; c++) start[c + 1] += start[c];
  const next = start.slice(0, nC),
    line = new Int32Array(n);
  for (let i = 0; i < n; i++) line[next[lines.lineCust[i]]++] = i;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (lines.lineTs[i] < lines.lineTs[i - 1]) sorted = false;
  if (!sorted) {
    // Unsorted input (callers should not, but affinityScores accepts it): order each bucket by (ts, line).
    const ts = lines.lineTs;
    for (let c = 0; c < nC; c++) line.subarray(start[c], start[c + 1]).sort((a, b) => ts[a] - ts[b] || a - b);
  }
  const ts = new Float64Array(n),
    offer = new Int32Array(n),
    amount = new Float64Array(n),
    ancestor = new Int32Array(n).fill(-1);
  for (let j = 0; j < n; j++) {
    const i = line[j];
    ts[j] = lines.lineTs[i];
    offer[j] = lines.lineOffer[i];
    amount[j] = lines.lineAmount[i];
    if (lines.lineAncestor) ancestor[j] = lines.lineAncestor[i];
  }
  return { start, line, ts, offer, amount, ancestor };
}

/** Ascending customers with at least one line strictly before `asOf`. */
export function customersWithHistory(lines: OfferLines, index: CustomerLineIndex, asOf: number): Int32Array {
  const out: number[] = [];
  for (let c = 0; c < lines.nCustomers; c++) if (index.start[c + 1] > index.start[c] && index.ts[index.start[c]] < asOf) out.push(c);
  return Int32Array.from(out);
}
