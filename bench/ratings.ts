// A log that is not a receipt (issue 9): MovieLens-shaped ratings, where nobody rates an item twice.
// Generates a seeded world — low-rank tastes (12 dimensions), Zipf item popularity, each user's ratings
// in one burst, 3,000 users × 1,500 items by default, ~200k ratings with unix-second timestamps — splits it 80/20
// at random per rating, and runs `evaluate --train --test` as a user would (the default `auto` beside
// every model). The figures to read: auto's all-items row against the best model's.
//   npm run bench:ratings [-- --seed N] [--users N] [--items N]   (MovieLens-1M's shape: --users 6040 --items 3706)
// Writes bench/results/ratings.json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { b1FromFiles } from '../src/backtest/b1FromFiles.ts';
import { Rng } from '../src/generate/prng.ts';
import { writeJsonAtomic } from './lib/writeJsonAtomic.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    users: { type: 'string', default: '3000' },
    items: { type: 'string', default: '1500' },
  },
});
const seed = Number(values.seed);
const USERS = Number(values.users),
  ITEMS = Number(values.items),
  DIM = 12;
const MODELS = ['auto', 'popularity', 'top-frequency', 'itemKnn', 'userKnn', 'als', 'ease', 'blend'];

/** Rating rows `user,item,rating,unix-s` in time order, split at random (80 % train) per rating. */
function ratingsWorld(rng: Rng): { train: string[]; test: string[] } {
  const vec = () => Float64Array.from({ length: DIM }, () => rng.normal());
  const users = Array.from({ length: USERS }, vec),
    items = Array.from({ length: ITEMS }, vec);
  const header = 'userId,movieId,rating,timestamp';
  const train = [header],
    test = [header];
  const t0 = Date.UTC(2000, 0, 1) / 1000;
  const key = new Float64Array(ITEMS),
    order = Int32Array.from({ length: ITEMS }, (_, i) => i);
  for (let u = 0; u < USERS; u++) {
    // taste w_i = exp(1.2 · <u, i> / √DIM) × Zipf popularity 1/(i+1). n distinct items drawn ∝ w without
    // replacement = the n largest Gumbel keys log w_i − log(−log U_i) (Efraimidis–Spirakis).
    for (let i = 0; i < ITEMS; i++) {
      let dot = 0;
      for (let d = 0; d < DIM; d++) dot += users[u][d] * items[i][d];
      key[i] = (1.2 * dot) / Math.sqrt(DIM) - Math.log(i + 1) - Math.log(-Math.log(1 - rng.next()));
    }
    order.sort((a, b) => key[b] - key[a]);
    const n = Math.min(ITEMS, Math.floor(20 + Math.exp(rng.next() * Math.log(280)))); // 20–300, heavy-tailed
    let t = t0 + rng.int(2 * 365 * 86_400);
    for (const pick of order.subarray(0, n)) {
      t += rng.int(600);
      const rating = 1 + Math.min(4, Math.max(0, Math.round(2.5 + rng.normal())));
      (rng.chance(0.8) ? train : test).push(`${u + 1},${pick + 1},${rating},${t}`);
    }
  }
  return { train, test };
}

const dir = mkdtempSync(join(tmpdir(), 'nextbest-ratings-'));
try {
  const { train, test } = ratingsWorld(Rng.from(seed, 41));
  writeFileSync(join(dir, 'train.csv'), train.join('\n') + '\n');
  writeFileSync(join(dir, 'test.csv'), test.join('\n') + '\n');
  process.stderr.write(`ratings world (seed ${seed}): ${train.length - 1} train, ${test.length - 1} test ratings\n`);
  const report = await b1FromFiles(join(dir, 'train.csv'), join(dir, 'test.csv'), {
    models: MODELS,
    map: ['customer_id=userId', 'product_id=movieId', 'quantity=rating', 'ts=timestamp'],
    log: (l) => process.stderr.write(l + '\n'),
  });
  const out = ['| model | all items NDCG@10 | new items NDCG@10 | fit s |', '|---|---|---|---|'];
  for (const model of MODELS) {
    const row = (v: string) => report.rows.find((r) => r.model === model && r.variant === v);
    const a = row('all'),
      nw = row('new');
    out.push(`| ${model} | ${a?.ndcg.toFixed(4)} | ${nw?.ndcg.toFixed(4)} | ${a?.fitSeconds.toFixed(2)} |`);
  }
  for (const n of report.notes ?? []) out.push(`note: ${n}`);
  process.stdout.write(out.join('\n') + '\n');
  const path = new URL('./results/ratings.json', import.meta.url).pathname;
  writeJsonAtomic(path, { benchmark: 'ratings (issue 9)', seed, users: USERS, items: ITEMS, ...report });
  process.stderr.write(`wrote ${path}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
