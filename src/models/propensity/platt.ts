// Platt scaling: p = σ(a·s + b) fitted on a held-out cut's raw logits s, so probabilities of a
// pooled model compare across offers and mean "chance of buying within the horizon".
// Fitted by Newton on the logloss with Platt's smoothed targets y₊ = (N₊+1)/(N₊+2), y₋ = 1/(N₋+2). Pure.

export interface Platt {
  a: number;
  b: number;
}

export function plattFromScores(s: ArrayLike<number>, labels: ArrayLike<number>): Platt {
  const n = s.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) if (labels[i] > 0) nPos++;
  const tPos = (nPos + 1) / (nPos + 2),
    tNeg = 1 / (n - nPos + 2);
  let a = 1,
    b = 0;
  for (let it = 0; it < 50; it++) {
    // Gradient and Hessian of Σ logloss in (a, b), with a tiny ridge for stability.
    let ga = 0,
      gb = 0,
      haa = 1e-9,
      hab = 0,
      hbb = 1e-9;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(a * s[i] + b))),
        t = labels[i] > 0 ? tPos : tNeg,
        r = p - t,
        d = p * (1 - p);
      ga += r * s[i];
      gb += r;
      haa += d * s[i] * s[i];
      hab += d * s[i];
      hbb += d;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det,
      db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

/** Probabilities σ(a·s + b), each in [0, 1]; monotone in s when a ≥ 0. */
export function probabilitiesFromLogits(platt: Platt, s: ArrayLike<number>): Float64Array {
  const out = new Float64Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = 1 / (1 + Math.exp(-(platt.a * s[i] + platt.b)));
  return out;
}
