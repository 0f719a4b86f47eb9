// WebAssembly (with 128-bit SIMD) bytes of the implicit-ALS conjugate-gradient sweep, assembled
// in code. Same algorithm as src/models/alsSweep.ts, in float32 with f32x4 vectors, so a row's
// dot products and axpys run 4 lanes at a time (2 accumulators) and the whole sweep stays inside
// wasm (no per-entry JS↔wasm calls). Exported functions (pointers are byte offsets in memory):
//   sweep(indptr, indices, weights, X, Y, G, k, cgSteps, from, to, scratch)
//     X: rows×k f32 (updated in place), Y: cols×k f32, G: k×k f32 (YᵀY + λI),
//     scratch: 3·k f32, k a multiple of 8.
//   gram(Y, n, k, G): G = YᵀY (k×k f32) for Y n×k.
// Memory is imported as env.mem (shared when used from several threads).

const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n);
  return out;
}
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}
const f32c = (v: number) => [0x43, ...new Uint8Array(Float32Array.of(v).buffer)];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const str = (s: string) => vec([...new TextEncoder().encode(s)].map((b) => [b]));

// Instruction helpers.
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32c = (v: number) => [0x41, ...sleb(v)];
const call = (f: number) => [0x10, ...uleb(f)];
const I = { add: [0x6a], sub: [0x6b], mul: [0x6c], shl: [0x74], ltu: [0x49], geu: [0x4f], eqz: [0x45], load: [0x28, 2, 0] };
const F = { add: [0x92], sub: [0x93], mul: [0x94], div: [0x95], neg: [0x8c], gt: [0x5e], lt: [0x5d], ne: [0x5c], load: [0x2a, 2, 0], store: [0x38, 2, 0] };
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const V = { load: simd(0, 4, 0), store: simd(11, 4, 0), splat: simd(19), add: simd(228), mul: simd(230), lane: (l: number) => simd(31, l), zero: simd(12, ...new Array(16).fill(0)) };
const block = (...body: number[][]) => [0x02, 0x40, ...body.flat(), 0x0b];
const loop = (...body: number[][]) => [0x03, 0x40, ...body.flat(), 0x0b];
const iff = (...body: number[][]) => [0x04, 0x40, ...body.flat(), 0x0b];
const br = (d: number) => [0x0c, ...uleb(d)];
const brIf = (d: number) => [0x0d, ...uleb(d)];

// Function indices.
const DOT = 0, AXPY = 1, GEMV = 2, SCAL = 3, SWEEP = 4, GRAM = 5;

// dot(a, b, nBytes) -> f32 ; nBytes a multiple of 32. Locals: 3 i, 4 acc0, 5 acc1
const dot = {
  params: [I32, I32, I32], results: [F32], locals: [[1, I32], [2, V128]],
  body: [
    ...V.zero, ...set(4), ...V.zero, ...set(5), ...i32c(0), ...set(3),
    ...loop(
      get(4), get(0), get(3), I.add, V.load, get(1), get(3), I.add, V.load, V.mul, V.add, set(4),
      get(5), get(0), get(3), I.add, i32c(16), I.add, V.load, get(1), get(3), I.add, i32c(16), I.add, V.load, V.mul, V.add, set(5),
      get(3), i32c(32), I.add, set(3), get(3), get(2), I.ltu, brIf(0),
    ),
    ...get(4), ...get(5), ...V.add, ...set(4),
    ...get(4), ...V.lane(0), ...get(4), ...V.lane(1), ...F.add, ...get(4), ...V.lane(2), ...get(4), ...V.lane(3), ...F.add, ...F.add,
  ],
};

// axpy(alpha, x, y, nBytes): y += alpha·x. Locals: 4 i, 5 s
const axpy = {
  params: [F32, I32, I32, I32], results: [], locals: [[1, I32], [1, V128]],
  body: [
    ...get(0), ...V.splat, ...set(5), ...i32c(0), ...set(4),
    ...loop(
      get(2), get(4), I.add, get(2), get(4), I.add, V.load, get(5), get(1), get(4), I.add, V.load, V.mul, V.add, V.store,
      get(4), i32c(16), I.add, set(4), get(4), get(3), I.ltu, brIf(0),
    ),
  ],
};

