// offers.fromAttribute: one offer per value of a product attribute (id <attribute>=<value>).
import { z } from 'zod';
import { offersFromAttribute } from '../offers/offersFromAttribute.ts';
import { defineOp } from './op.ts';

export const offersFromAttributeOp = defineOp({
  name: 'offers.fromAttribute',
  summary: 'Create or update one offer per value of a product attribute (ids <attribute>=<value>)',
  method: 'POST',
  path: '/v1/offers/from-attribute',
  access: 'write',
  input: z.object({
    attribute: z.string().min(1).describe('product attribute column, e.g. family'),
    prefix: z.string().min(1).optional().describe('id prefix instead of the attribute name'),
    exclude: z.array(z.string()).optional().describe('values to skip'),
  }),
  run: (store, i) => offersFromAttribute(store, i.attribute, { idPrefix: i.prefix, exclude: i.exclude }),
});
