// Help entries for flags many commands share.
import type { FlagHelp } from './command.ts';

export const DB_FLAG_HELP: FlagHelp = {
  flag: '--db PATH',
  description:
    'the store (a DuckDB file); default $NEXTBEST_DB, else ./nextbest.duckdb. With `nextbest serve` running on it, the command goes through the server',
  example: '--db shop.duckdb',
};

export const JSON_FLAG_HELP: FlagHelp = {
  flag: '--json',
  description: 'print the result as JSON (one object per line) for scripts',
  example: '--json',
};
