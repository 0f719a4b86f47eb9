// Runs ALS half-sweeps with the WebAssembly SIMD kernel (src/math/cgWasmBytes.ts): the problem
// (both CSR orientations, both factor tables, the Gram matrix, per-thread scratch) lives in one
// wasm memory; JS only computes the k×k Gram matrix between sweeps. With threads > 1 the memory
// is shared and worker threads run disjoint row ranges of the same sweep.
import { Worker } from 'node:worker_threads';
import { cgWasmBytes } from '../math/cgWasmBytes.ts';
import type { WeightedRows } from './alsSweep.ts';

const PAGE = 65536;
/** wasm32 memories stop at 4 GiB; keep headroom. */
export const WASM_MAX_BYTES = 3.5 * 1024 ** 3;

interface Layout {
  user: { indptr: number; indices: number; weights: number };
  item: { indptr: number; indices: number; weights: number };
  X: number;
  Y: number;
  G: number;
  scratch: number;
  bytes: number;
}

function layoutFor(nUsers: number, nItems: number, nnz: number, k: number, threads: number): Layout {
  let at = 0;
  const take = (bytes: number) => {
    const o = at;
    at += Math.ceil(bytes / 64) * 64;
    return o;
  };
  const user = { indptr: take((nUsers + 1) * 4), indices: take(nnz * 4), weights: take(nnz * 4) };
  const item = { indptr: take((nItems + 1) * 4), indices: take(nnz * 4), weights: take(nnz * 4) };
  const X = take(nUsers * k * 4),
    Y = take(nItems * k * 4),
    G = take(k * k * 4),
    scratch = take(threads * 3 * k * 4);
  return { user, item, X, Y, G, scratch, bytes: at };
}

/** Bytes of wasm memory a problem needs (to choose between the wasm and JS kernels). */
export function wasmBytesFor(nUsers: number, nItems: number, nnz: number, k: number, threads: number): number {
  return layoutFor(nUsers, nItems, nnz, k, threads).bytes;
}

type SweepFn = (...a: number[]) => void;

export class AlsWasmSweeper {
  private constructor(
    private readonly mem: WebAssembly.Memory,
    private readonly lay: Layout,
    private readonly k: number,
    private readonly cgSteps: number,
    private readonly nUsers: number,
    private readonly nItems: number,
    private readonly sweepFn: SweepFn,
    private readonly gramFn: SweepFn,
    private readonly workers: Worker[],
  ) {}

  static async create(
    byUser: WeightedRows,
    byItem: WeightedRows,
    x: Float32Array,
    y: Float32Array,
    k: number,
    cgSteps: number,
    threads: number,
  ): Promise<AlsWasmSweeper> {
    const nUsers = byUser.indptr.length - 1,
      nItems = byItem.indptr.length - 1;
    const lay = layoutFor(nUsers, nItems, byUser.indices.length, k, threads);
    const pages = Math.ceil(lay.bytes / PAGE) + 1;
    const shared = threads > 1;
    const mem = shared
      ? new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true })
      : new WebAssembly.Memory({ initial: pages });
    const put = (off: number, a: Int32Array | Float32Array) => {
      (a instanceof Int32Array ? new Int32Array(mem.buffer, off, a.length) : new Float32Array(mem.buffer, off, a.length)).set(a as never);
    };
    put(lay.user.indptr, byUser.indptr);
    put(lay.user.indices, byUser.indices);
    put(lay.user.weights, byUser.weights);
    put(lay.item.indptr, byItem.indptr);
    put(lay.item.indices, byItem.indices);
    put(lay.item.weights, byItem.weights);
    put(lay.X, x);
    put(lay.Y, y);
    const bytes = cgWasmBytes(shared, pages);
    const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
    const inst = await WebAssembly.instantiate(module, { env: { mem } });
    const workers: Worker[] = [];
    for (let t = 1; t < threads; t++) {
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, mem } });
      await new Promise<void>((resolve, reject) => {
        w.once('message', () => resolve());
        w.once('error', reject);
      });
      workers.push(w);
    }
    return new AlsWasmSweeper(mem, lay, k, cgSteps, nUsers, nItems, inst.exports.sweep as SweepFn, inst.exports.gram as SweepFn, workers);
  }

  /** Live views of the factor tables inside wasm memory. */
  get userFactors(): Float32Array {
    return new Float32Array(this.mem.buffer, this.lay.X, this.nUsers * this.k);
  }
  get itemFactors(): Float32Array {
    return new Float32Array(this.mem.buffer, this.lay.Y, this.nItems * this.k);
  }

  /** One half-sweep: side 'users' updates X against G = YᵀY + λI (and vice versa), G computed in wasm. */
  async sweep(side: 'users' | 'items', reg: number): Promise<void> {
    const { lay, k } = this;
    const [fixed, nFixed] = side === 'users' ? [lay.Y, this.nItems] : [lay.X, this.nUsers];
    this.gramFn(fixed, nFixed, k, lay.G);
    const g = new Float32Array(this.mem.buffer, lay.G, k * k);
    for (let a = 0; a < k; a++) g[a * k + a] += reg;
    const rows = side === 'users' ? lay.user : lay.item;
    const [self, other] = side === 'users' ? [lay.X, lay.Y] : [lay.Y, lay.X];
    const n = side === 'users' ? this.nUsers : this.nItems;
    const parts = this.workers.length + 1;
    // Split rows by entry count (not row count) so threads get similar work.
    const indptr = new Int32Array(this.mem.buffer, rows.indptr, n + 1);
    const bounds = [0];
    for (let t = 1; t < parts; t++) {
      const target = (indptr[n] * t) / parts + (n * k * t) / parts / 8;
      let lo = bounds[t - 1],
        hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (indptr[mid] + (mid * k) / 8 < target) lo = mid + 1;
        else hi = mid;
      }
      bounds.push(lo);
    }
    bounds.push(n);
    const args = (t: number) => [
      rows.indptr,
      rows.indices,
      rows.weights,
      self,
      other,
      lay.G,
      k,
      this.cgSteps,
      bounds[t],
      bounds[t + 1],
      lay.scratch + t * 3 * k * 4,
    ];
    const done = this.workers.map(
      (w, i) =>
        new Promise<void>((resolve, reject) => {
          const onError = (e: Error) => {
            w.off('message', onMessage);
            reject(e);
          };
          const onMessage = () => {
            w.off('error', onError);
            resolve();
          };
          w.once('message', onMessage);
          w.once('error', onError);
          w.postMessage(args(i + 1));
        }),
    );
    this.sweepFn(...args(0));
    await Promise.all(done);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

// Plain JS (no TypeScript): workers started with eval need no loader. Each instantiates the
// compiled module on the shared memory and runs the sweep ranges it is sent.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const inst = new WebAssembly.Instance(workerData.module, { env: { mem: workerData.mem } });
parentPort.on('message', (a) => { inst.exports.sweep(...a); parentPort.postMessage(0); });
parentPort.postMessage('ready');
`;
