// Writes a synthetic retail world to a folder as canonical files that `nextbest import` loads
// without flags, plus truth.json with the latent parameters. Customers are split into contiguous
// ranges written by worker threads to part files, which are then concatenated (CSV) or converted
// by DuckDB (Parquet). Everything is written inside a temporary folder in `out` and renamed into
// place at the end, so a failed run leaves `out` as it was.
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { moduleWorker, siblingModule } from '../math/moduleWorker.ts';
import { UserError } from '../domain/errors.ts';
import { Store, quoteLiteral } from '../store/store.ts';
import { writeCatalogFiles } from './writeCatalogFiles.ts';
import { PART_TABLES, writeCustomerPart, type LineCounts, type PartTable } from './writeCustomerPart.ts';
import { worldFromOptions, type World, type WorldOptions } from './worldFromOptions.ts';
import { truthHeader } from './truthHeader.ts';
import type { PartJob } from './partWorker.ts';
import { FILE_COLUMNS } from './fileColumns.ts';

export interface GenerateOptions extends WorldOptions {
  /** Output folder (created if missing). */
  out: string;
  format?: 'csv' | 'parquet';
  /** Worker threads writing customer ranges; default: 1 below 20,000 customers, else the core count (≤ 8). */
  workers?: number;
}

export interface GenerateResult {
  files: { table: string; path: string; rows: number }[];
  seconds: number;
}

/** Accepts Progress from cli/progress.ts or anything shaped like it. */
export interface GenerateProgress {
  update(done: number, total?: number, note?: string): void;
}

export async function generateWorld(options: GenerateOptions, progress?: GenerateProgress): Promise<GenerateResult> {
  const started = Date.now();
  const format = options.format ?? 'csv';
  validate(options);
  let world: World;
  try {
    world = worldFromOptions(options);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  await mkdir(options.out, { recursive: true });
  const work = await mkdtemp(join(options.out, '.generate-'));
  try {
    const catalogRows = await writeCatalogFiles(world, { products: join(work, 'products.part'), offers: join(work, 'offers.part') });
    const nParts = Math.max(1, Math.min(options.workers ?? defaultWorkers(options.customers), options.customers));
    const ranges = Array.from(
      { length: nParts },
      (_, k) => [Math.floor((k * options.customers) / nParts), Math.floor(((k + 1) * options.customers) / nParts)] as const,
    );
    const partPaths = ranges.map(
      (_, k) => Object.fromEntries(PART_TABLES.map((t) => [t, join(work, `${t}.${k}.part`)])) as Record<PartTable, string>,
    );
    // CSV: the first part starts with the header and becomes the final file; the others are appended to it.
    if (format === 'csv') {
      for (const t of ['customers', 'order_lines', 'events'] as const) await writeFile(partPaths[0][t], headerOf(t));
    }
    await writeFile(partPaths[0].truth, truthHeader(world));
    const done = new Array<number>(nParts).fill(0);
    const report = (k: number, n: number) => {
      done[k] = n;
      progress?.update(
        done.reduce((a, b) => a + b, 0),
        options.customers,
        'customers',
      );
    };
    const counts = await Promise.all(
      ranges.map(([from, to], k) =>
        nParts === 1
          ? writeCustomerPart(world, from, to, partPaths[k], (n) => report(k, n))
          : runPartWorker({ options: plainOptions(options), from, to, paths: partPaths[k] }, (n) => report(k, n)),
      ),
    );
    const rows: Record<string, number> = { ...catalogRows };
    for (const c of counts) for (const t of PART_TABLES) rows[t] = (rows[t] ?? 0) + c[t];

    progress?.update(options.customers, options.customers, `assembling ${format} files`);
    const ext = format === 'csv' ? 'csv' : 'parquet';
    const tables = ['customers', 'products', 'order_lines', 'events', 'offers'] as const;
    const partsOf = (t: (typeof tables)[number]) =>
      t === 'products' || t === 'offers' ? [join(work, `${t}.part`)] : partPaths.map((p) => p[t]);
    const finals: { table: string; tmp: string; path: string; rows: number }[] = [];
    const store = format === 'parquet' ? await Store.open(':memory:', { threads: 2 }) : null;
    try {
      for (const t of tables) {
        const tmp = join(work, `${t}.${ext}`);
        if (store) await parquetFromParts(store, t, partsOf(t), tmp);
        else if (t === 'products' || t === 'offers') await concatenate(headerOf(t), partsOf(t), '', tmp);
        else await appendParts(partsOf(t), '', tmp);
        finals.push({ table: t, tmp, path: join(options.out, `${t}.${ext}`), rows: rows[t] });
      }
    } finally {
      store?.close();
    }
    const truthTmp = join(work, 'truth.json');
    await appendParts(
      partPaths.map((p) => p.truth),
      '\n]}\n',
      truthTmp,
    );
    finals.push({ table: 'truth', tmp: truthTmp, path: join(options.out, 'truth.json'), rows: rows.truth });
    for (const f of finals) await rename(f.tmp, f.path);
    return { files: finals.map(({ table, path, rows }) => ({ table, path, rows })), seconds: (Date.now() - started) / 1000 };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function validate(o: GenerateOptions): void {
  const whole = (name: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max) throw new UserError(`${name} must be a whole number from ${min} to ${max} (got ${v})`);
  };
  whole('customers', o.customers, 1, 100_000_000);
  whole('products', o.products, 10, 10_000_000);
  whole('months', o.months, 1, 240);
  whole('seed', o.seed, 0, Number.MAX_SAFE_INTEGER);
  if (o.workers !== undefined) whole('workers', o.workers, 1, 64);
  if (o.format && o.format !== 'csv' && o.format !== 'parquet') throw new UserError(`format must be csv or parquet (got '${o.format}')`);
}

function defaultWorkers(customers: number): number {
  return customers < 20_000 ? 1 : Math.min(8, availableParallelism());
}

/** The options a worker needs (structured-clone safe). */
function plainOptions(o: GenerateOptions): WorldOptions {
  return { customers: o.customers, products: o.products, months: o.months, seed: o.seed, start: o.start, config: o.config };
}

/** Runs one part in a worker thread. */
function runPartWorker(job: PartJob, onDone: (n: number) => void): Promise<LineCounts> {
  return new Promise((resolve, reject) => {
    const w = moduleWorker(siblingModule('partWorker', import.meta.url), job);
    let result: LineCounts | null = null;
    w.on('message', (m: { done?: number; counts?: LineCounts }) => {
      if (m.counts) result = m.counts;
      else if (m.done !== undefined) onDone(m.done);
    });
    w.on('error', reject);
    w.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`generator worker exited with code ${code}`))));
  });
}

