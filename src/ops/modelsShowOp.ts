// models.show: one recommendation model's saved config and prediction quality (from evaluate).
import { z } from 'zod';
import { savedModelInfo } from '../backtest/savedModelInfo.ts';
import { defineOp } from './op.ts';

export const modelsShowOp = defineOp({
  name: 'models.show',
  summary: "A recommendation model's tuned config and prediction quality (from evaluate)",
  method: 'GET',
  path: '/v1/models/:name',
  access: 'read',
  input: z.object({ name: z.string().min(1).describe("model name, e.g. als-repurchase, or 'auto' for the backtest choice") }),
  async run(store, i) {
    const { name, config, quality, auto } = await savedModelInfo(store, i.name);
    return { name, config, quality, ...(auto ? { auto } : {}) };
  },
});
