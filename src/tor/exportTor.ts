// Exports a TOR's latest good result and moves it to Exported. The all-scores layout reads
// tor_scores, whose stored rank carries the compute's tie-break (popularity, then offer order).
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

export interface ExportTorInput {
  layout: TorLayout;
  format: ExportFormat;
  target: Target;
  withReason?: boolean;
  onProgress?: OnExportProgress;
  sftp?: { attempts?: number };
}

export async function exportTor(store: Store, torId: string, input: ExportTorInput): Promise<ExportRecord> {
  const tor = await getTor(store, torId);
  if (isComputing(torId)) assertTransition(torId, 'computing', 'exported');
  assertTransition(torId, tor.status, 'exported');
  const rec = await exportTorResults(store, {
    torId,
    layout: input.layout,
    format: input.format,
    target: input.target,
    withReason: input.withReason,
    onProgress: input.onProgress,
    sftp: input.sftp,
  });
  await setTorStatus(store, torId, 'exported', { progress: 1 });
  return rec;
}