function headerOf(t: keyof typeof FILE_COLUMNS): string {
  return FILE_COLUMNS[t].map((c) => c[0]).join(',') + '\n';
}

/** Appends parts[1..] and `tail` to parts[0] (no copy of the first, usually biggest, part), then renames it to `dest`. */
async function appendParts(parts: string[], tail: string, dest: string): Promise<void> {
  const out = createWriteStream(parts[0], { flags: 'a' });
  for (const p of parts.slice(1)) await pipeline(createReadStream(p), out, { end: false });
  out.end(tail);
  await new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  await rename(parts[0], dest);
}

/** head + every part's bytes in order + tail, streamed into `dest`. */
async function concatenate(head: string, parts: string[], tail: string, dest: string): Promise<void> {
  const out = createWriteStream(dest);
  out.write(head);
  for (const p of parts) await pipeline(createReadStream(p), out, { end: false });
  out.end(tail);
  await new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
}

async function parquetFromParts(store: Store, table: keyof typeof FILE_COLUMNS, parts: string[], dest: string): Promise<void> {
  const columns = '{' + FILE_COLUMNS[table].map(([n, type]) => `${quoteLiteral(n)}: ${quoteLiteral(type)}`).join(', ') + '}';
  const files = '[' + parts.map(quoteLiteral).join(', ') + ']';
  await store.run(`COPY (SELECT * FROM read_csv(${files}, header = false, auto_detect = false, delim = ',', quote = '', columns = ${columns}))
                   TO ${quoteLiteral(dest)} (FORMAT parquet, COMPRESSION zstd)`);
}
