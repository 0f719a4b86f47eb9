// JSON that keeps typed arrays (models are plain objects with typed arrays inside):
// a typed array becomes { "$typed": "Float32Array", "b64": "…" } (little-endian bytes).
const CTORS = { Float64Array, Float32Array, Int32Array, Uint8Array, Int16Array, Uint16Array, Uint32Array, Int8Array } as const;
type CtorName = keyof typeof CTORS;

export function typedJsonFromValue(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const name = v.constructor.name as CtorName;
      if (!(name in CTORS)) throw new Error(`typedJson: unsupported ${name}`);
      return { $typed: name, b64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    }
    if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) }; // NaN, ±Infinity survive
    return v;
  });
}

export function valueFromTypedJson<T>(text: string): T {
  return JSON.parse(text, (_k, v) => {
    if (v && typeof v === 'object' && typeof v.$typed === 'string' && typeof v.b64 === 'string') {
      const bytes = Buffer.from(v.b64, 'base64');
      const Ctor = CTORS[v.$typed as CtorName];
      const copy = new Uint8Array(bytes.length);
      copy.set(bytes);
      return new Ctor(copy.buffer, 0, bytes.length / Ctor.BYTES_PER_ELEMENT);
    }
    if (v && typeof v === 'object' && typeof v.$num === 'string' && Object.keys(v).length === 1) return Number(v.$num);
    return v;
  }) as T;
}
