// A look-back window in op input: '30d', '12w', '6m' or 'all', checked with the services' parser
// so a bad window is a 400 naming the field.
import { z } from 'zod';
import { windowDaysFromArg } from '../offers/offerRevenue.ts';

export function windowField(fallback: string) {
  return z
    .string()
    .refine((s) => {
      try {
        windowDaysFromArg(s);
        return true;
      } catch {
        return false;
      }
    }, 'use e.g. 30d, 12w, 6m or all')
    .default(fallback)
    .describe('window before the as-of date: 30d, 12w, 6m or all');
}
