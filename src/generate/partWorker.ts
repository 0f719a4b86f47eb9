// worker_threads entry: writes one customer range of a world to its part files and reports
// progress ({ done }) and the final line counts ({ counts }) to the parent.
import { parentPort, workerData } from 'node:worker_threads';
import { writeCustomerPart, type PartTable } from './writeCustomerPart.ts';
import { worldFromOptions, type WorldOptions } from './worldFromOptions.ts';

export interface PartJob {
  options: WorldOptions;
  from: number;
  to: number;
  paths: Record<PartTable, string>;
}

const job = workerData as PartJob;
const world = worldFromOptions(job.options);
const counts = await writeCustomerPart(world, job.from, job.to, job.paths, (done) => parentPort!.postMessage({ done }));
parentPort!.postMessage({ counts });
