// Per variant: the blend's weights per customer type, and whether the blend is worth it at all.
// Weights: coordinate ascent on all validation users (global), refined per customer type with enough users.
// Choice: a learned blend is scored on users it did not learn from (2-fold cross-fitting: weights learned
// on one half of each customer type, NDCG@k measured on the other, both ways), and each component alone
// on all the same users (its ranking of the same candidates = its own top-k). When some component alone
// is at least as good, the variant uses that component alone (one-hot weights): a blend that never
// loses to its parts on its own validation data.
import { blendWeightsFromCandidates, concatSets, ndcgOfWeights, type BlendTrainingSet } from './blendWeights.ts';

export interface BlendChoiceOptions {
  k: number;
  rounds: number;
  /** a customer type with fewer users uses the global weights */
  minUsersPerSegment: number;
  /** fewer validation users in the variant and its weights are equal (nothing to learn from) */
  minValidationUsers: number;
}

export interface VariantChoice {
  /** [segment] → weight per component (0 for components the variant may not use) */
  weights: number[][];
  /** 'blend', or the name of the component used alone */
  choice: string;
  /** false: too few validation users, equal weights over the usable components */
  learned: boolean;
  /** validation customers with a purchase to predict in this variant */
  users: number;
  /** NDCG@k of the learned blend, cross-fitted (see above) */
  blendNdcg: number;
  /** NDCG@k of each component alone on the same users; null where the variant may not use it */
  componentNdcg: (number | null)[];
}

/** `sets`: per customer type, with the features of unused components zeroed; `use`/`names` per component. */
export function blendChoiceForVariant(sets: BlendTrainingSet[], use: boolean[], names: string[], opt: BlendChoiceOptions): VariantChoice {
  const C = use.length;
  const users = sets.reduce((a, s) => a + s.users, 0);
  const componentNdcg = use.map((u, c) =>
    u
      ? meanNdcg(
          sets,
          sets.map(() => oneHot(C, c)),
          opt.k,
        )
      : null,
  );
  if (users < Math.max(1, opt.minValidationUsers)) {
    return { weights: sets.map(() => use.map((u) => (u ? 1 : 0))), choice: 'blend', learned: false, users, blendNdcg: 0, componentNdcg };
  }
  let blendNdcg = 0;
  for (let f = 0; f < 2; f++) {
    const w = segmentWeights(
      sets.map((s) => usersOf(s, (r) => r % 2 !== f)),
      opt,
    );
    blendNdcg +=
      meanNdcg(
        sets.map((s) => usersOf(s, (r) => r % 2 === f)),
        w,
        opt.k,
      ) * sets.reduce((a, s) => a + countFold(s.users, f), 0);
  }
  blendNdcg /= users;
  let best = -1;
  for (let c = 0; c < C; c++) if (use[c] && (best < 0 || componentNdcg[c]! > componentNdcg[best]!)) best = c;
  // "at least as good" up to float noise: a blend equal to its best part is that part
  if (best >= 0 && componentNdcg[best]! >= blendNdcg - 1e-9) {
    return { weights: sets.map(() => oneHot(C, best)), choice: names[best], learned: true, users, blendNdcg, componentNdcg };
  }
  // a weight vector left empty by the mask (ascent started on an unused, all-zero feature) falls back to the best
  const weights = segmentWeights(sets, opt)
    .map((w) => w.map((v, c) => (use[c] ? v : 0)))
    .map((w) => (w.some((v) => v > 0) ? w : oneHot(C, best)));
  return { weights, choice: 'blend', learned: true, users, blendNdcg, componentNdcg };
}

/** Weights per customer type: global ascent, then per type from the global weights when it has enough users. */
function segmentWeights(sets: BlendTrainingSet[], opt: BlendChoiceOptions): number[][] {
  const C = sets[0].nFeatures;
  const global = blendWeightsFromCandidates(concatSets(sets), opt.k, opt.rounds);
  return sets.map((s) => {
    if (s.users < opt.minUsersPerSegment) return global.weights;
    const w = blendWeightsFromCandidates(s, opt.k, opt.rounds, global.weights).weights;
    return w.length === C ? w : global.weights;
  });
}

/** Mean NDCG@k over the users of all sets, set g ranked by weights w[g]. */
function meanNdcg(sets: BlendTrainingSet[], w: number[][], k: number): number {
  let sum = 0,
    n = 0;
  sets.forEach((s, g) => {
    if (s.users > 0) {
      sum += ndcgOfWeights(s, w[g], k) * s.users;
      n += s.users;
    }
  });
  return n > 0 ? sum / n : 0;
}

const oneHot = (C: number, c: number) => Array.from({ length: C }, (_, f) => (f === c ? 1 : 0));
const countFold = (users: number, f: number) => (f === 0 ? Math.ceil(users / 2) : Math.floor(users / 2));

/** The users r of a set with pick(r), in order. */
export function usersOf(set: BlendTrainingSet, pick: (r: number) => boolean): BlendTrainingSet {
  const C = set.nFeatures,
    keep: number[] = [];
  for (let r = 0; r < set.users; r++) if (pick(r)) keep.push(r);
  const rows = keep.reduce((a, r) => a + set.ptr[r + 1] - set.ptr[r], 0);
  const out: BlendTrainingSet = {
    nFeatures: C,
    users: keep.length,
    ptr: new Int32Array(keep.length + 1),
    x: new Float32Array(rows * C),
    label: new Uint8Array(rows),
    nTruth: new Int32Array(keep.length),
  };
  let r0 = 0;
  keep.forEach((r, i) => {
    const a = set.ptr[r],
      b = set.ptr[r + 1];
    out.x.set(set.x.subarray(a * C, b * C), r0 * C);
    out.label.set(set.label.subarray(a, b), r0);
    r0 += b - a;
    out.ptr[i + 1] = r0;
    out.nTruth[i] = set.nTruth[r];
  });
  return out;
}
