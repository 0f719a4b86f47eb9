// Loads a loyalty attribute file (eligible products, favourite categories, personal offers) through
// the import service, so every bad row is reported as file:line: column …: reason and nothing is
// written. References are always checked: a row for an unknown customer, product or offer is an error.
import { importFileAs } from '../ingest/importFileAs.ts';
import type { ImportSummary } from '../ingest/importFile.ts';
import type { Store } from '../store/store.ts';

export const LOYALTY_FILES = {
  eligible: 'favourite_eligible',
  categories: 'favourite_categories',
  'personal-offers': 'personal_offers',
} as const;
export type LoyaltyFileKind = keyof typeof LOYALTY_FILES;

export interface LoyaltyLoadInput {
  kind: LoyaltyFileKind;
  /** Absolute path the store's process can read. */
  file: string;
  /** The name messages show (the path as typed). */
  fileLabel?: string;
  /** canonical=source column names. */
  map?: string[];
  dryRun?: boolean;
}

export async function loadLoyaltyFile(store: Store, i: LoyaltyLoadInput): Promise<ImportSummary> {
  return importFileAs(
    store,
    {
      table: LOYALTY_FILES[i.kind],
      file: i.file,
      map: i.map ?? [],
      dryRun: i.dryRun,
      checkRefs: true,
    },
    i.fileLabel,
  );
}
