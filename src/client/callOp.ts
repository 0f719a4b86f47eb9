// How the CLI runs an op: through the API when a live server holds the store (the server owns it:
// DuckDB allows one process), in this process otherwise. Either way the result is plain JSON, so
// the command prints the same thing.
import type { CliIO } from '../cli/command.ts';
import { UserError } from '../domain/errors.ts';
import { plainJson, type Op, type OpContext } from '../ops/op.ts';
import { Store } from '../store/store.ts';
import { failInterruptedWork } from '../jobs/failInterruptedWork.ts';
import { callRemote } from './apiClient.ts';
import { liveServer } from './discovery.ts';

export interface CallHooks {
  progress?: OpContext['progress'];
  log?: OpContext['log'];
}

/** Resolves the store path: --db, then NEXTBEST_DB, then ./nextbest.duckdb. */
export function storePathFrom(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? env.NEXTBEST_DB ?? 'nextbest.duckdb';
}

export async function callOp<I, O>(io: CliIO, dbFlag: string | undefined, op: Op<I, O>, input: I, hooks: CallHooks = {}): Promise<O> {
  const path = storePathFrom(dbFlag, io.env);
  const ctx = { progress: hooks.progress ?? (() => {}), log: hooks.log ?? ((line: string) => io.err(line + '\n')) };
  const checked = op.input.safeParse(input);
  if (!checked.success) {
    // The same field-named message the API gives, as a usage error (exit 2).
    throw new UserError(checked.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  }
  const parsed = checked.data as I;
  const server = path === ':memory:' ? null : liveServer(path);
  if (server) return callRemote<O>(server, op, parsed as Record<string, unknown>, ctx);
  const store = await Store.open(path, { mustExist: !op.createsStore });
  try {
    await failInterruptedWork(store);
    return plainJson(await op.run(store, parsed, { ...ctx, actor: 'cli' }));
  } finally {
    store.close();
  }
}
