// B3 product top-10 at scale: 1,000,000 users × 50,000 items × 64 factors (random factors; timing
// only), each user with a few seen items excluded. PRECISION=int8 uses the quantised scorer with
// exact re-ranking. Prints the time and writes
// bench/results/scale-recs.json. Sizes via env: USERS, ITEMS, FACTORS, TOP, THREADS, PRECISION, BATCH (users per call).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { topKScorerFromFactors } from '../src/math/onnxTopK.ts';
import { topNExcludingSeen } from '../src/recs/topNExcludingSeen.ts';

const nUsers = Number(process.env.USERS ?? 1_000_000);
const nItems = Number(process.env.ITEMS ?? 50_000);
const k = Number(process.env.FACTORS ?? 64);
const top = Number(process.env.TOP ?? 10);
const threads = Number(process.env.THREADS ?? 2);
const precision = (process.env.PRECISION ?? 'float32') as 'float32' | 'int8';
const batch = process.env.BATCH ? Number(process.env.BATCH) : undefined;

let s = 12345;
const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
const userFactors = Float32Array.from({ length: nUsers * k }, () => rnd() - 0.5);
const itemFactors = Float32Array.from({ length: nItems * k }, () => rnd() - 0.5);
// Seen items: 1–40 per user (geometric-ish), the shape of a retail history.
const indptr = new Int32Array(nUsers + 1);
const seenList: number[] = [];
for (let u = 0; u < nUsers; u++) {
  const c = 1 + (Math.floor(-Math.log(1 - rnd()) * 8) % 40);
  for (let j = 0; j < c; j++) seenList.push(Math.floor(rnd() * nItems));
  indptr[u + 1] = seenList.length;
}
const seen = { indptr, indices: Int32Array.from(seenList) };
const users = Int32Array.from({ length: nUsers }, (_, i) => i);

const t0 = performance.now();
const scorer = await topKScorerFromFactors(itemFactors, nItems, k, threads, precision);
let lastLog = 0;
const out = await topNExcludingSeen(scorer, userFactors, users, seen, itemFactors, {
  n: top,
  batch,
  onBatch: (done, total) => {
    const now = performance.now();
    if (now - lastLog > 10_000) {
      lastLog = now;
      process.stderr.write(
        `  ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} users, ${((now - t0) / 1000).toFixed(1)} s\n`,
      );
    }
  },
});
await scorer.release();
const secs = (performance.now() - t0) / 1000;
let filled = 0;
for (const it of out.items) if (it >= 0) filled++;
const result = {
  users: nUsers,
  items: nItems,
  factors: k,
  top,
  threads,
  precision,
  batch: batch ?? null,
  seconds: +secs.toFixed(2),
  usersPerSecond: Math.round(nUsers / secs),
  filled,
  measuredAt: new Date().toISOString(),
};
console.log(
  `${precision} top-${top} for ${nUsers.toLocaleString('en-US')} users × ${nItems.toLocaleString('en-US')} items × ${k} factors: ${secs.toFixed(1)} s (${result.usersPerSecond.toLocaleString('en-US')} users/s)`,
);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/scale-recs.json.tmp', JSON.stringify(result, null, 2) + '\n');
renameSync('bench/results/scale-recs.json.tmp', 'bench/results/scale-recs.json');
