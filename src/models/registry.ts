// Product-recommendation models selectable by name (`recommend --model NAME`). Add a model with one
// line: its name and a factory returning an unfitted instance. `defaultRecsModel` is what
// `recommend` and `ingest` use when no --model is given.
import { AlsRecommender } from './als.ts';
import { AlsRepurchase } from './alsRepurchase.ts';
import { EaseRecommender } from './ease.ts';
import type { Recommender } from './recommender.ts';
import { defaultBlend } from './defaultBlend.ts';
import { ItemKnn } from './itemKnn.ts';
import { Popularity } from './popularity.ts';
import { Repurchase } from './repurchase.ts';
import { UserKnn } from './userKnn.ts';

export const modelRegistry: Record<string, () => Recommender> = {
  'als-repurchase': () => new AlsRepurchase(),
  als: () => new AlsRecommender(),
  ease: () => new EaseRecommender(),
  popularity: () => new Popularity(),
  repurchase: () => new Repurchase(),
  itemKnn: () => new ItemKnn(),
  userKnn: () => new UserKnn(),
  blend: () => defaultBlend(),
};

export const defaultRecsModel = 'als-repurchase';

/** An unfitted model by name; throws a message listing the known names. */
export function modelFromName(name: string): Recommender {
  const make = modelRegistry[name];
  if (!make) throw new Error(`unknown model '${name}' (known: ${Object.keys(modelRegistry).join(', ')})`);
  return make();
}
