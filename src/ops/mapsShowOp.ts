// maps.show: one segment → offer map, its definition and source text.
import { z } from 'zod';
import { getOfferMap } from '../store/offerMapTable.ts';
import { defineOp } from './op.ts';

export const mapsShowOp = defineOp({
  name: 'maps.show',
  summary: 'One segment → offer map: its definition and source text',
  method: 'GET',
  path: '/v1/offer-maps/:id',
  access: 'read',
  input: z.object({ id: z.string().min(1).describe('map id') }),
  run: (store, i) => getOfferMap(store, i.id),
});
