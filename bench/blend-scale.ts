// Blend fit at scale: fits the shipped blend (defaultBlend) on a store's purchase history and prints
// the time per component fit, the total, and the size of the saved model state — the figures of
// issue 9 §2 (≤ 60 s and a state proportionate to the history on ~500k lines, 14k customers, 12k products).
//   node bench/../bin/nextbest.js generate --customers 14000 --products 12000 --months 17 --seed 3 --out /tmp/w500k
//   (import customers, products, order_lines into /tmp/w500k.duckdb)
//   DB=/tmp/w500k.duckdb node --import tsx bench/blend-scale.ts
// Writes bench/results/blend-scale.json.
import { statSync } from 'node:fs';
import { defaultBlend } from '../src/models/defaultBlend.ts';
import { interactionLogFromLines } from '../src/models/interactionLogFromLines.ts';
import { writeModelState } from '../src/recs/modelStateFile.ts';
import { defaultAsOf, interactionsFromStore, purchaseLinesFromInteractions } from '../src/snapshot/interactions.ts';
import { Store } from '../src/store/store.ts';
import { writeJsonAtomic } from './lib/writeJsonAtomic.ts';

const db = process.env.DB ?? '/tmp/w500k.duckdb';
const err = (s: string) => process.stderr.write(s + '\n');

const store = await Store.open(db);
const asOf = (await defaultAsOf(store))!;
const x = await interactionsFromStore(store, { to: asOf });
store.close();
const log = interactionLogFromLines(purchaseLinesFromInteractions(x), asOf.getTime());
err(`${db}: ${x.ts.length.toLocaleString('en-US')} lines, ${log.nUsers} customers, ${log.nItems} products, ${log.indices.length} entries`);

const blend = defaultBlend();
// time every component fit (the blend fits each once per validation split and once on the full history)
const fitSeconds: Record<string, number> = {};
for (const c of blend.components) {
  const fit = c.fit.bind(c);
  c.fit = async (...args: Parameters<typeof c.fit>) => {
    const t = performance.now();
    await fit(...args);
    fitSeconds[c.name] = (fitSeconds[c.name] ?? 0) + (performance.now() - t) / 1000;
  };
}
const t0 = performance.now();
await blend.fit(log, err);
const seconds = (performance.now() - t0) / 1000;
const path = `/tmp/blend-scale-${process.pid}.nbms`;
writeModelState(path, { model: blend.save() });
const bytes = statSync(path).size;
const t1 = performance.now();
const users = Int32Array.from({ length: log.nUsers }, (_, u) => u);
await blend.recommend(users, 10, { excludeSeen: true });
const recommendSeconds = (performance.now() - t1) / 1000;

err(
  `component fit seconds (all fits): ${Object.entries(fitSeconds)
    .map(([n, s]) => `${n} ${s.toFixed(1)}`)
    .join(', ')}`,
);
const validation = blend.validation;
err(`validation: ${JSON.stringify(validation)}`);
console.log(
  `blend fit ${seconds.toFixed(1)} s, state ${(bytes / 1e6).toFixed(1)} MB (${path}), ` +
    `new-items top 10 for all ${log.nUsers} customers ${recommendSeconds.toFixed(1)} s`,
);
writeJsonAtomic(new URL('./results/blend-scale.json', import.meta.url).pathname, {
  db,
  lines: x.ts.length,
  customers: log.nUsers,
  products: log.nItems,
  fitSeconds: seconds,
  componentFitSeconds: fitSeconds,
  stateBytes: bytes,
  recommendSeconds,
  validation,
  measuredAt: new Date().toISOString(),
});
