// How 'auto' should choose among candidates, decided on the B4 *training* halves only: each training
// half is split again 50/50 per arm (A, B); 'auto' runs its internal folds on A, every candidate is
// refitted on A and scored on B, and each selection rule (selectionSe) is judged by the B Qini of the
// candidate it would pick. `npm run bench:uplift -- --selection-study`. Results in docs/uplift.md.
import { Rng } from '../../src/generate/prng.ts';
import { normalisedQini } from '../../src/evaluate/upliftMetrics.ts';
import { chosenCandidate, defaultUpliftConfig, upliftFromData, upliftScores } from '../../src/models/uplift/upliftModel.ts';
import { hillstromSplit, type Hillstrom } from './hillstromData.ts';

const RULES = [-1e9, 0, 1, 2, 3];

/** Training rows halved again, per arm, for `seed`. */
function halves(train: Int32Array, treated: Uint8Array, seed: number): [Int32Array, Int32Array] {
  const a: number[] = [],
    b: number[] = [];
  for (const arm of [0, 1]) {
    const rows = Array.from(train).filter((r) => treated[r] === arm);
    const rng = Rng.from(seed, 0x5e1, arm);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    a.push(...rows.slice(0, rows.length >> 1));
    b.push(...rows.slice(rows.length >> 1));
  }
  return [Int32Array.from(a.sort((x, y) => x - y)), Int32Array.from(b.sort((x, y) => x - y))];
}

export function upliftSelectionStudy(h: Hillstrom, folds: number, seeds = [1, 2, 3, 4, 5]): void {
  const byRule = RULES.map(() => [] as number[]);
  const byCandidate = new Map<string, number[]>();
  for (const arm of ['Womens E-Mail', 'Mens E-Mail'])
    for (const [target, y] of [
      ['visit', h.visit],
      ['conversion', h.conversion],
    ] as const)
      for (const seed of seeds) {
        const { train, treated } = hillstromSplit(h, arm, seed);
        const [A, B] = halves(train, treated, seed);
        const yB = Uint8Array.from(B, (r) => y[r]),
          wB = Uint8Array.from(B, (r) => treated[r]);
        const auto = upliftFromData(h.X, h.nRows, h.nF, y, treated, A, { ...defaultUpliftConfig, folds, seed });
        const qB = auto.validation.candidates.map((c) => {
          const m = upliftFromData(h.X, h.nRows, h.nF, y, treated, A, {
            ...defaultUpliftConfig,
            method: c.method,
            learner: c.learner,
            folds,
            seed,
          });
          const q = normalisedQini(upliftScores(m, h.X, h.nRows, B), yB, wB);
          const key = `${c.method}/${c.learner}`;
          byCandidate.set(key, [...(byCandidate.get(key) ?? []), q]);
          return q;
        });
        RULES.forEach((se, k) => byRule[k].push(qB[chosenCandidate(auto.validation.candidates, se)]));
        console.log(arm, target, seed, 'B qini per candidate', qB.map((q) => q.toFixed(3)).join(' '));
      }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`\nmean B Qini over pairs × seeds (folds ${folds}):`);
  for (const [k, v] of byCandidate) console.log(`  always ${k}: ${mean(v).toFixed(4)}`);
  RULES.forEach((se, k) => console.log(`  auto, selectionSe ${se < -1e8 ? '−∞ (plain maximum)' : se}: ${mean(byRule[k]).toFixed(4)}`));
}
