// rules.firings: recorded firings (batch and real time), newest first, by customer and/or rule.
import { z } from 'zod';
import { firingsPage } from '../rules/firingsPage.ts';
import { defineOp } from './op.ts';

export const rulesFiringsOp = defineOp({
  name: 'rules.firings',
  summary: 'Recorded trigger-rule firings, newest first, optionally for one customer and/or one rule',
  method: 'GET',
  path: '/v1/rules/firings',
  access: 'read',
  input: z.object({
    customer: z.string().min(1).max(200).optional().describe('only this customer'),
    rule: z.string().min(1).max(200).optional().describe('only this rule id'),
    limit: z.coerce.number().int().min(1).max(10_000).default(100).describe('rows to return'),
    offset: z.coerce.number().int().min(0).default(0).describe('rows to skip'),
  }),
  run: (store, i) => firingsPage(store, i),
});
