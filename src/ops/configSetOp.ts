// config.set: sets one store setting (e.g. the product hierarchy), checked against the store.
import { z } from 'zod';
import { SETTABLE_KEYS, setStoreSetting } from '../data/storeSettings.ts';
import { defineOp } from './op.ts';

export const configSetOp = defineOp({
  name: 'config.set',
  summary: `Set a store setting (${SETTABLE_KEYS.join(', ')}); hierarchy takes product attributes, top level first`,
  method: 'PUT',
  path: '/v1/config/:key',
  access: 'admin',
  input: z.object({
    key: z
      .string()
      .min(1)
      .describe(`the setting: ${SETTABLE_KEYS.join(', ')}`),
    value: z.string().describe('its value, e.g. department,family (empty clears a list)'),
  }),
  run: async (store, i) => ({ key: i.key, value: await setStoreSetting(store, i.key, i.value) }),
});
