// promotions.list: the pool, and the run whose lists are stored.
import { z } from 'zod';
import { plainJson, defineOp } from './op.ts';
import { listPromotions } from '../promotions/promotionTable.ts';
import { latestPromotionRun } from '../promotions/promotionListsTable.ts';

export const promotionsListOp = defineOp({
  name: 'promotions.list',
  summary: 'The promotion pool and the latest computed run',
  method: 'GET',
  path: '/v1/promotions',
  access: 'read',
  input: z.object({ channel: z.string().min(1).optional().describe("only promotions for this channel (or 'all')") }),
  run: async (store, i) => {
    const all = await listPromotions(store);
    const promotions = i.channel ? all.filter((p) => p.channel === 'all' || p.channel === i.channel) : all;
    return plainJson({ promotions, latestRun: await latestPromotionRun(store) });
  },
});
