// A segment → offer map as a rule layer over a TOR's objective values, pure over arrays.
// Each audience row is governed by at most one map rule (the first rule, in the map's order, whose
// segment holds the customer); that rule may
//   forbid offers (removed), allow a list (every other offer removed), boost offers (value × factor),
//   and cap intensity (offers whose discount depth `value` > maxValue or `cost` > maxCost removed).
// Independently, every row may carry a value-tier cap (the map's `intensity` by clv_tier), so a
// low-value customer is never sent a deep discount whatever segment they are in.
// Shapes: rows × offers, row-major, like every matrix of assignmentFromScores.

export interface CompiledMapRule {
  /** For results and exports, e.g. "dormant". */
  segment: string;
  /** Per offer: 1 = only these may be assigned (null = no allow list). */
  allow: Uint8Array | null;
  /** Per offer: 1 = never assigned to this rule's customers. */
  forbid: Uint8Array;
  /** Per offer: objective multiplier (1 = untouched). */
  boost: Float64Array;
  /** Intensity caps for this rule's customers (Infinity = none). */
  maxValue: number;
  maxCost: number;
}

export interface IntensityCap {
  maxValue: number;
  maxCost: number;
}

export interface OfferMapLayerInput {
  nRows: number;
  nOffers: number;
  /** Per row: index into `rules`, or −1 when no rule's segment holds the customer. */
  ruleOfRow: Int32Array;
  rules: CompiledMapRule[];
  /** Per row: index into `tierCaps`, or −1 (no cap for the row's value tier). */
  tierOfRow: Int32Array;
  tierCaps: IntensityCap[];
  /** Per offer: discount depth (offers.value) and cost share (offers.cost); NaN = unknown (never capped). */
  offerValue: Float64Array;
  offerCost: Float64Array;
}

export interface OfferMapLayer {
  /** rows × offers: 1 = the map lets the pair through. */
  mask: Uint8Array;
  /** rows × offers: multiplier of the objective value. */
  factor: Float64Array;
  /** Pairs removed, each counted once under the first cause: the rule's allow/forbid lists, then intensity caps. */
  excluded: { offerMap: number; intensity: number };
}

const over = (x: number, cap: number) => Number.isFinite(x) && x > cap;

export function offerMapLayer(x: OfferMapLayerInput): OfferMapLayer {
  const m = x.nOffers,
    mask = new Uint8Array(x.nRows * m).fill(1),
    factor = new Float64Array(x.nRows * m).fill(1);
  let offerMap = 0,
    intensity = 0;
  for (let r = 0; r < x.nRows; r++) {
    const rule = x.ruleOfRow[r] >= 0 ? x.rules[x.ruleOfRow[r]] : null;
    const tier = x.tierOfRow[r] >= 0 ? x.tierCaps[x.tierOfRow[r]] : null;
    if (!rule && !tier) continue;
    const maxValue = Math.min(rule?.maxValue ?? Infinity, tier?.maxValue ?? Infinity);
    const maxCost = Math.min(rule?.maxCost ?? Infinity, tier?.maxCost ?? Infinity);
    for (let o = 0; o < m; o++) {
      const c = r * m + o;
      if (rule && (rule.forbid[o] || (rule.allow && !rule.allow[o]))) {
        mask[c] = 0;
        offerMap++;
        continue;
      }
      if (over(x.offerValue[o], maxValue) || over(x.offerCost[o], maxCost)) {
        mask[c] = 0;
        intensity++;
        continue;
      }
      if (rule) factor[c] = rule.boost[o];
    }
  }
  return { mask, factor, excluded: { offerMap, intensity } };
}

/**
 * Objective values after the layer: removed pairs −Infinity; a boost f scales a positive value by f
 * and a negative one (a margin loss) by 1/f, so a boost always moves the offer up and a demotion down.
 */
export function valuesThroughLayer(value: Float64Array, layer: Pick<OfferMapLayer, 'mask' | 'factor'>): Float64Array {
  return value.map((v, i) => {
    if (!layer.mask[i]) return -Infinity;
    const f = layer.factor[i];
    return f === 1 || !Number.isFinite(v) ? v : v >= 0 ? v * f : v / f;
  });
}

/** What shaped one assignment, for results and exports: "dormant: boost ×3", "browsers: allowed", "dormant". */
export function mapRuleLabel(rule: CompiledMapRule, offer: number): string {
  const f = rule.boost[offer];
  if (f !== 1) return `${rule.segment}: ${f > 1 ? 'boost' : 'demote'} ×${+f.toFixed(3)}`;
  if (rule.allow?.[offer]) return `${rule.segment}: allowed`;
  return rule.segment;
}
