// Worker entry for item-kNN neighbour blocks (see src/math/workerPool.ts).
import { serveTasks } from '../math/workerPool.ts';
import { neighboursForRange, type KnnInput, type NeighbourBlock } from './itemKnnNeighbours.ts';

serveTasks<KnnInput, { from: number; to: number }, NeighbourBlock>((shared, task) => {
  const block = neighboursForRange(shared, task);
  return { result: block, transfer: [block.items.buffer as ArrayBuffer, block.sims.buffer as ArrayBuffer] };
});
