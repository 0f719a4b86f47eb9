// Uplift ranking metrics for a randomised experiment (BENCHMARKS.md B4), as scikit-uplift defines
// them: rows are ordered by score descending (ties share one curve point, so the result does not
// depend on how tied rows are ordered); curves are linear between points (trapezoid areas). Pure.
// Inputs: scores, outcomes y (> 0 responder), treated (> 0 treated, else control), all of length n.

export interface UpliftCurve {
  /** Rows targeted so far: 0, then the end of each group of tied scores. */
  x: Float64Array;
  /** Curve value at x. */
  y: Float64Array;
}

/** Cumulative counts after each group of tied scores (descending), with a leading (0, 0). */
interface Prefix {
  n: Float64Array;
  nT: Float64Array;
  yT: Float64Array;
  yC: Float64Array;
}

function check(name: string, scores: ArrayLike<number>, y: ArrayLike<number>, treated: ArrayLike<number>): void {
  if (y.length !== scores.length || treated.length !== scores.length)
    throw new Error(`${name}: ${scores.length} scores, ${y.length} outcomes, ${treated.length} treatment flags`);
}

/** Indices by score descending, index ascending among ties. */
function descending(scores: ArrayLike<number>): Int32Array {
  const idx = new Int32Array(scores.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => scores[b] - scores[a] || a - b);
}

function prefixes(scores: ArrayLike<number>, y: ArrayLike<number>, treated: ArrayLike<number>): Prefix {
  const idx = descending(scores);
  const n = [0],
    nT = [0],
    yT = [0],
    yC = [0];
  let cn = 0,
    cnT = 0,
    cyT = 0,
    cyC = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    cn++;
    if (treated[i] > 0) {
      cnT++;
      if (y[i] > 0) cyT++;
    } else if (y[i] > 0) cyC++;
    if (k + 1 === idx.length || scores[idx[k + 1]] !== scores[i]) {
      n.push(cn);
      nT.push(cnT);
      yT.push(cyT);
      yC.push(cyC);
    }
  }
  return { n: Float64Array.from(n), nT: Float64Array.from(nT), yT: Float64Array.from(yT), yC: Float64Array.from(yC) };
}

/** Qini curve: Q(x) = Y_T(x) − Y_C(x)·N_T(x)/N_C(x) (the second term 0 while N_C(x) = 0), where Y_T, Y_C
 *  count treated / control responders and N_T, N_C treated / control rows among the top x. */
export function qiniCurve(scores: ArrayLike<number>, y: ArrayLike<number>, treated: ArrayLike<number>): UpliftCurve {
  check('qiniCurve', scores, y, treated);
  const p = prefixes(scores, y, treated);
  const out = new Float64Array(p.n.length);
  for (let k = 1; k < out.length; k++) {
    const nC = p.n[k] - p.nT[k];
    out[k] = p.yT[k] - (nC > 0 ? (p.yC[k] * p.nT[k]) / nC : 0);
  }
  return { x: p.n, y: out };
}

/** Uplift curve: U(x) = (Y_T(x)/N_T(x) − Y_C(x)/N_C(x))·x, each rate 0 while its arm is empty. */
export function upliftCurve(scores: ArrayLike<number>, y: ArrayLike<number>, treated: ArrayLike<number>): UpliftCurve {
  check('upliftCurve', scores, y, treated);
  const p = prefixes(scores, y, treated);
  const out = new Float64Array(p.n.length);
  for (let k = 1; k < out.length; k++) {
    const nC = p.n[k] - p.nT[k];
    const rT = p.nT[k] > 0 ? p.yT[k] / p.nT[k] : 0,
      rC = nC > 0 ? p.yC[k] / nC : 0;
    out[k] = (rT - rC) * p.n[k];
  }
  return { x: p.n, y: out };
}

/** Trapezoid area under a piecewise-linear curve. */
export function curveArea(c: UpliftCurve): number {
  let a = 0;
  for (let k = 1; k < c.x.length; k++) a += ((c.x[k] - c.x[k - 1]) * (c.y[k] + c.y[k - 1])) / 2;
  return a;
}

/** (area(model) − area(random line)) / (area(ideal) − area(random line)); the random line joins (0, 0)
 *  to the curve's end point, which every ordering shares. NaN when the ideal has no area above it. */
function normalisedArea(model: UpliftCurve, ideal: UpliftCurve): number {
  const xEnd = ideal.x[ideal.x.length - 1],
    yEnd = ideal.y[ideal.y.length - 1];
  const random = (xEnd * yEnd) / 2;
  const denom = curveArea(ideal) - random;
  return denom === 0 ? NaN : (curveArea(model) - random) / denom;
}

/** Normalised Qini (B4; scikit-uplift `qini_auc_score`): the ideal ordering puts treated responders
 *  first (score 1), control responders last (score −1), everyone else between (score 0). */
export function normalisedQini(scores: ArrayLike<number>, y: ArrayLike<number>, treated: ArrayLike<number>): number {
  check('normalisedQini', scores, y, treated);
  const ideal = new Float64Array(scores.length);
  for (let i = 0; i < ideal.length; i++) ideal[i] = y[i] > 0 ? (treated[i] > 0 ? 1 : -1) : 0;
  return normalisedArea(qiniCurve(scores, y, treated), qiniCurve(ideal, y, treated));
}

/** Normalised area under the uplift curve (scikit-uplift `uplift_auc_score`): its ideal ordering
 *  scores 2·[y = w] + (y when control responders outnumber treated non-responders, else w). */
export function normalisedAuuc(scores: ArrayLike<number>, y: ArrayLike<number>, treated: ArrayLike<number>): number {
  check('normalisedAuuc', scores, y, treated);
  let controlResponders = 0,
    treatedNonResponders = 0;
  for (let i = 0; i < scores.length; i++) {
    if (y[i] > 0 && !(treated[i] > 0)) controlResponders++;
    if (!(y[i] > 0) && treated[i] > 0) treatedNonResponders++;
  }
  const byOutcome = controlResponders > treatedNonResponders;
  const ideal = new Float64Array(scores.length);
  for (let i = 0; i < ideal.length; i++) {
    const yi = y[i] > 0 ? 1 : 0,
      wi = treated[i] > 0 ? 1 : 0;
    ideal[i] = 2 * (yi === wi ? 1 : 0) + (byOutcome ? yi : wi);
  }
  return normalisedArea(upliftCurve(scores, y, treated), upliftCurve(ideal, y, treated));
}

/** uplift@k, "overall" strategy (B4): among the top ⌈k·n⌉ rows by score (index order among ties), the
 *  treated rows' mean outcome minus the control rows' mean outcome. NaN when an arm is absent there. */
export function upliftAt(scores: ArrayLike<number>, y: ArrayLike<number>, treated: ArrayLike<number>, k: number): number {
  check('upliftAt', scores, y, treated);
  if (!(k > 0 && k <= 1)) throw new Error(`upliftAt: k must be in (0, 1], got ${k}`);
  const idx = descending(scores);
  // ⌈k·n⌉ with a guard against k·n landing a hair above an integer in floating point (0.3·10).
  const top = Math.min(idx.length, Math.ceil(k * idx.length - 1e-9));
  let nT = 0,
    yT = 0,
    nC = 0,
    yC = 0;
  for (let q = 0; q < top; q++) {
    const i = idx[q];
    if (treated[i] > 0) {
      nT++;
      if (y[i] > 0) yT++;
    } else {
      nC++;
      if (y[i] > 0) yC++;
    }
  }
  return nT > 0 && nC > 0 ? yT / nT - yC / nC : NaN;
}
