// Real-time purchases folded in after the fit carry timestamps at or after the log's as-of (which
// never moves: see recs/ingestPurchase). Models that count or decay occasions before the as-of would
// ignore them, so for fold-in such a line counts as made "now": its time is clamped to just before
// the as-of. Returns the log itself when no line needs it (O(lines) check, copies only then).
import type { InteractionLog } from './recommender.ts';

export function logClampedToAsOf(log: InteractionLog): InteractionLog {
  const now = log.asOf - 1;
  let late = false;
  for (let l = 0; l < log.lineTs.length && !late; l++) late = log.lineTs[l] > now;
  if (!late) return log;
  const clamp = (a: Float64Array) => a.map((t) => Math.min(t, now));
  return { ...log, lineTs: clamp(log.lineTs), firstTs: clamp(log.firstTs), lastTs: clamp(log.lastTs) };
}
