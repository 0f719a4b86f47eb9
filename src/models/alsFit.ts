// Fits implicit-ALS factors on a purchase log: alternating CG sweeps over users and items.
// Pure: typed arrays in, typed arrays out (the wasm kernel may use worker threads).
import { gramFromFactors } from '../math/denseGram.ts';
import { alsWeightsFromLog, transposeCsr } from './alsConfidence.ts';
import { defaultAlsConfig, type AlsConfig } from './alsConfig.ts';
import { alsCgSweep, type WeightedRows } from './alsSweep.ts';
import type { InteractionLog } from './recommender.ts';
import { AlsWasmSweeper, WASM_MAX_BYTES, wasmBytesFor } from './alsWasmSweep.ts';

export interface AlsFactors {
  k: number;
  nUsers: number;
  nItems: number;
  /** nUsers×k and nItems×k row-major. */
  userFactors: Float32Array;
  itemFactors: Float32Array;
}

/** Uniform [0, 0.01) initial factors from a small deterministic PRNG (mulberry32). */
export function initialFactors(n: number, k: number, seed: number): Float32Array {
  const out = new Float32Array(n * k);
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 0.01;
  }
  return out;
}

/** Both CSR orientations with confidence weights w = c − 1. */
export function alsProblemFromLog(log: InteractionLog, cfg: AlsConfig) {
  const w = alsWeightsFromLog(log, cfg);
  const t = transposeCsr(log.nUsers, log.nItems, log.indptr, log.indices, w);
  const byUser: WeightedRows = { indptr: log.indptr, indices: log.indices, weights: w };
  const byItem: WeightedRows = { indptr: t.indptr, indices: t.indices, weights: t.values };
  return { byUser, byItem };
}

/**
 * Runs cfg.iterations alternating sweeps (users, then items), each row warm-started from its
 * previous value. Kernel 'wasm' (SIMD, float32, cfg.threads threads) when k % 8 = 0 and the
 * problem fits a wasm memory; otherwise the single-threaded JS kernel.
 */
export async function alsFactorsFromLog(
  log: InteractionLog,
  config: Partial<AlsConfig> = {},
  onSweep: (iteration: number) => void = () => {},
): Promise<AlsFactors> {
  const cfg = { ...defaultAlsConfig, ...config };
  const k = cfg.factors;
  const { byUser, byItem } = alsProblemFromLog(log, cfg);
  const x = initialFactors(log.nUsers, k, cfg.seed),
    y = initialFactors(log.nItems, k, cfg.seed + 1);
  const threads = Math.max(1, Math.min(cfg.threads, 8));
  const useWasm =
    cfg.kernel === 'wasm' && k % 8 === 0 && wasmBytesFor(log.nUsers, log.nItems, byUser.indices.length, k, threads) < WASM_MAX_BYTES;
  if (!useWasm) {
    for (let it = 0; it < cfg.iterations; it++) {
      onSweep(it);
      alsCgSweep(byUser, x, y, gramFromFactors(y, log.nItems, k, cfg.regularization), k, cfg.cgSteps, 0, log.nUsers);
      alsCgSweep(byItem, y, x, gramFromFactors(x, log.nUsers, k, cfg.regularization), k, cfg.cgSteps, 0, log.nItems);
    }
    return { k, nUsers: log.nUsers, nItems: log.nItems, userFactors: x, itemFactors: y };
  }
  // Tiny problems are not worth a worker's start-up (~50 ms).
  const useThreads = byUser.indices.length * k * cfg.iterations >= cfg.minWorkForThreads ? threads : 1;
  const w = await AlsWasmSweeper.create(byUser, byItem, x, y, k, cfg.cgSteps, useThreads);
  try {
    for (let it = 0; it < cfg.iterations; it++) {
      onSweep(it);
      await w.sweep('users', cfg.regularization);
      await w.sweep('items', cfg.regularization);
    }
    return {
      k,
      nUsers: log.nUsers,
      nItems: log.nItems,
      userFactors: Float32Array.from(w.userFactors),
      itemFactors: Float32Array.from(w.itemFactors),
    };
  } finally {
    await w.close();
  }
}

/**
 * Implicit-ALS objective: Σ_{u,i} c_ui·(p_ui − x_u·y_i)² + λ(Σ‖x_u‖² + Σ‖y_i‖²), with p = 1 on
 * observed entries (c = 1 + w) and 0 elsewhere (c = 1). Dense O(users·items·k): tests only.
 */
export function alsLoss(rows: WeightedRows, f: AlsFactors, reg: number): number {
  const { k, nUsers, nItems, userFactors: x, itemFactors: y } = f;
  let loss = 0;
  const dense = new Float64Array(nItems);
  for (let u = 0; u < nUsers; u++) {
    dense.fill(-1);
    for (let e = rows.indptr[u]; e < rows.indptr[u + 1]; e++) dense[rows.indices[e]] = rows.weights[e];
    for (let i = 0; i < nItems; i++) {
      let d = 0;
      for (let a = 0; a < k; a++) d += x[u * k + a] * y[i * k + a];
      loss += dense[i] < 0 ? d * d : (1 + dense[i]) * (1 - d) * (1 - d);
    }
  }
  let n2 = 0;
  for (const v of x) n2 += v * v;
  for (const v of y) n2 += v * v;
  return loss + reg * n2;
}
