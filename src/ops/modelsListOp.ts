// models.list: the recommendation models with their saved config and last measured quality.
import { z } from 'zod';
import { savedModelInfos } from '../backtest/savedModelInfo.ts';
import { defineOp } from './op.ts';

export const modelsListOp = defineOp({
  name: 'models.list',
  summary: 'Recommendation models with their tuned config and last measured quality (from evaluate)',
  method: 'GET',
  path: '/v1/models',
  access: 'read',
  input: z.object({}),
  run: (store) => savedModelInfos(store),
});
