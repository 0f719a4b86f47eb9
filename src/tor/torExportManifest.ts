// The manifest written beside a TOR export (`<file>.manifest.json`): what was sent and how it was
// chosen, so a data team can audit or measure the campaign outside nextbest — settings, model and its
// measured quality, the experiment and its arm counts, and the file's SHA-256.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { packageVersion } from '../domain/packageVersion.ts';
import type { ExportRecord } from '../export/exportHistory.ts';
import { uploadFileSftp, type SftpUploadConfig } from '../export/sftpUpload.ts';
import type { Target } from '../export/target.ts';
import { writeFileAtomic } from '../export/writeAtomic.ts';
import type { Store } from '../store/store.ts';
import type { TorRecord } from '../store/torTable.ts';
import type { RecordedContacts } from './recordTorContacts.ts';

export async function torExportManifest(
  store: Store,
  tor: TorRecord,
  rec: ExportRecord & { sha256: string },
  includeControl: boolean,
  contacts: RecordedContacts | null,
): Promise<Record<string, unknown>> {
  const arms = await store.all<{ arm: string; customers: bigint; rows: bigint }>(
    `SELECT coalesce(arm, 'treatment') AS arm, count(DISTINCT customer_id) AS customers, count(*) AS rows
     FROM tor_results WHERE tor_id = ? GROUP BY ALL ORDER BY arm`,
    [tor.torId],
  );
  const q = (tor.quality ?? null) as Record<string, unknown> | null;
  const c = tor.settings.control ?? null;
  return {
    kind: 'nextbest.tor-export',
    nextbest: packageVersion(),
    tor_id: tor.torId,
    name: tor.name,
    exported_at: rec.finishedAt?.toISOString() ?? new Date().toISOString(),
    computed_at: tor.computedAt?.toISOString() ?? null,
    as_of: tor.stats?.asOf ?? tor.settings.asOf,
    sent_at: contacts?.sentAt ?? null,
    file: { target: rec.target, format: rec.format, layout: rec.layout, rows: rec.rows, bytes: rec.bytes, sha256: rec.sha256 },
    include_control: includeControl,
    offers: tor.offers,
    settings: tor.settings,
    model: q
      ? { name: q.model ?? tor.settings.model, method: q.method ?? null, ndcg: q.ndcg ?? null, k: q.k ?? null, mean_auc: q.meanAuc ?? null }
      : null,
    experiment: c ? { id: c.experiment ?? tor.torId, control_pct: c.pct, seed: c.seed, stratify: c.stratify } : null,
    arms: Object.fromEntries(arms.map((a) => [a.arm, { customers: Number(a.customers), rows: Number(a.rows) }])),
  };
}

/** Writes the manifest next to the exported file, atomically (local) or uploaded like the file (SFTP). */
export async function writeTorExportManifest(target: Target, manifest: unknown, sftp?: Partial<SftpUploadConfig>): Promise<string> {
  const text = JSON.stringify(manifest, null, 2) + '\n';
  if (target.kind === 'local') {
    const path = `${target.path}.manifest.json`;
    await writeFileAtomic(path, text);
    return path;
  }
  const dir = await mkdtemp(join(tmpdir(), 'nextbest-manifest-'));
  try {
    const local = join(dir, `${basename(target.path)}.manifest.json`);
    await writeFile(local, text);
    await uploadFileSftp(local, { ...target, path: `${target.path}.manifest.json` }, sftp);
    return `${target.path}.manifest.json`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
