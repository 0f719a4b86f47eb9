// Exports a TOR's latest good result and moves it to Exported. The all-scores layout reads
// tor_scores, whose stored rank carries the compute's tie-break (popularity, then offer order).
import { lastGoodAfterInterrupt } from '../store/torComputeRunTable.ts';
import type { ExportFormat } from '../export/copySql.ts';
import type { ExportRecord } from '../export/exportHistory.ts';
import { exportTorResults } from '../export/exportTorResults.ts';
import type { OnExportProgress } from '../export/exportProgress.ts';
import type { Target } from '../export/target.ts';
import type { TorLayout } from '../export/torLayoutSql.ts';
import type { Store } from '../store/store.ts';
import { getTor, setTorStatus } from '../store/torTable.ts';
import { isComputing } from './computeTor.ts';
import { assertTransition } from './torLifecycle.ts';
import { parseDateArg } from '../snapshot/interactions.ts';
import { recordTorContacts, sentAtOfTor, type RecordedContacts } from './recordTorContacts.ts';
import { torExportManifest, writeTorExportManifest } from './torExportManifest.ts';

export interface ExportTorInput {
  layout: TorLayout;
  format: ExportFormat;
  target: Target;
  withReason?: boolean;
  onProgress?: OnExportProgress;
  sftp?: { attempts?: number };
  /** Also write the control group's rows, flagged in the `group` column. */
  includeControl?: boolean;
  /** Record the rows as contacts of this campaign (default true): the send that KPI reports measure. */
  recordContacts?: boolean;
  /** Send date of the contacts (ISO); default the TOR's send date, else its as-of date. */
  sentAt?: string | null;
  /** Write `<file>.manifest.json` beside the file (default true). */
  manifest?: boolean;
  /** CSV: text cells starting with = + - @ get a leading ' (for files opened in a spreadsheet). */
  spreadsheetSafe?: boolean;
}

export interface TorExportResult extends ExportRecord {
  sha256: string;
  contacts: RecordedContacts | null;
  manifest: string | null;
}

export async function exportTor(store: Store, torId: string, input: ExportTorInput): Promise<TorExportResult> {
  const tor = await getTor(store, torId);
  if (isComputing(torId)) assertTransition(torId, 'computing', 'exported');
  // A compute killed midway leaves Error, but the result from before it is still the current one.
  const lastGood = tor.status === 'error' && (await lastGoodAfterInterrupt(store, torId));
  assertTransition(torId, lastGood ? 'ready' : tor.status, 'exported');
  const rec = await exportTorResults(store, {
    torId,
    layout: input.layout,
    format: input.format,
    target: input.target,
    withReason: input.withReason,
    onProgress: input.onProgress,
    sftp: input.sftp,
    includeControl: input.includeControl,
    spreadsheetSafe: input.spreadsheetSafe,
  });
  const contacts =
    input.recordContacts === false
      ? null
      : await recordTorContacts(store, tor, input.sentAt ? parseDateArg(input.sentAt) : sentAtOfTor(tor));
  let manifest: string | null = null;
  if (input.manifest !== false) {
    const m = await torExportManifest(store, tor, rec, input.includeControl ?? false, contacts);
    manifest = await writeTorExportManifest(input.target, m, input.sftp);
  }
  await setTorStatus(store, torId, 'exported', { progress: 1 });
  return { ...rec, contacts, manifest };
}
