// A tiny protobuf writer for the ONNX messages we build in code (onnx/onnx.proto field numbers):
//   ModelProto   ir_version=1 graph=7 opset_import=8 producer_name=2
//   OperatorSetIdProto domain=1 version=2
//   GraphProto   node=1 name=2 initializer=5 input=11 output=12
//   NodeProto    input=1 output=2 name=3 op_type=4 attribute=5 domain=7
//   AttributeProto name=1 i=3 type=20 (INT=2)
//   TensorProto  dims=1 data_type=2 name=8 raw_data=9 (little-endian bytes)
//   ValueInfoProto name=1 type=2; TypeProto tensor_type=1; TypeProto.Tensor elem_type=1 shape=2
//   TensorShapeProto dim=1; Dimension dim_value=1 dim_param=2
// Only the wire types we need: varint (0) and length-delimited (2).

export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;
export const ONNX_DOUBLE = 11;
export const ONNX_UINT8 = 2;
export const ONNX_INT8 = 3;
export const ONNX_INT32 = 6;

type Bytes = Uint8Array;

function varint(n: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

function concat(parts: (Bytes | number[])[]): Bytes {
  const len = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const fieldVarint = (field: number, n: number | bigint) => [...varint((field << 3) | 0), ...varint(n)];
const fieldBytes = (field: number, b: Bytes) => concat([varint((field << 3) | 2), varint(b.length), b]);
const fieldString = (field: number, s: string) => fieldBytes(field, new TextEncoder().encode(s));

/** A dimension: a fixed size, or a named symbolic one (e.g. 'batch'). */
export type Dim = number | string;

export interface ValueInfo {
  name: string;
  elemType: number;
  dims: Dim[];
}
export interface NodeSpec {
  opType: string;
  inputs: string[];
  outputs: string[];
  intAttrs?: Record<string, number>;
  domain?: string;
}
export interface Initializer {
  name: string;
  elemType: number;
  dims: number[];
  data: Float32Array | Float64Array | BigInt64Array | Int8Array | Uint8Array;
}

function valueInfo(v: ValueInfo): Bytes {
  const dims = v.dims.map((d) => fieldBytes(1, concat([typeof d === 'number' ? fieldVarint(1, d) : fieldString(2, d)])));
  const shape = concat(dims);
  const tensorType = concat([fieldVarint(1, v.elemType), fieldBytes(2, shape)]);
  return concat([fieldString(1, v.name), fieldBytes(2, fieldBytes(1, tensorType))]);
}

function node(n: NodeSpec, idx: number): Bytes {
  const attrs = Object.entries(n.intAttrs ?? {}).map(([name, i]) =>
    fieldBytes(5, concat([fieldString(1, name), fieldVarint(3, i), fieldVarint(20, 2)])),
  );
  return concat([
    ...n.inputs.map((s) => fieldString(1, s)),
    ...n.outputs.map((s) => fieldString(2, s)),
    fieldString(3, `${n.opType.toLowerCase()}_${idx}`),
    fieldString(4, n.opType),
    ...attrs,
    ...(n.domain ? [fieldString(7, n.domain)] : []),
  ]);
}

function tensor(t: Initializer): Bytes {
  const raw = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return concat([...t.dims.map((d) => fieldVarint(1, d)), fieldVarint(2, t.elemType), fieldString(8, t.name), fieldBytes(9, raw)]);
}

/**
 * Serialised ModelProto (IR 8, default-domain opset `opset`, plus version 1 of any other node
 * domain such as com.microsoft) for InferenceSession.create(bytes).
 */
export function onnxModelBytes(g: {
  nodes: NodeSpec[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  initializers?: Initializer[];
  opset?: number;
}): Uint8Array {
  const graph = concat([
    ...g.nodes.map((n, i) => fieldBytes(1, node(n, i))),
    fieldString(2, 'nextbest'),
    ...(g.initializers ?? []).map((t) => fieldBytes(5, tensor(t))),
    ...g.inputs.map((v) => fieldBytes(11, valueInfo(v))),
    ...g.outputs.map((v) => fieldBytes(12, valueInfo(v))),
  ]);
  const opsets = [concat([fieldString(1, ''), fieldVarint(2, g.opset ?? 13)])];
  for (const d of new Set(g.nodes.map((n) => n.domain).filter((d): d is string => Boolean(d))))
    opsets.push(concat([fieldString(1, d), fieldVarint(2, 1)]));
  return concat([fieldVarint(1, 8), fieldString(2, 'nextbest'), fieldBytes(7, graph), ...opsets.map((o) => fieldBytes(8, o))]);
}
