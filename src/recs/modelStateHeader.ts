// The fixed prelude of a saved model state file, so a truncated, overwritten or foreign file is
// recognised before a byte of it is trusted (a bad offset would otherwise surface as a raw
// RangeError deep in a typed-array view):
//   magic "NBMS2\n" (6 bytes) | u32 LE JSON header length | u64 LE body length | SHA-256 of the body (32 bytes)
// where the body is everything after the prelude (JSON header, padding, array bytes).
import { createHash, type Hash } from 'node:crypto';

export const MODEL_STATE_MAGIC = 'NBMS2\n';
export const PRELUDE_BYTES = MODEL_STATE_MAGIC.length + 4 + 8 + 32;

/** A saved state that cannot be used; `reason` says why, for the "refitting" message. */
export class DamagedModelState extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`saved model state ${path} is damaged (${reason})`);
    this.name = 'DamagedModelState';
  }
}

export function modelStatePrelude(headerLength: number, bodyLength: number, sha256: Buffer): Buffer {
  const b = Buffer.alloc(PRELUDE_BYTES);
  b.write(MODEL_STATE_MAGIC, 0, 'latin1');
  b.writeUInt32LE(headerLength, 6);
  b.writeBigUInt64LE(BigInt(bodyLength), 10);
  sha256.copy(b, 18);
  return b;
}

export function bodyHash(): Hash {
  return createHash('sha256');
}

/** Checks the prelude against the whole file; returns the JSON header length or throws DamagedModelState. */
export function checkModelStatePrelude(path: string, file: Buffer): number {
  if (file.length < PRELUDE_BYTES) {
    if (file.subarray(0, 5).toString('latin1') === MODEL_STATE_MAGIC.slice(0, 5)) {
      throw new DamagedModelState(path, `truncated: ${file.length} bytes, shorter than its ${PRELUDE_BYTES}-byte header`);
    }
    throw new DamagedModelState(path, `not a nextbest model state file: ${file.length} bytes`);
  }
  const magic = file.subarray(0, MODEL_STATE_MAGIC.length).toString('latin1');
  if (magic !== MODEL_STATE_MAGIC) {
    throw new DamagedModelState(
      path,
      magic === 'NBMS1\n' ? 'format version 1, from an older nextbest: no checksum' : 'not a nextbest model state file: unknown magic',
    );
  }
  const headerLength = file.readUInt32LE(6);
  const bodyLength = Number(file.readBigUInt64LE(10));
  const body = file.subarray(PRELUDE_BYTES);
  if (body.length !== bodyLength) {
    const what = body.length < bodyLength ? 'truncated' : 'extra bytes';
    throw new DamagedModelState(path, `${what}: ${body.length} of ${bodyLength} body bytes`);
  }
  if (headerLength > bodyLength) throw new DamagedModelState(path, `header length ${headerLength} exceeds the body`);
  if (!bodyHash().update(body).digest().equals(file.subarray(18, 50))) throw new DamagedModelState(path, 'SHA-256 checksum mismatch');
  return headerLength;
}
