// Dense matrix inverse on onnxruntime's contrib op com.microsoft::Inverse (Eigen LU, float64).
// Used by EASE on catalogues of a few thousand items where a JS O(n³) loop would take minutes.
import * as ort from 'onnxruntime-node';
import { ONNX_DOUBLE, onnxModelBytes } from './onnxProto.ts';

/** a: n×n row-major, invertible. Returns A⁻¹ (n×n row-major, Float64). */
export async function inverseOnOnnx(a: Float64Array, n: number, threads = 2): Promise<Float64Array> {
  const bytes = onnxModelBytes({
    nodes: [{ opType: 'Inverse', domain: 'com.microsoft', inputs: ['A'], outputs: ['Ainv'] }],
    inputs: [{ name: 'A', elemType: ONNX_DOUBLE, dims: [n, n] }],
    outputs: [{ name: 'Ainv', elemType: ONNX_DOUBLE, dims: [n, n] }],
  });
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: threads, interOpNumThreads: 1 });
  try {
    const out = await session.run({ A: new ort.Tensor('float64', a, [n, n]) });
    return Float64Array.from(out.Ainv.data as Float64Array);
  } finally {
    await session.release();
  }
}
