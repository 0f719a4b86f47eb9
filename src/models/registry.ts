// Product-recommendation models selectable by name (`recommend --model NAME`). Add a model with one
// line: its name and a factory returning an unfitted instance. `defaultRecsModel` is what
// `recommend` and `ingest` use when no --model is given: 'auto', the registered model that scores
// best in a backtest on the store's own history (recs/autoRecsModel.ts).
import { AlsRecommender } from './als.ts';
import { AlsRepurchase } from './alsRepurchase.ts';
import { Blend } from './blend.ts';
import { EaseRecommender } from './ease.ts';
import type { Recommender } from './recommender.ts';
import { BLEND_EASE, defaultBlend } from './defaultBlend.ts';
import { ItemKnn } from './itemKnn.ts';
import { Popularity } from './popularity.ts';
import { Repurchase } from './repurchase.ts';
import { UserKnn } from './userKnn.ts';

// Cheapest first: `auto` tries them in this order, and a tie goes to the cheaper model.
export const modelRegistry: Record<string, () => Recommender> = {
  popularity: () => new Popularity(),
  // the classic reference: the customer's own most-bought products, then the best sellers
  'top-frequency': () => new Blend([new Repurchase({ cycleWeight: 0 }), new Popularity()], { fixedWeights: [1, 1e-4] }, 'top-frequency'),
  repurchase: () => new Repurchase(),
  itemKnn: () => new ItemKnn(),
  userKnn: () => new UserKnn(),
  als: () => new AlsRecommender(),
  'als-repurchase': () => new AlsRepurchase(),
  // bounded as inside the blend (defaultBlend.ts): proportionate on big catalogues, as good on B1
  ease: () => new EaseRecommender({ lambda: 300, ...BLEND_EASE }),
  blend: () => defaultBlend(),
};

/** Not a model: the choice of one by backtest (see above). */
export const AUTO_MODEL = 'auto';
export const defaultRecsModel = AUTO_MODEL;
/** The reference auto must beat, per variant: the customer's own favourites, or best sellers for products new to them. */
export const AUTO_BASELINE = { all: 'top-frequency', new: 'popularity' } as const;

/** Known to `--model`: every registered model, and auto. */
export function isModelName(name: string): boolean {
  return name === AUTO_MODEL || name in modelRegistry;
}

/** An unfitted model by name; throws a message listing the known names. */
export function modelFromName(name: string): Recommender {
  const make = modelRegistry[name];
  if (!make) throw new Error(`unknown model '${name}' (known: ${[AUTO_MODEL, ...Object.keys(modelRegistry)].join(', ')})`);
  return make();
}
