// Hillstrom's e-mail experiment as B4 feature arrays: recency, log(1 + history), mens, womens,
// newbie, and one-hot zip_code, channel, history_segment (the first level of each, in sorted
// order, dropped as the reference). Also the B4 50/50 split, per arm, for a seed.
import { Rng } from '../../src/generate/prng.ts';
import { csvGzRows } from './csvGzRows.ts';

export const HILLSTROM_PATH = new URL('../../data/hillstrom/hillstrom.csv.gz', import.meta.url).pathname;

export interface Hillstrom {
  nRows: number;
  nF: number;
  /** Column-major X[f·nRows + r]. */
  X: Float32Array;
  featureNames: string[];
  /** The `segment` column: 'Womens E-Mail', 'Mens E-Mail' or 'No E-Mail'. */
  arm: string[];
  visit: Uint8Array;
  conversion: Uint8Array;
}

export function hillstromFromFile(path = HILLSTROM_PATH): Hillstrom {
  const t = csvGzRows(path);
  const nRows = t.rows.length;
  const num = (name: string, fn: (v: number) => number = (v) => v): [string, Float32Array] => {
    const c = t.col(name);
    return [
      name,
      Float32Array.from(t.rows, (r, i) => {
        const v = Number(r[c]);
        if (r[c] === '' || !Number.isFinite(v)) throw new Error(`${path}:${i + 2}: ${name} '${r[c]}' is not a number`);
        return fn(v);
      }),
    ];
  };
  const oneHot = (name: string): [string, Float32Array][] => {
    const c = t.col(name);
    const levels = [...new Set(t.rows.map((r) => r[c]))].sort();
    return levels.slice(1).map((lv) => [`${name}=${lv}`, Float32Array.from(t.rows, (r) => (r[c] === lv ? 1 : 0))]);
  };
  const cols: [string, Float32Array][] = [
    num('recency'),
    ['log1p_history', num('history', Math.log1p)[1]],
    num('mens'),
    num('womens'),
    num('newbie'),
    ...oneHot('zip_code'),
    ...oneHot('channel'),
    ...oneHot('history_segment'),
  ];
  const X = new Float32Array(nRows * cols.length);
  cols.forEach(([, v], f) => X.set(v, f * nRows));
  const flag = (name: string) => {
    const c = t.col(name);
    return Uint8Array.from(t.rows, (r, i) => {
      if (r[c] !== '0' && r[c] !== '1') throw new Error(`${path}:${i + 2}: ${name} '${r[c]}' is not 0 or 1`);
      return r[c] === '1' ? 1 : 0;
    });
  };
  const sc = t.col('segment');
  return {
    nRows,
    nF: cols.length,
    X,
    featureNames: cols.map(([n]) => n),
    arm: t.rows.map((r) => r[sc]),
    visit: flag('visit'),
    conversion: flag('conversion'),
  };
}

/** B4 split for `seed`: each of the two arms' rows shuffled and halved (⌊n/2⌋ train, rest test). */
export function hillstromSplit(
  h: Hillstrom,
  treatedArm: string,
  seed: number,
): { train: Int32Array; test: Int32Array; treated: Uint8Array } {
  const treated = Uint8Array.from(h.arm, (a) => (a === treatedArm ? 1 : 0));
  const train: number[] = [],
    test: number[] = [];
  for (const [k, armName] of [treatedArm, 'No E-Mail'].entries()) {
    const rows: number[] = [];
    for (let r = 0; r < h.nRows; r++) if (h.arm[r] === armName) rows.push(r);
    const rng = Rng.from(seed, 0xb4, k);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    const half = rows.length >> 1;
    train.push(...rows.slice(0, half));
    test.push(...rows.slice(half));
  }
  const asc = (a: number, b: number) => a - b;
  return { train: Int32Array.from(train.sort(asc)), test: Int32Array.from(test.sort(asc)), treated };
}
