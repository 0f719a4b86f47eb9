// maps.list: the segment → offer maps, with the TORs that apply each.
import { z } from 'zod';
import { listOfferMaps } from '../store/offerMapTable.ts';
import { listTors } from '../store/torTable.ts';
import { defineOp } from './op.ts';

export const mapsListOp = defineOp({
  name: 'maps.list',
  summary: 'List the segment → offer maps and the TORs that apply each',
  method: 'GET',
  path: '/v1/offer-maps',
  access: 'read',
  input: z.object({}),
  run: async (store) => {
    const tors = await listTors(store);
    return (await listOfferMaps(store)).map((m) => ({
      id: m.map.id,
      name: m.map.name ?? m.map.id,
      rules: m.map.rules.length,
      updatedAt: m.updatedAt,
      tors: tors.filter((t) => t.settings.offerMap === m.map.id).map((t) => t.torId),
    }));
  },
});
