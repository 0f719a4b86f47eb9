// `nextbest tor compute ID` (alias `tor recompute`): runs the compute job with progress on stderr.
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { torComputeOp } from '../../ops/torComputeOp.ts';
import type { ComputeSummary } from '../../tor/computeTor.ts';
import { progressOnStderr } from '../progress.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

function computeCommand(word: 'compute' | 'recompute'): Command {
  const usage = `nextbest tor ${word} <id> [--db PATH] [--json] [--redis URL --shared DIR [--shards N]]`;
  return {
    path: ['tor', word],
    summary:
      word === 'compute' ? 'compute a TOR: score, rank and assign offers for every customer' : 'compute a TOR again on the current data',
    usage,
    flags: [
      { flag: '<id>', description: 'the TOR to compute (as printed by `tor create` or listed by `tor list`)', example: 'tor-1' },
      { flag: '--json', description: 'print the compute summary as one JSON object instead of a sentence', example: '--json' },
      {
        flag: '--redis URL',
        description: 'score on `nextbest worker` processes through this Redis (BullMQ)',
        example: '--redis redis://10.0.0.5:6379',
      },
      {
        flag: '--shared DIR',
        description: 'with --redis: the directory the workers share (model, history partitions, scores)',
        example: '--shared /mnt/nextbest',
      },
      { flag: '--shards N', description: 'with --redis: customer shards, hash-partitioned (default 8)', example: '--shards 16' },
      DB_FLAG_HELP,
    ],
    examples: [`nextbest tor ${word} tor-1`, `nextbest tor ${word} tor-1 --db shop.duckdb --json`],
    async run(argv, io) {
      const flags = {
        ...storeFlags,
        json: { type: 'boolean' },
        redis: { type: 'string' },
        shared: { type: 'string' },
        shards: { type: 'string' },
      } as const;
      const { values, positionals } = parseFlags(argv, flags, usage);
      if (positionals.length !== 1) throw new UserError(`give exactly one TOR id\nusage: ${usage}`);
      const distributed = distributedFlags(values, usage);
      const bar = progressOnStderr(`computing ${positionals[0]}`, io.err);
      const summary: ComputeSummary = await callOp(
        io,
        values.db,
        torComputeOp,
        { id: positionals[0], ...(distributed ? { distributed } : {}) },
        { progress: (f, stage) => bar.update(Math.round(f * 100), 100, stage) },
      );
      bar.done(`${summary.customers} customers, ${summary.assignments} assignments`);
      io.out(
        values.json
          ? JSON.stringify(summary) + '\n'
          : `${summary.torId} ready for export: ${summary.customers} customers, ${summary.assignments} assignments in ${summary.seconds.toFixed(2)}s (as of ${summary.asOf.slice(0, 10)})\n`,
      );
    },
  };
}

function distributedFlags(v: { redis?: string; shared?: string; shards?: string }, usage: string) {
  if (!v.redis) {
    if (v.shared || v.shards) throw new UserError(`--shared and --shards go with --redis URL\nusage: ${usage}`);
    return null;
  }
  if (!v.shared) throw new UserError(`--redis needs --shared DIR (the directory the workers read and write)\nusage: ${usage}`);
  const shards = v.shards === undefined ? 8 : Number(v.shards);
  if (!Number.isInteger(shards) || shards < 1) throw new UserError(`--shards: '${v.shards}' is not a whole number ≥ 1`);
  return { redis: v.redis, shared: v.shared, shards };
}

export const torComputeCommand = computeCommand('compute');
export const torRecomputeCommand = computeCommand('recompute');
