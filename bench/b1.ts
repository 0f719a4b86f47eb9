// B1 benchmark (BENCHMARKS.md): product recommendations top 10 on Online Retail as of 2011-09-01,
// all items / new items, every model beside the published figures, with fit times.
//   npm run bench:recs [-- --runs N] [--models a,b] [--no-als]
// Loads data/online-retail with the product's own import (recipe online-retail); falls back to the
// benchmark SQL loader when the import is unavailable. Writes bench/results/b1.json (temp + rename).
import { parseArgs } from 'node:util';
import { Store } from '../src/store/store.ts';
import { interactionsFromStore, parseDateArg, purchaseLinesFromInteractions } from '../src/snapshot/interactions.ts';
import { b1SplitFromLines, evaluateModels, type B1Row, type ModelSpec } from '../src/backtest/evaluateModels.ts';
import { Blend } from '../src/models/blend.ts';
import { Popularity } from '../src/models/popularity.ts';
import { Repurchase } from '../src/models/repurchase.ts';
import { modelWithConfig } from '../src/models/modelCatalog.ts';
import { defaultBlend } from '../src/models/defaultBlend.ts';
import { EaseRecommender } from '../src/models/ease.ts';
import { importOnlineRetail } from './lib/importOnlineRetail.ts';
import { recsAutoChoice } from '../src/backtest/recsAutoChoice.ts';
import { AUTO_BASELINE, modelFromName, modelRegistry } from '../src/models/registry.ts';
import { writeJsonAtomic } from './lib/writeJsonAtomic.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '1' }, models: { type: 'string' }, 'no-als': { type: 'boolean' } },
});
const runs = Math.max(1, Number(values.runs) || 1);
const err = (s: string) => process.stderr.write(s + '\n');

/** Published figures (NDCG@10 etc.) to print beside ours. */
const PUBLISHED: Record<
  string,
  Partial<Record<'all' | 'new', { p: number; r: number; ndcg: number; map: number; hr: number; fit?: number; label: string }>>
> = {
  popularity: {
    all: { p: 0.1068, r: 0.0304, ndcg: 0.1176, map: 0.0528, hr: 0.565, label: 'popularity (history)' },
    new: { p: 0.0487, r: 0.0172, ndcg: 0.0517, map: 0.0197, hr: 0.334, label: 'popularity (history)' },
  },
  'top-frequency': { all: { p: 0.3373, r: 0.1361, ndcg: 0.384, map: 0.2678, hr: 0.839, label: 'personal top-frequency, then popularity' } },
  als: { new: { p: 0.1022, r: 0.0467, ndcg: 0.1166, map: 0.0557, hr: 0.518, fit: 0.96, label: 'implicit ALS 64f 15it' } },
  itemKnn: { new: { p: 0.089, r: 0.0391, ndcg: 0.1008, map: 0.0479, hr: 0.461, fit: 0.14, label: 'implicit item-item cosine 50' } },
};

async function openStore(): Promise<{ store: Store; how: string }> {
  const store = await Store.open(':memory:');
  const { how } = await importOnlineRetail(store, { families: false });
  return { store, how };
}

