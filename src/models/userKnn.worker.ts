// Worker entry for user-kNN neighbour blocks (see src/math/workerPool.ts).
import { serveTasks } from '../math/workerPool.ts';
import { userNeighboursForRange, type UserKnnInput, type UserNeighbourBlock } from './userKnnNeighbours.ts';

serveTasks<UserKnnInput, { from: number; to: number }, UserNeighbourBlock>((shared, task) => {
  const block = userNeighboursForRange(shared, task);
  return { result: block, transfer: [block.users.buffer as ArrayBuffer, block.sims.buffer as ArrayBuffer] };
});
