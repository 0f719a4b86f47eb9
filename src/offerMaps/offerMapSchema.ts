// A segment → offer map (the "tailor offers by segment" playbook), as written in a YAML or JSON file
// and stored in `offer_maps`. Format and examples: docs/offer-maps.md.
import { z } from 'zod';

const id = z.string().min(1).max(200);
const cap = {
  /** Deepest discount (the offer's `value`, e.g. 20 = 20 % off) this rule's customers may get. */
  max_value: z.number().nonnegative().optional(),
  /** Highest cost share (the offer's `cost`, 0..1) this rule's customers may get. */
  max_cost: z.number().nonnegative().optional(),
};

export const offerMapRuleSchema = z.strictObject({
  segment: id,
  allow: z.array(id).min(1).optional(),
  forbid: z.array(id).optional(),
  boost: z.record(id, z.number().positive()).optional(),
  /** Segment-specific copy for every offer this rule's customers get (placeholders: docs/offer-maps.md). */
  message: z.string().min(1).max(2000).optional(),
  /** Percentage (0–50) of this segment's customers held out as a control group (docs/experiments.md). */
  control_pct: z.number().min(0).max(50).optional(),
  ...cap,
});

export const offerMapSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'letters, digits, _ . - (at most 100, starting with a letter or digit)'),
  name: z.string().min(1).max(200).optional(),
  description: z.string().max(2000).optional(),
  rules: z.array(offerMapRuleSchema).min(1),
  /** Caps by customer value tier (clv_tier: low | mid | high), whatever their segment. */
  intensity: z
    .strictObject({ low: z.strictObject(cap).optional(), mid: z.strictObject(cap).optional(), high: z.strictObject(cap).optional() })
    .optional(),
});

export type OfferMapRule = z.infer<typeof offerMapRuleSchema>;
export type OfferMap = z.infer<typeof offerMapSchema>;
