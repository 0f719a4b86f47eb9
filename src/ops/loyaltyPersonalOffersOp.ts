// loyalty.personalOffers.fromEngine: personal offers from a TOR's results, or from product
// recommendations for one offer configured once (its benefit and validity; products per member).
import { z } from 'zod';
import { UserError } from '../domain/errors.ts';
import { personalOffersFromRecs } from '../loyalty/personalOffersFromRecs.ts';
import { personalOffersFromTor } from '../loyalty/personalOffersFromTor.ts';
import { defineOp } from './op.ts';

export const loyaltyPersonalOffersOp = defineOp({
  name: 'loyalty.personalOffers.fromEngine',
  summary: "Write members' personal offers from a TOR's results (torId) or from recommendations for one offer (offerId, top)",
  method: 'POST',
  path: '/v1/loyalty/personal-offers/from-engine',
  access: 'write',
  input: z.object({
    torId: z.string().min(1).optional().describe('TOR whose results become personal offers'),
    offerId: z.string().min(1).optional().describe('offer whose product list per member comes from recommendations'),
    top: z.number().int().min(1).max(100).default(5).describe('recommended products per member (with offerId)'),
  }),
  run: async (store, i) => {
    if ((i.torId === undefined) === (i.offerId === undefined)) throw new UserError('give either torId or offerId (with top)');
    return i.torId !== undefined ? personalOffersFromTor(store, i.torId) : personalOffersFromRecs(store, i.offerId!, i.top);
  },
});
