// A TOR compute whose scoring runs on `nextbest worker` processes through Redis; everything else —
// history, audience, guardrails, global allocation with its volume limits, staging, the one commit —
// is the single-process computeTor, so the results are the same rows.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { getTor } from '../store/torTable.ts';
import { computeTor, type ComputeSummary } from '../tor/computeTor.ts';
import type { TorScorer } from '../tor/torScorers.ts';
import { assertDistributable, shardContextFor } from './shardContextFor.ts';
import { shardedScores } from './shardedScores.ts';

export interface DistributedCompute {
  redis: string;
  shards: number;
  /** The directory shared with the workers (same content; each machine may mount it at its own path). */
  shared: string;
  timeoutSeconds?: number;
}

export async function computeTorDistributed(
  store: Store,
  torId: string,
  d: DistributedCompute,
  onProgress: (fraction: number, stage: string) => void = () => {},
): Promise<ComputeSummary> {
  const shared = resolve(d.shared);
  if (!(await stat(shared).catch(() => null))?.isDirectory()) throw new UserError(`--shared: ${d.shared} is not a directory`);
  const s = (await getTor(store, torId)).settings;
  if (s.objective === 'uplift') throw new UserError('the uplift objective is computed on one machine: compute without --redis');
  assertDistributable(s.model);
  const scorer =
    (model: string, customerIds: string[]): TorScorer =>
    async (i) => {
      const p = await shardContextFor(model, i);
      const log = (line: string) => i.log(`distributed: ${line}`);
      const flow = { redis: d.redis, shared, shards: d.shards, timeoutMs: (d.timeoutSeconds ?? 3600) * 1000, redisDownMs: 30_000, log };
      const scores = await shardedScores(flow, p, customerIds);
      return { model: p.model, scores, probabilities: p.probabilities, quality: p.quality };
    };
  return computeTor(store, torId, onProgress, { scorer });
}
