// The coordinator's scoring over shards: prepare the all-customer context, cut the history into
// hash-partitioned shards, write both to the shared directory, run the flow, and merge the shard
// score files back into one customers × offers matrix in customer order.
import { typedJsonFromValue } from '../domain/typedJson.ts';
import { customersByShard } from './shardOfCustomer.ts';
import { shardInput } from './shardInputs.ts';
import { awaitShardFlow, type FlowOptions } from './awaitShardFlow.ts';
import { contextFile, ensureDir, inputFile, readScores, runDirOf, runIdOf, scoresFile, writeOnce } from './shardFiles.ts';
import type { PreparedScoring } from './shardContextFor.ts';

export async function shardedScores(o: FlowOptions & { shards: number }, p: PreparedScoring, customerIds: string[]): Promise<Float64Array> {
  const nO = p.context.nOffers;
  const parts = customersByShard(customerIds, o.shards);
  const ctxText = typedJsonFromValue(p.context);
  const inputTexts = parts.map((c, k) => typedJsonFromValue(shardInput(k, c, p.lines, p.extras)));
  const runId = runIdOf([ctxText, ...inputTexts]);
  const dir = runDirOf(o.shared, runId);
  await ensureDir(dir);
  await writeOnce(contextFile(dir), ctxText);
  for (let k = 0; k < parts.length; k++) await writeOnce(inputFile(dir, k), inputTexts[k]);
  const shards = parts.map((c, shard) => ({ shard, rows: c.length }));
  await awaitShardFlow(o, { runId, offers: nO, shards });
  const out = new Float64Array(customerIds.length * nO);
  for (let k = 0; k < parts.length; k++) {
    const s = await readScores(scoresFile(dir, k), parts[k].length, nO);
    if (!s) throw new Error(`run ${runId}: shard ${k}'s score file is missing after the run completed`);
    parts[k].forEach((c, r) => out.set(s.subarray(r * nO, (r + 1) * nO), c * nO));
  }
  return out;
}
