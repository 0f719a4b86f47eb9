// loyalty.settings.set: changes some programme settings; the others keep their value.
import { z } from 'zod';
import { MAX_CELLS, setLoyaltySettings } from '../loyalty/loyaltySettings.ts';
import { defineOp } from './op.ts';

export const loyaltySettingsSetOp = defineOp({
  name: 'loyalty.settings.set',
  summary: 'Change the loyalty programme settings (cells, autofill, lockDays); fields left out keep their value',
  method: 'PATCH',
  path: '/v1/loyalty/settings',
  access: 'write',
  input: z.object({
    cells: z.number().int().min(1).max(MAX_CELLS).optional().describe('favourite-product cells per member'),
    autofill: z.boolean().optional().describe("fill empty cells from last month's purchases, else recommendations"),
    lockDays: z.number().int().min(0).max(366).optional().describe("days a member's own pick is locked for the member"),
  }),
  run: (store, i) => setLoyaltySettings(store, i),
});
