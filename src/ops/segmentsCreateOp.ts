// segments.create: a user-defined segment from an audience expression (checked before it is stored).
import { z } from 'zod';
import { createSegment } from '../segments/segmentEdits.ts';
import { defineOp } from './op.ts';

export const segmentsCreateOp = defineOp({
  name: 'segments.create',
  summary: 'Define a segment by an audience expression (grammar: docs/audience.md; fields: docs/segments.md)',
  method: 'POST',
  path: '/v1/segments',
  access: 'write',
  input: z.object({
    id: z.string().min(1).max(64).describe('segment id: letters, digits, -, _ or .'),
    name: z.string().min(1).optional().describe('display name; default the id'),
    description: z.string().optional().describe('what the segment means'),
    expression: z.string().min(1).describe("audience expression, e.g. frequency >= 2 and top_recommended_family = 'candles'"),
  }),
  run: (store, i) => createSegment(store, i),
});
