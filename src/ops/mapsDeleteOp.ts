// maps.delete: a segment → offer map, refused while a TOR applies it.
import { z } from 'zod';
import { ConflictError } from '../domain/errors.ts';
import { deleteOfferMap } from '../store/offerMapTable.ts';
import { listTors } from '../store/torTable.ts';
import { defineOp } from './op.ts';

export const mapsDeleteOp = defineOp({
  name: 'maps.delete',
  summary: 'Delete a segment → offer map (refused while a TOR applies it)',
  method: 'DELETE',
  path: '/v1/offer-maps/:id',
  access: 'write',
  input: z.object({ id: z.string().min(1).describe('map id') }),
  run: async (store, i) => {
    const users = (await listTors(store)).filter((t) => t.settings.offerMap === i.id).map((t) => t.torId);
    if (users.length)
      throw new ConflictError(`map '${i.id}' is applied by TOR(s) ${users.join(', ')}: remove it there first (tor edit ID --map none)`);
    await deleteOfferMap(store, i.id);
    return { deleted: i.id };
  },
});
