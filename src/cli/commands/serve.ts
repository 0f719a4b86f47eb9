// `nextbest serve`: the server that owns the store; every other command then goes through it.
import type { Command } from '../command.ts';
import { intFlag, parseFlags, storeFlags } from '../command.ts';
import { UserError } from '../../domain/errors.ts';
import { storePathFrom } from '../../client/callOp.ts';
import { startServer } from '../../server/startServer.ts';
import { DB_FLAG_HELP } from '../flagHelp.ts';

const usage = 'nextbest serve [--port 8080] [--host 127.0.0.1] [--db PATH] [--rate-limit N] [--jobs N] [--files DIR…]';

export const serveCommand: Command = {
  path: ['serve'],
  summary: 'run the server: REST API under /v1, dashboard, jobs; it owns the store and the CLI goes through it',
  usage,
  flags: [
    { flag: '--port N', description: 'TCP port to listen on (0 = any free port)', example: '--port 8080' },
    {
      flag: '--host ADDR',
      description: 'address to bind; 127.0.0.1 (this machine only) unless you say otherwise',
      example: '--host 0.0.0.0',
    },
    { flag: '--rate-limit N', description: 'requests per second allowed to one API key (default 2000)', example: '--rate-limit 500' },
    {
      flag: '--files DIR',
      description:
        "folders that API keys and dashboard users may import from and export to (repeatable; default: the store's folder). The local CLI is not limited",
      example: '--files /srv/nextbest/files',
    },
    {
      flag: '--jobs N',
      description: 'long jobs (imports, computes, exports) running at once; the rest wait in order (default 3)',
      example: '--jobs 2',
    },
    DB_FLAG_HELP,
  ],
  examples: [
    'nextbest serve',
    'nextbest serve --db .nextbest-demo/demo.duckdb --port 8080',
    'nextbest keys create --role service --name crm',
  ],
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        ...storeFlags,
        port: { type: 'string' },
        host: { type: 'string' },
        'rate-limit': { type: 'string' },
        jobs: { type: 'string' },
        files: { type: 'string', multiple: true },
      },
      usage,
    );
    if (positionals.length) throw new UserError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
    const server = await startServer({
      db: storePathFrom(values.db, io.env),
      port: intFlag('port', values.port, 0, 65535, 8080),
      host: values.host ?? '127.0.0.1',
      rateLimit: intFlag('rate-limit', values['rate-limit'], 1, 1_000_000, 2000),
      concurrency: intFlag('jobs', values.jobs, 1, 32, 3),
      fileRoots: values.files,
      log: (line) => io.err(line + '\n'),
    });
    io.out(
      `nextbest serving ${server.ctx.store.path}\n  API:  ${server.url}/v1  (docs: ${server.url}/docs)\n` +
        `${server.ctx.webRoot ? `  dashboard: ${server.url}/\n` : ''}  other nextbest commands on this store now go through the server; Ctrl+C stops it\n`,
    );
    await new Promise<void>((resolveStop) => {
      const stop = (sig: string) => {
        io.err(`${sig}: stopping (finishing or cancelling running jobs)…\n`);
        void server.close().then(() => {
          io.err('stopped\n');
          resolveStop();
        });
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
  },
};
