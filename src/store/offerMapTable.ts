// Reads and writes segment → offer maps (table `offer_maps`): the parsed definition and its source text.
import { NotFoundError } from '../domain/errors.ts';
import type { OfferMap } from '../offerMaps/offerMapSchema.ts';
import type { Store } from './store.ts';

export interface StoredOfferMap {
  map: OfferMap;
  source: string;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  definition: string | OfferMap;
  source: string;
  created_at: Date;
  updated_at: Date;
}

const fromRow = (r: Row): StoredOfferMap => ({
  map: typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition,
  source: r.source,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export async function listOfferMaps(store: Store): Promise<StoredOfferMap[]> {
  return (
    await store.all<Row>(`SELECT definition::VARCHAR AS definition, source, created_at, updated_at FROM offer_maps ORDER BY map_id`)
  ).map(fromRow);
}

export async function getOfferMap(store: Store, mapId: string): Promise<StoredOfferMap> {
  const r = await store.one<Row>(
    `SELECT definition::VARCHAR AS definition, source, created_at, updated_at FROM offer_maps WHERE map_id = ?`,
    [mapId],
  );
  if (!r) throw new NotFoundError(`no offer map '${mapId}' (see: nextbest maps list)`);
  return fromRow(r);
}

/** Inserts or replaces, keeping the first creation time. */
export async function putOfferMap(store: Store, map: OfferMap, source: string): Promise<void> {
  await store.run(
    `INSERT INTO offer_maps VALUES (?, ?::JSON, ?, now()::TIMESTAMP, now()::TIMESTAMP)
     ON CONFLICT (map_id) DO UPDATE SET definition = excluded.definition, source = excluded.source, updated_at = excluded.updated_at`,
    [map.id, JSON.stringify(map), source],
  );
}

export async function deleteOfferMap(store: Store, mapId: string): Promise<void> {
  await getOfferMap(store, mapId);
  await store.run(`DELETE FROM offer_maps WHERE map_id = ?`, [mapId]);
}