// gemv(G, x, out, k): out[a] = G[a,:]·x. Locals: 4 a, 5 nBytes
const gemv = {
  params: [I32, I32, I32, I32], results: [], locals: [[2, I32]],
  body: [
    ...get(3), ...i32c(2), ...I.shl, ...set(5), ...i32c(0), ...set(4),
    ...loop(
      get(2), get(4), i32c(2), I.shl, I.add,
      get(0), get(4), get(5), I.mul, I.add, get(1), get(5), call(DOT), F.store,
      get(4), i32c(1), I.add, set(4), get(4), get(3), I.ltu, brIf(0),
    ),
  ],
};

// scal(alpha, y, nBytes): y *= alpha. Locals: 3 i, 4 s
const scal = {
  params: [F32, I32, I32], results: [], locals: [[1, I32], [1, V128]],
  body: [
    ...get(0), ...V.splat, ...set(4), ...i32c(0), ...set(3),
    ...loop(get(1), get(3), I.add, get(1), get(3), I.add, V.load, get(4), V.mul, V.store, get(3), i32c(16), I.add, set(3), get(3), get(2), I.ltu, brIf(0)),
  ],
};

// sweep params: 0 indptr 1 indices 2 weights 3 X 4 Y 5 G 6 k 7 steps 8 from 9 to 10 scratch
// locals (i32): 11 u 12 e 13 start 14 end 15 nb 16 xrow 17 r 18 p 19 ap 20 yo 21 it
// locals (f32): 22 w 23 d 24 rsold 25 rsnew 26 pap 27 alpha
const P = { indptr: 0, indices: 1, weights: 2, X: 3, Y: 4, G: 5, k: 6, steps: 7, from: 8, to: 9, scratch: 10 };
const L = { u: 11, e: 12, start: 13, end: 14, nb: 15, xrow: 16, r: 17, p: 18, ap: 19, yo: 20, it: 21, w: 22, d: 23, rsold: 24, rsnew: 25, pap: 26, alpha: 27 };
const loadAt = (base: number, idx: number, op: number[]) => [...get(base), ...get(idx), ...i32c(2), ...I.shl, ...I.add, ...op];
// yo = Y + indices[e]·nb ; w = weights[e]
const entryHead = [...get(P.Y), ...loadAt(P.indices, L.e, I.load), ...get(L.nb), ...I.mul, ...I.add, ...set(L.yo), ...loadAt(P.weights, L.e, F.load), ...set(L.w)];
const entries = (...body: number[][]) => [
  ...get(L.start), ...set(L.e),
  ...block(loop(get(L.e), get(L.end), I.geu, brIf(1), ...body, get(L.e), i32c(1), I.add, set(L.e), br(0))),
];
const sweep = {
  params: new Array(11).fill(I32), results: [], locals: [[11, I32], [6, F32]],
  body: [
    ...get(P.k), ...i32c(2), ...I.shl, ...set(L.nb),
    ...get(P.scratch), ...set(L.r), ...get(P.scratch), ...get(L.nb), ...I.add, ...set(L.p), ...get(L.p), ...get(L.nb), ...I.add, ...set(L.ap),
    ...get(P.from), ...set(L.u),
    ...block(loop(
      get(L.u), get(P.to), I.geu, brIf(1),
      get(P.X), get(L.u), get(L.nb), I.mul, I.add, set(L.xrow),
      loadAt(P.indptr, L.u, I.load), set(L.start),
      get(P.indptr), get(L.u), i32c(2), I.shl, I.add, i32c(4), I.add, I.load, set(L.end),
      // r = −G·x + Σ (1 + w − w·(y·x))·y
      get(P.G), get(L.xrow), get(L.r), get(P.k), call(GEMV),
      f32c(-1), get(L.r), get(L.nb), call(SCAL),
      entries(entryHead,
        get(L.yo), get(L.xrow), get(L.nb), call(DOT), set(L.d),
        f32c(1), get(L.w), F.add, get(L.w), get(L.d), F.mul, F.sub, get(L.yo), get(L.r), get(L.nb), call(AXPY)),
      // p = r ; rsold = r·r
      f32c(0), get(L.p), get(L.nb), call(SCAL), f32c(1), get(L.r), get(L.p), get(L.nb), call(AXPY),
      get(L.r), get(L.r), get(L.nb), call(DOT), set(L.rsold),
      get(L.rsold), f32c(1e-20), F.gt,
      iff(
        i32c(0), set(L.it),
        block(loop(
          get(L.it), get(P.steps), I.geu, brIf(1),
          // ap = G·p + Σ w·(y·p)·y
          get(P.G), get(L.p), get(L.ap), get(P.k), call(GEMV),
          entries(entryHead, get(L.w), f32c(0), F.ne,
            iff(get(L.w), get(L.yo), get(L.p), get(L.nb), call(DOT), F.mul, get(L.yo), get(L.ap), get(L.nb), call(AXPY))),
          get(L.p), get(L.ap), get(L.nb), call(DOT), set(L.pap),
          get(L.pap), f32c(0), F.gt, I.eqz, brIf(1),
          get(L.rsold), get(L.pap), F.div, set(L.alpha),
          get(L.alpha), get(L.p), get(L.xrow), get(L.nb), call(AXPY),
          get(L.alpha), F.neg, get(L.ap), get(L.r), get(L.nb), call(AXPY),
          get(L.r), get(L.r), get(L.nb), call(DOT), set(L.rsnew),
          get(L.rsnew), f32c(1e-20), F.lt, brIf(1),
          // p = r + (rsnew/rsold)·p
          get(L.rsnew), get(L.rsold), F.div, get(L.p), get(L.nb), call(SCAL),
          f32c(1), get(L.r), get(L.p), get(L.nb), call(AXPY),
          get(L.rsnew), set(L.rsold),
          get(L.it), i32c(1), I.add, set(L.it), br(0),
        )),
      ),
      get(L.u), i32c(1), I.add, set(L.u), br(0),
    )),
  ],
};

