// campaigns.list: every campaign with contacts — TOR sends, rule firings and imported campaigns — with arm sizes.
import { z } from 'zod';
import { listCampaigns } from '../campaigns/campaignInfo.ts';
import { defineOp } from './op.ts';

export const campaignsListOp = defineOp({
  name: 'campaigns.list',
  summary: 'List campaigns (TOR sends, rule firings, imported contacts) with customers per arm and send dates',
  method: 'GET',
  path: '/v1/campaigns',
  access: 'read',
  input: z.object({}),
  run: async (store) => ({ campaigns: await listCampaigns(store) }),
});
