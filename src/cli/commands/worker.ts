// `nextbest worker`: a scale-out worker for distributed TOR computes. It is not an operation on a
// store (it never opens one): it serves Redis jobs until stopped, reading and writing the shared directory.
import type { Command } from '../command.ts';
import { intFlag, parseFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { runWorker } from '../../scaleout/runWorker.ts';

const usage = 'nextbest worker --redis URL --shared DIR [--concurrency N] [--lock-ms MS]';

export const workerCommand: Command = {
  path: ['worker'],
  summary: 'score shards of distributed TOR computes (`tor compute --redis`): needs Redis and the shared directory, no store',
  usage,
  flags: [
    { flag: '--redis URL', description: 'the Redis the coordinator enqueues on', example: '--redis redis://10.0.0.5:6379' },
    { flag: '--shared DIR', description: 'the shared directory (this machine’s path to it)', example: '--shared /mnt/nextbest' },
    {
      flag: '--concurrency N',
      description: 'shards scored at once, each in its own child process (default 1)',
      example: '--concurrency 4',
    },
    {
      flag: '--lock-ms MS',
      description: 'shard lock time; a dead worker’s shard goes to another after about this long (default 30000)',
      example: '--lock-ms 10000',
    },
  ],
  examples: ['nextbest worker --redis redis://10.0.0.5:6379 --shared /mnt/nextbest --concurrency 4'],
  async run(argv, io) {
    const flags = {
      redis: { type: 'string' },
      shared: { type: 'string' },
      concurrency: { type: 'string' },
      'lock-ms': { type: 'string' },
    } as const;
    const { values, positionals } = parseFlags(argv, flags, usage);
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
    if (!values.redis || !values.shared) throw new UserError(`give --redis URL and --shared DIR\nusage: ${usage}`);
    const worker = await runWorker({
      redis: values.redis,
      shared: values.shared,
      concurrency: intFlag('concurrency', values.concurrency, 1, 256, 1),
      lockMs: intFlag('lock-ms', values['lock-ms'], 1000, 3_600_000, 30_000),
      log: (line) => io.err(`${new Date().toISOString()} ${line}\n`),
    });
    await new Promise<void>((resolveStop) => {
      const stop = (sig: string) => {
        io.err(`${sig}: finishing the shards in progress…\n`);
        void worker.close().then(() => resolveStop());
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
  },
};