const t0 = performance.now();
const { store, how } = await openStore();
const x = await interactionsFromStore(store);
store.close();
err(`loaded ${x.cust.length.toLocaleString('en-US')} purchase lines via ${how} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const asOf = parseDateArg('2011-09-01').getTime();
const split = b1SplitFromLines(purchaseLinesFromInteractions(x), asOf, Infinity);
err(`test customers: ${split.usersAll.length} all items (BENCHMARKS 1,947), ${split.usersNew.length} new items (1,886)`);
const horizonDays = Math.round((x.ts[x.ts.length - 1] - asOf) / 86_400_000);

const all: ModelSpec[] = [
  { name: 'popularity', make: () => new Popularity() },
  {
    name: 'top-frequency',
    make: () => new Blend([new Repurchase({ cycleWeight: 0 }), new Popularity()], { fixedWeights: [1, 1e-4] }, 'top-frequency'),
  },
  { name: 'repurchase', make: () => modelWithConfig('repurchase', { horizonDays }) },
  { name: 'itemKnn', make: () => modelWithConfig('itemKnn') },
  { name: 'userKnn', make: () => modelWithConfig('userKnn') },
  ...(values['no-als']
    ? []
    : [
        { name: 'als', make: () => modelWithConfig('als') },
        { name: 'als-repurchase', make: () => modelFromName('als-repurchase') },
      ]),
  // λ 300 chosen on validation as-of 2011-06-01 / 2011-07-01 (defaultBlend.ts)
  { name: 'ease', make: () => new EaseRecommender({ lambda: 300 }) },
  { name: 'blend', make: () => defaultBlend({ horizonDays, withAls: values['no-als'] ? 0 : 1 }) },
];
const wanted = values.models ? new Set(values.models.split(',')) : null;
const specs = all.filter((s) => !wanted || wanted.has(s.name));

const rows: B1Row[] = [];
for (const spec of specs) {
  const reps: B1Row[][] = [];
  for (let r = 0; r < runs; r++) reps.push(await evaluateModels(split, [spec], 10, ['all', 'new'], err));
  // metrics are deterministic; timings are the median over runs
  const med = (f: (row: B1Row) => number, v: number) => {
    const t = reps.map((rr) => f(rr[v])).sort((a, b) => a - b);
    const m = t.length >> 1;
    return t.length % 2 ? t[m] : (t[m - 1] + t[m]) / 2;
  };
  reps[0].forEach((row, v) =>
    rows.push({ ...row, fitSeconds: med((q) => q.fitSeconds, v), recommendSeconds: med((q) => q.recommendSeconds, v) }),
  );
}

// --model auto, as `recommend` runs it: the choice made on the history before 2011-09-01 only (its
// own validation cut), then the chosen model fitted on the whole history and scored on the test window.
const autoRows: {
  variant: 'all' | 'new';
  chosen: string;
  chooseSeconds: number;
  fitSeconds: number;
  ndcg: number;
  bestModel: string;
  bestNdcg: number;
}[] = [];
if (!wanted || wanted.has('auto')) {
  const history = purchaseLinesFromInteractions(x);
  for (const variant of ['all', 'new'] as const) {
    const c = await recsAutoChoice(history, asOf, {
      variant,
      candidates: Object.entries(modelRegistry),
      baseline: AUTO_BASELINE[variant],
      log: err,
    });
    const spec = { name: `auto → ${c.chosen}`, make: () => modelFromName(c.chosen), excludeSeen: c.excludeSeen };
    const [row] = await evaluateModels(split, [spec], 10, [variant]);
    const best = rows.filter((r) => r.variant === variant).reduce((a, b) => (b.ndcg > a.ndcg ? b : a));
    autoRows.push({
      variant,
      chosen: c.chosen,
      chooseSeconds: c.seconds,
      fitSeconds: row.fitSeconds,
      ndcg: row.ndcg,
      bestModel: best.model,
      bestNdcg: best.ndcg,
    });
    rows.push({ ...row, model: `auto → ${c.chosen}` });
  }
}

const f4 = (n: number) => n.toFixed(4);
const lines = [
  '| model | variant | P@10 | R@10 | NDCG@10 | MAP@10 | HR@10 | coverage | fit s | published NDCG@10 (fit s) |',
  '|---|---|---|---|---|---|---|---|---|---|',
];
for (const r of rows) {
  const pub = PUBLISHED[r.model]?.[r.variant];
  lines.push(
    `| ${r.model} | ${r.variant} items | ${f4(r.precision)} | ${f4(r.recall)} | ${f4(r.ndcg)} | ${f4(r.map)} | ${r.hit.toFixed(3)} | ${(100 * r.coverage).toFixed(1)}% | ${r.fitSeconds.toFixed(2)} | ${pub ? `${f4(pub.ndcg)}${pub.fit ? ` (${pub.fit})` : ''} ${pub.label}` : ''} |`,
  );
}
for (const a of autoRows) {
  lines.push(
    '',
    `auto (${a.variant} items): chose ${a.chosen} in ${a.chooseSeconds.toFixed(1)} s; test NDCG@10 ${f4(a.ndcg)} ` +
      `(best model here: ${a.bestModel} ${f4(a.bestNdcg)}, gap ${f4(a.bestNdcg - a.ndcg)}); choice + final fit ${(a.chooseSeconds + a.fitSeconds).toFixed(1)} s = ` +
      `${((a.chooseSeconds + a.fitSeconds) / Math.max(a.fitSeconds, 1e-3)).toFixed(1)}× the chosen model's fit alone (${a.fitSeconds.toFixed(1)} s)`,
  );
}
lines.push('', 'goals: blend NDCG@10 ≥ 0.42 all items (beat top-frequency 0.384) and ≥ 0.13 new items (beat ALS 0.1166)');
process.stdout.write(lines.join('\n') + '\n');
writeJsonAtomic(new URL('./results/b1.json', import.meta.url).pathname, {
  benchmark: 'B1',
  asOf: '2011-09-01',
  k: 10,
  runs,
  loader: how,
  usersAll: split.usersAll.length,
  usersNew: split.usersNew.length,
  measuredAt: new Date().toISOString(),
  rows,
  auto: autoRows,
  published: PUBLISHED,
});
