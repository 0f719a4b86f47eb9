// Saves a model's state (plain JSON plus typed arrays) to one file and reads it back.
// Layout: a checked prelude (modelStateHeader.ts: magic, lengths, SHA-256 of the body), then the body:
// JSON header, padding, then each typed array's bytes (8-aligned in the file, as the prelude is 50 bytes).
// In the header a typed array is {"$ta": "Float32Array", "off": byte offset in payload, "len": elements}.
// A typed array that appears several times in the state (e.g. the purchase rows every component of a blend
// keeps: the same view of the same buffer) is written once; read back, its copies share that memory again.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { noSpaceError } from '../export/noSpaceError.ts';
import { bodyHash, checkModelStatePrelude, DamagedModelState, modelStatePrelude, PRELUDE_BYTES } from './modelStateHeader.ts';

type TA = Float32Array | Float64Array | Int32Array | Uint8Array | BigInt64Array;
const CTORS: Record<string, new (buf: ArrayBuffer, off: number, len: number) => TA> = {
  Float32Array,
  Float64Array,
  Int32Array,
  Uint8Array,
  BigInt64Array,
};

/** Writes to `path + '.tmp'` then renames, so readers never see half a file; the checksum catches any other damage. */
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
    const hash = bodyHash();
    let body = 0;
    const put = (b: Uint8Array) => {
      hash.update(b);
      writeSync(fd, b, 0, b.length, PRELUDE_BYTES + body);
      body += b.length;
    };
    put(head);
    const pad = (PRELUDE_BYTES + head.length) % 8;
    if (pad) put(Buffer.alloc(8 - pad));
    for (const a of arrays) {
      put(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      const p = a.byteLength % 8;
      if (p) put(Buffer.alloc(8 - p));
    }
    writeSync(fd, modelStatePrelude(head.length, body, hash.digest()), 0, PRELUDE_BYTES, 0);
    fsyncSync(fd);
  } catch (e) {
    // A full disk (ENOSPC) or any other write failure leaves no half file behind; the previous state stays.
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw noSpaceError(e, path) ?? e;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

/** Reads a state file; a truncated, foreign or corrupted one throws DamagedModelState (never a raw RangeError). */
export function readModelState<T = Record<string, unknown>>(path: string): T {
  const buf = readFileSync(path);
  const hlen = checkModelStatePrelude(path, buf);
  const hstart = PRELUDE_BYTES;
  let pstart = hstart + hlen;
  if (pstart % 8) pstart += 8 - (pstart % 8);
  // Copy the payload to its own aligned ArrayBuffer so typed views are valid.
  const payload = new Uint8Array(Math.max(0, buf.length - pstart));
  payload.set(buf.subarray(pstart));
  try {
    return JSON.parse(buf.subarray(hstart, hstart + hlen).toString('utf8'), (_k, v) => {
      if (v && typeof v === 'object' && typeof v.$ta === 'string') {
        const C = CTORS[v.$ta];
        if (!C) throw new Error(`unknown array type ${v.$ta}`);
        return new C(payload.buffer, v.off, v.len);
      }
      return v;
    }) as T;
  } catch (e) {
    // A checksum-valid file can still be from a nextbest whose layout differs.
    throw new DamagedModelState(path, (e as Error).message);
  }
}
