// Request bodies of real-time ingestion: order lines and events, one or a batch. The same schemas
// validate the API (a 400 names the field, e.g. body.lines.3.quantity) and the CLI's op input.
import { z } from 'zod';
import { dateField } from './dateField.ts';

const id = (what: string) => z.string().trim().min(1).max(200).describe(what);
const ts = (what: string) => dateField(`${what}; default now (server wall clock)`).optional();

export const orderLineSchema = z.object({
  customerId: id('customer id, e.g. 17850 (new customers are created)'),
  productId: id('product id; must be known (imported product or order line)'),
  quantity: z.number().positive().max(1e9).default(1).describe('units bought (> 0)'),
  unitPrice: z.number().min(0).max(1e12).optional().describe("unit price; default the product's list price, else its latest sold price"),
  orderId: id('order id; default live-<customer>-<epoch ms>').optional(),
  ts: ts('time of the purchase'),
});

export const orderLinesSchema = z.object({
  lines: z.array(orderLineSchema).min(1).max(1000).describe('the lines (one, or a batch of up to 1,000), stored in one transaction'),
});

export const eventSchema = z.object({
  customerId: id('customer id'),
  type: z.string().trim().min(1).max(100).describe("what happened, e.g. 'view', 'add_to_cart', 'click'"),
  productId: id('product id, when the event is about one').optional(),
  ts: ts('time of the event'),
});

export const eventsSchema = z.object({
  events: z.array(eventSchema).min(1).max(1000).describe('the events (one, or a batch of up to 1,000), stored in one transaction'),
});

export type OrderLineInput = z.infer<typeof orderLineSchema>;
export type EventInput = z.infer<typeof eventSchema>;
