// Saves a model's state (plain JSON plus typed arrays) to one file and reads it back.
// Layout: "NBMS1\n", u32 LE header length, JSON header, then each typed array's bytes (8-aligned).
// In the header a typed array is {"$ta": "Float32Array", "off": byte offset in payload, "len": elements}.
// A typed array that appears several times in the state (e.g. the purchase rows every component of a blend
// keeps: the same view of the same buffer) is written once; read back, its copies share that memory again.
import { closeSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

const MAGIC = 'NBMS1\n';
type TA = Float32Array | Float64Array | Int32Array | Uint8Array | BigInt64Array;
const CTORS: Record<string, new (buf: ArrayBuffer, off: number, len: number) => TA> = {
  Float32Array,
  Float64Array,
  Int32Array,
  Uint8Array,
  BigInt64Array,
};

/** Writes to `path + '.tmp'` then renames, so readers never see half a file. */
export function writeModelState(path: string, state: unknown): void {
  const arrays: TA[] = [];
  const written = new Map<ArrayBufferLike, { ta: TA; off: number }[]>();
  let off = 0;
  const header = JSON.stringify(state, function (this: unknown, _k, v) {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const ta = v as TA;
      const views = written.get(ta.buffer) ?? [];
      const same = views.find((w) => w.ta.constructor === ta.constructor && w.ta.byteOffset === ta.byteOffset && w.ta.length === ta.length);
      if (same) return { $ta: ta.constructor.name, off: same.off, len: ta.length };
      views.push({ ta, off });
      written.set(ta.buffer, views);
      const entry = { $ta: ta.constructor.name, off, len: ta.length };
      arrays.push(ta);
      off += Math.ceil(ta.byteLength / 8) * 8;
      return entry;
    }
    return v;
  });
  const head = Buffer.from(header, 'utf8');
  const tmp = path + '.tmp';
  const fd = openSync(tmp, 'w');
  try {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(head.length);
    writeSync(fd, Buffer.from(MAGIC));
    writeSync(fd, len);
    writeSync(fd, head);
    const pad = (MAGIC.length + 4 + head.length) % 8;
    if (pad) writeSync(fd, Buffer.alloc(8 - pad));
    for (const a of arrays) {
      writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      const p = a.byteLength % 8;
      if (p) writeSync(fd, Buffer.alloc(8 - p));
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export function readModelState<T = Record<string, unknown>>(path: string): T {
  const buf = readFileSync(path);
  if (buf.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error(`${path} is not a nextbest model state file`);
  const hlen = buf.readUInt32LE(MAGIC.length);
  const hstart = MAGIC.length + 4;
  let pstart = hstart + hlen;
  if (pstart % 8) pstart += 8 - (pstart % 8);
  // Copy the payload to its own aligned ArrayBuffer so typed views are valid.
  const payload = new Uint8Array(buf.length - pstart);
  payload.set(buf.subarray(pstart));
  return JSON.parse(buf.subarray(hstart, hstart + hlen).toString('utf8'), (_k, v) => {
    if (v && typeof v === 'object' && typeof v.$ta === 'string') {
      const C = CTORS[v.$ta];
      if (!C) throw new Error(`unknown array type ${v.$ta} in ${path}`);
      return new C(payload.buffer, v.off, v.len);
    }
    return v;
  }) as T;
}
