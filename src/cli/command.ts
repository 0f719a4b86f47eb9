// What every CLI command file exports, and the flag parsing they share.
import { parseArgs } from 'node:util';
import { UserError } from '../domain/errors.ts';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/** One flag's help: what it does and an example value (`--help` prints both). */
export interface FlagHelp {
  /** The flag as typed, e.g. '--per-customer K'. */
  flag: string;
  description: string;
  /** An example use, e.g. '--per-customer 3'. */
  example?: string;
}

export interface Command {
  /** Words that select it, e.g. ['tor', 'create']. */
  path: string[];
  summary: string;
  usage: string;
  /** Every flag explained with an example (shown by `--help`). */
  flags?: FlagHelp[];
  /** Whole-command examples (shown by `--help`). */
  examples?: string[];
  run(argv: string[], io: CliIO): Promise<void>;
}

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string; default?: string | boolean }>;

/** Common flags every store-reading command accepts. */
export const storeFlags = { db: { type: 'string' } } as const satisfies FlagSpec;

/**
 * Parses flags strictly (unknown flags are a usage error, exit 2). List flags (multiple: true)
 * accept repetition or commas: `--offer a --offer b` == `--offer a,b`.
 */
export function parseFlags<S extends FlagSpec>(argv: string[], spec: S, usage: string) {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
    const vals = values as Record<string, unknown>;
    for (const [k, opt] of Object.entries(spec)) {
      if (opt.multiple && Array.isArray(vals[k])) {
        vals[k] = (vals[k] as string[])
          .flatMap((v) => v.split(','))
          .map((v) => v.trim())
          .filter(Boolean);
      }
    }
    return {
      values: values as { [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : S[K]['multiple'] extends true ? string[] : string },
      positionals,
    };
  } catch (e) {
    throw new UserError(`${(e as Error).message}\nusage: ${usage}`);
  }
}

/** Parses a whole number flag within bounds, with a usage error naming the flag. */
export function intFlag(name: string, value: string | undefined, min: number, max: number, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UserError(`--${name} is required`);
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UserError(`--${name} must be a whole number from ${min} to ${max} (got '${value}')`);
  return n;
}
