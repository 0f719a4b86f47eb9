// Saves a segment → offer map from its text: parsed and checked (offer ids and segment ids must exist,
// each reported at its line), then stored in one statement; a rejected map leaves the stored one as it was.
import { InputError, type RowProblem } from '../domain/errors.ts';
import { listOffers } from '../store/offerTable.ts';
import { putOfferMap } from '../store/offerMapTable.ts';
import type { Store } from '../store/store.ts';
import { segmentIdsFromStore } from '../segments/segmentIdsFromStore.ts';
import { offerMapFromText, positionInText } from './offerMapFromText.ts';
import type { OfferMap } from './offerMapSchema.ts';

export async function saveOfferMap(store: Store, text: string, file = 'map'): Promise<OfferMap> {
  const map = offerMapFromText(text, file);
  const offers = new Set((await listOffers(store)).map((o) => o.offerId));
  const segments = new Set(await segmentIdsFromStore(store));
  const problems: RowProblem[] = [];
  const problem = (path: (string | number)[], reason: string, key?: string) => {
    const p = positionInText(text, path, key);
    problems.push({ file, line: p.line, column: `${p.col} (${[...path, ...(key ? [key] : [])].join('.')})`, reason });
  };
  map.rules.forEach((r, i) => {
    if (!segments.has(r.segment)) problem(['rules', i, 'segment'], `unknown segment '${r.segment}' (see: nextbest segments list)`);
    for (const list of ['allow', 'forbid'] as const) {
      (r[list] ?? []).forEach((id, j) => {
        if (!offers.has(id)) problem(['rules', i, list, j], `unknown offer '${id}' (see: nextbest offers list)`);
      });
    }
    for (const id of Object.keys(r.boost ?? {})) if (!offers.has(id)) problem(['rules', i, 'boost'], `unknown offer '${id}'`, id);
    const clash = (r.forbid ?? []).filter((id) => r.allow?.includes(id) || r.boost?.[id] !== undefined);
    if (clash.length) problem(['rules', i, 'forbid'], `offer(s) both forbidden and allowed/boosted: ${clash.join(', ')}`);
  });
  if (problems.length)
    throw new InputError(problems, problems.length, `${file}: ${problems.length} problem(s) in the map; nothing was saved`);
  await putOfferMap(store, map, text);
  return map;
}
