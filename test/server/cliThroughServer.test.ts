// With `nextbest serve` on a store, CLI commands go through the server and print what they print
// in-process (same stdout, same exit codes); imports, computes, recommendations and reads from
// several terminals run at once, and a read during a compute answers at once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { generateWorld } from '../../src/generate/generateWorld.ts';
import { Store } from '../../src/store/store.ts';
import { startServerProcess } from '../helpers/serverProcess.ts';

const BIN = fileURLToPath(new URL('../../bin/nextbest.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function cli(args: string[], db: string): Promise<Run> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [BIN, ...args, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '',
      stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
async function ok(args: string[], db: string): Promise<Run> {
  const r = await cli(args, db);
  assert.equal(r.code, 0, `${args.join(' ')} → ${r.code}\n${r.stderr}`);
  return r;
}

/** Output without what legitimately differs between two stores: times and durations. */
const stable = (s: string) => s.replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?Z?)?/g, 'TIME').replace(/\d+\.\d+ ?s\b/g, 'S');

async function script(db: string, world: string): Promise<string[]> {
  const outs: string[] = [];
  for (const t of ['customers', 'products', 'order_lines', 'events'])
    outs.push((await ok(['import', t, join(world, `${t}.csv`)], db)).stdout);
  await ok(['config', 'set', 'hierarchy', 'department,category'], db);
  outs.push((await ok(['offers', 'from-attribute', 'category'], db)).stdout);
  const id = (
    await ok(['tor', 'create', '--name', 'T', '--auto', 'top-revenue', '--count', '6', '--window', 'all', '--per-customer', '2'], db)
  ).stdout
    .trim()
    .split('\n')
    .at(-1)!;
  outs.push(
    id,
    (await ok(['tor', 'compute', id], db)).stdout,
    (await ok(['tor', 'show', id], db)).stdout,
    (await ok(['tor', 'list'], db)).stdout,
  );
  const missing = await cli(['tor', 'show', 'tor-404'], db);
  outs.push(`exit ${missing.code}: ${missing.stderr}`);
  return outs.map(stable);
}

test(
  'CLI through a live server: same output as in-process, concurrent work, reads answer during a compute',
  { timeout: 600_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-cli-srv-'));
    const world = join(dir, 'world');
    await generateWorld({ customers: 1500, products: 200, months: 14, seed: 5, start: '2023-01-01', out: world });
    const local = await script(join(dir, 'local.duckdb'), world);

    const db = join(dir, 'served.duckdb');
    (await Store.open(db)).close(); // an empty store for the server
    const server = await startServerProcess(db);
    try {
      const remote = await script(db, world);
      assert.deepEqual(remote, local);
      assert.match(server.output(), /serving/);

      const id = (
        await ok(
          [
            'tor',
            'create',
            '--name',
            'P',
            '--auto',
            'top-revenue',
            '--count',
            '8',
            '--window',
            'all',
            '--per-customer',
            '3',
            '--model',
            'propensity',
          ],
          db,
        )
      ).stdout
        .trim()
        .split('\n')
        .at(-1)!;
      let computeDone = false;
      const compute = ok(['tor', 'compute', id], db).finally(() => {
        computeDone = true;
      });
      // Several terminals at once, while the compute runs: an import, recommendations, reads.
      const othersRunning = Promise.all([
        ok(['import', 'events', join(world, 'events.csv')], db),
        ok(['recommend', '--table', '--top', '5'], db),
        ok(['tor', 'list'], db),
        ok(['offers', 'list'], db),
      ]);
      let sawRunning = false;
      const readTimes: number[] = [];
      while (!computeDone) {
        const t0 = performance.now();
        const r = await server.api('GET', `/v1/tors/${id}`);
        readTimes.push(performance.now() - t0);
        assert.equal(r.status, 200);
        if (r.json.tor.status === 'computing') sawRunning = true;
        await new Promise((res) => setTimeout(res, 25));
      }
      const others = await othersRunning;
      assert.ok(others.every((r) => r.code === 0));
      await compute;
      assert.ok(sawRunning, 'the compute was seen running while reads were answered');
      readTimes.sort((a, b) => a - b);
      assert.ok(readTimes[Math.floor(readTimes.length / 2)] < 250, `reads during a compute took ${readTimes.join(', ')} ms`);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  },
);
