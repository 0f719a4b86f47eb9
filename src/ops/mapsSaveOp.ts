// maps.save: a segment → offer map from YAML/JSON text (docs/offer-maps.md), checked (errors at line and field) and stored.
import { z } from 'zod';
import { saveOfferMap } from '../offerMaps/saveOfferMap.ts';
import { defineOp } from './op.ts';

export const mapsSaveOp = defineOp({
  name: 'maps.save',
  summary: 'Save (create or replace) a segment → offer map from its YAML or JSON text; errors name the line and field',
  method: 'POST',
  path: '/v1/offer-maps',
  access: 'write',
  input: z.object({
    source: z.string().min(1).max(1_000_000).describe('the map as YAML or JSON text (format: docs/offer-maps.md)'),
    file: z.string().max(500).optional().describe('a name for the text in error messages, e.g. the file it came from'),
  }),
  run: async (store, i) => ({ map: await saveOfferMap(store, i.source, i.file ?? 'map') }),
});
