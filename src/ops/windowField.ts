// A look-back window in op input: '30d', '12w', '6m' or 'all', checked with the services' parser
// so a bad window is a 400 naming the field. `{ days: true }` asks for whole days instead: 'all' and
// zero are refused (attribution and churn windows after a contact).
import { z } from 'zod';
import { windowDaysFromArg } from '../offers/offerRevenue.ts';

export function windowField(fallback: string, o: { days?: boolean; what?: string } = {}) {
  const what = o.what ?? 'window before the as-of date';
  return z
    .string()
    .refine(
      (s) => {
        try {
          const days = windowDaysFromArg(s);
          return !o.days || (days ?? 0) >= 1;
        } catch {
          return false;
        }
      },
      o.days ? `${what}: use a positive number of days, weeks or months, e.g. 14d, 2w or 1m` : 'use e.g. 30d, 12w, 6m or all',
    )
    .default(fallback)
    .describe(o.days ? `${what}, e.g. ${fallback}` : `${what}: 30d, 12w, 6m or all`);
}