// gram(Y, n, k, G): G = Σ_i y_i·y_iᵀ (k×k f32, full matrix), row-wise G[a,:] += y_ia·y_i.
// Locals: 4 i, 5 a, 6 nb, 7 yrow
const gram = {
  params: [I32, I32, I32, I32], results: [], locals: [[4, I32]],
  body: [
    ...get(2), ...i32c(2), ...I.shl, ...set(6),
    ...f32c(0), ...get(3), ...get(2), ...get(6), ...I.mul, ...call(SCAL),
    ...i32c(0), ...set(4),
    ...block(loop(
      get(4), get(1), I.geu, brIf(1),
      get(0), get(4), get(6), I.mul, I.add, set(7),
      i32c(0), set(5),
      loop(
        get(7), get(5), i32c(2), I.shl, I.add, F.load, get(7), get(3), get(5), get(6), I.mul, I.add, get(6), call(AXPY),
        get(5), i32c(1), I.add, set(5), get(5), get(2), I.ltu, brIf(0),
      ),
      get(4), i32c(1), I.add, set(4), br(0),
    )),
  ],
};

/** The module bytes; `shared` imports a shared memory (for worker threads) of at most maxPages. */
export function cgWasmBytes(shared: boolean, maxPages: number): Uint8Array {
  const funcs = [dot, axpy, gemv, scal, sweep, gram];
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))]);
  const limits = shared ? [0x03, ...uleb(1), ...uleb(maxPages)] : [0x00, ...uleb(1)];
  const imports = vec([[...str('env'), ...str('mem'), 0x02, ...limits]]);
  const codes = funcs.map((f) => {
    const body = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.body, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(7, vec([[...str('sweep'), 0x00, ...uleb(SWEEP)], [...str('dot'), 0x00, ...uleb(DOT)], [...str('gram'), 0x00, ...uleb(GRAM)]])),
    ...section(10, vec(codes)),
  ]);
}
