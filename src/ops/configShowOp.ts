// config.show: the settings kept in the store (hierarchy, saved import mappings, model configs, …).
import { z } from 'zod';
import { storeSettings } from '../data/storeSettings.ts';
import { defineOp } from './op.ts';

export const configShowOp = defineOp({
  name: 'config.show',
  summary: 'The settings kept in the store: product hierarchy, saved import mappings, tuned model configs, …',
  method: 'GET',
  path: '/v1/config',
  access: 'read',
  input: z.object({}),
  run: (store) => storeSettings(store),
});
