// loyalty.settings: the programme's favourite cells count, auto-fill switch and member lock days.
import { z } from 'zod';
import { getLoyaltySettings } from '../loyalty/loyaltySettings.ts';
import { defineOp } from './op.ts';

export const loyaltySettingsShowOp = defineOp({
  name: 'loyalty.settings',
  summary: 'The loyalty programme settings: favourite cells per member, auto-fill on/off, days a member pick is locked',
  method: 'GET',
  path: '/v1/loyalty/settings',
  access: 'read',
  input: z.object({}),
  run: (store) => getLoyaltySettings(store),
});
