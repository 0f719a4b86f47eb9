// Cumulative incremental revenue of a campaign by day since the send, with its Welch interval. Unit
// = customer send. With R_i(d) = revenue credited to send i up to day d,
//   Δ(d) = mean_T R(d) − mean_C R(d),  cumulative incremental revenue = Δ(d) · n_T,
// and the interval is Welch's on the same per-send values, scaled by n_T. Per-send values change only on
// days with a credited line, so Σ R and Σ R² are updated line by line: O(lines + days). Pure.
import { welchDifference } from '../evaluate/experiment/welchDifference.ts';
import { DAY } from '../math/day.ts';
import type { CampaignUnits } from './campaignUnitsFromStore.ts';

export interface TimelinePoint {
  day: number;
  date: string;
  treatment_revenue_per_contact: number | null;
  control_revenue_per_contact: number | null;
  cumulative_incremental_revenue: number | null;
  ci_low: number | null;
  ci_high: number | null;
}

export function campaignTimeline(u: CampaignUnits, days: number, confidence: number): TimelinePoint[] {
  let nSends = 0;
  for (let i = 0; i < u.n; i++) nSends = Math.max(nSends, u.send[i] + 1);
  const treated = new Uint8Array(nSends),
    sentAt = new Float64Array(nSends);
  for (let i = 0; i < u.n; i++) {
    treated[u.send[i]] = u.treated[i];
    sentAt[u.send[i]] = u.sentAt[i];
  }
  const nT = treated.reduce((a, b) => a + b, 0),
    nC = nSends - nT;
  const firstSend = sentAt.reduce((m, x) => Math.min(m, x), Infinity);
  const order = Array.from(u.lines.day.keys()).sort((a, b) => u.lines.day[a] - u.lines.day[b]);
  const value = new Float64Array(nSends);
  const sum = [0, 0],
    sq = [0, 0];
  const out: TimelinePoint[] = [];
  let j = 0;
  for (let d = 0; d < days; d++) {
    for (; j < order.length && u.lines.day[order[j]] <= d; j++) {
      const k = order[j],
        s = u.lines.send[k],
        arm = treated[s];
      const before = value[s];
      value[s] += u.lines.amount[k];
      sum[arm] += u.lines.amount[k];
      sq[arm] += value[s] ** 2 - before ** 2;
    }
    const moments = (arm: number, n: number) => {
      const mean = n ? sum[arm] / n : 0;
      return { n, mean, variance: n > 1 ? Math.max(0, (sq[arm] - n * mean * mean) / (n - 1)) : 0 };
    };
    const t = moments(1, nT),
      c = moments(0, nC);
    const w = welchDifference(t, c, confidence);
    const scale = (x: number | null) => (x === null ? null : x * nT);
    out.push({
      day: d,
      date: new Date((Number.isFinite(firstSend) ? firstSend : 0) + d * DAY).toISOString(),
      treatment_revenue_per_contact: nT ? t.mean : null,
      control_revenue_per_contact: nC ? c.mean : null,
      cumulative_incremental_revenue: scale(w.diff),
      ci_low: scale(w.low),
      ci_high: scale(w.high),
    });
  }
  return out;
}
