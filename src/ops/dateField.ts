// An as-of style date in op input: 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM' (wall clock), checked with the
// same parser the services use, so the API refuses a bad date with a 400 naming the field instead
// of failing later inside a job.
import { z } from 'zod';
import { parseDateArg } from '../snapshot/interactions.ts';

export function dateField(what: string) {
  return z
    .string()
    .refine((s) => {
      try {
        parseDateArg(s);
        return true;
      } catch {
        return false;
      }
    }, 'use YYYY-MM-DD or YYYY-MM-DD HH:MM')
    .describe(`${what} (YYYY-MM-DD or YYYY-MM-DD HH:MM)`);
}
