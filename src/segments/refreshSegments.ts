// A refresh: the members of segments as of a date, computed over the customer-features relation (with
// customers who only have events, and the model outputs the expressions name) and recorded — one
// segment_refreshes row per segment and its members — in one transaction. A refresh as of the same
// date from the same expression and unchanged data is reused unless `force`; a newer refresh for the
// same (segment, date) replaces the older one's members (its row stays, for the refresh history).
import { createHash, randomUUID } from 'node:crypto';
import { audienceFieldRefs } from '../audience/audienceFieldRefs.ts';
import { audienceSql } from '../audience/audienceSql.ts';
import { UserError } from '../domain/errors.ts';
import { customerFeaturesSql } from '../snapshot/customerFeaturesSql.ts';
import { isoLocal } from '../snapshot/interactions.ts';
import type { Store } from '../store/store.ts';
import { segmentInputsFingerprint } from './segmentInputsFingerprint.ts';
import { withModelOutputs } from './modelOutputFields.ts';
import { checkSegmentExpression } from './segmentFields.ts';
import { customerColumns } from '../store/customerColumns.ts';
import { withSegmentLock } from './segmentLock.ts';
import type { SegmentRow } from './segmentTable.ts';

export interface SegmentRefresh {
  segmentId: string;
  refreshId: string;
  asOf: Date;
  size: number;
  refreshedAt: Date;
  /** False when an earlier refresh was still valid and reused. */
  fresh: boolean;
}

/** A segment whose expression cannot be answered now (e.g. it names recommendations never computed). */
export interface SegmentFailure {
  segmentId: string;
  error: string;
}

export interface RefreshOutcome {
  refreshes: Map<string, SegmentRefresh>;
  failures: SegmentFailure[];
}

interface Latest {
  refresh_id: string;
  size: bigint;
  refreshed_at: Date;
}

export function refreshSegments(
  store: Store,
  segments: readonly SegmentRow[],
  asOf: Date,
  opts: { actor: string; force?: boolean },
): Promise<RefreshOutcome> {
  return withSegmentLock(() => refreshNow(store, segments, asOf, opts));
}

async function refreshNow(
  store: Store,
  segments: readonly SegmentRow[],
  asOf: Date,
  opts: { actor: string; force?: boolean },
): Promise<RefreshOutcome> {
  const cols = (await customerColumns(store)).map((c) => c.name);
  const base = customerFeaturesSql(cols, '?::TIMESTAMP', { withEventOnly: true });
  // The features' SQL is part of what a refresh depends on: a new version's definitions recompute.
  const fingerprint = `${await segmentInputsFingerprint(store)}:${createHash('sha256').update(base).digest('hex').slice(0, 16)}`;
  const refreshes = new Map<string, SegmentRefresh>();
  const failures: SegmentFailure[] = [];
  const todo: { seg: SegmentRow; where: string; refs: ReturnType<typeof audienceFieldRefs> }[] = [];
  for (const seg of segments) {
    if (!opts.force) {
      const prev = await store.one<Latest>(
        `SELECT refresh_id, size, refreshed_at FROM segment_refreshes WHERE segment_id = ? AND as_of = ?::TIMESTAMP
           AND expression = ? AND fingerprint = ? ORDER BY refreshed_at DESC LIMIT 1`,
        [seg.id, isoLocal(asOf), seg.expression, fingerprint],
      );
      if (prev) {
        refreshes.set(seg.id, {
          segmentId: seg.id,
          refreshId: prev.refresh_id,
          asOf,
          size: Number(prev.size),
          refreshedAt: prev.refreshed_at,
          fresh: false,
        });
        continue;
      }
    }
    try {
      const ast = await checkSegmentExpression(store, seg.expression);
      const refs = audienceFieldRefs(ast);
      await withModelOutputs(store, 'SELECT 1', refs); // fails early when a model output has nothing stored
      todo.push({ seg, where: audienceSql(ast, { alias: 'f' }), refs });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      failures.push({ segmentId: seg.id, error: `segment ${seg.id}: ${e.message}` });
    }
  }
  if (!todo.length) return { refreshes, failures };

  const nParams = base.split('?::TIMESTAMP').length - 1;
  const relation = await withModelOutputs(
    store,
    base,
    todo.flatMap((t) => t.refs),
  );
  await store.transaction(async () => {
    await store.run(`CREATE OR REPLACE TEMP TABLE _segment_features AS ${relation}`, Array(nParams).fill(isoLocal(asOf)));
    try {
      for (const t of todo) {
        const refreshId = randomUUID();
        await store.run(`INSERT INTO segment_members SELECT ?, f.customer_id FROM _segment_features f WHERE ${t.where}`, [refreshId]);
        const counted = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM segment_members WHERE refresh_id = ?`, [refreshId]);
        const size = Number(counted!.n);
        // Older members of the same (segment, date) are superseded; their refresh rows stay as history.
        await store.run(
          `DELETE FROM segment_members WHERE refresh_id IN
          (SELECT refresh_id FROM segment_refreshes WHERE segment_id = ? AND as_of = ?::TIMESTAMP)`,
          [t.seg.id, isoLocal(asOf)],
        );
        await store.run(`INSERT INTO segment_refreshes VALUES (?, ?, ?::TIMESTAMP, ?, ?, ?, now()::TIMESTAMP, ?)`, [
          refreshId,
          t.seg.id,
          isoLocal(asOf),
          size,
          t.seg.expression,
          fingerprint,
          opts.actor,
        ]);
        const at = (await store.one<{ at: Date }>(`SELECT refreshed_at AS at FROM segment_refreshes WHERE refresh_id = ?`, [refreshId]))!
          .at;
        refreshes.set(t.seg.id, { segmentId: t.seg.id, refreshId, asOf, size, refreshedAt: at, fresh: true });
      }
    } finally {
      await store.run(`DROP TABLE IF EXISTS temp._segment_features`);
    }
  });
  return { refreshes, failures };
}
