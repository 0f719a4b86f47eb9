// The "lift with intervals" chart: one row per offer (or segment), a point at the estimated
// incremental conversion (treatment − control) and a bar from the interval's low to high end,
// a dashed line at zero. Highlighted rows (significant after the correction) are drawn in colour,
// the others grey. Pure: data in, ECharts option out, so node's test runner checks it.
import type { EChartsCoreOption } from 'echarts/core';
import { escapeHtml } from './escapeHtml.ts';
import { formatPoints } from './effectFormat.ts';

export interface LiftRow {
  label: string;
  estimate: number | null;
  low: number | null;
  high: number | null;
  highlighted: boolean;
  /** Extra tooltip lines (plain text; escaped here). */
  details: string[];
}

export const LIFT_COLORS = { highlighted: '#2f9e44', negative: '#e03131', plain: '#adb5bd' } as const;

/** A row's colour: green or red when highlighted (by the sign of the estimate), else grey. */
export function liftColor(r: LiftRow): string {
  if (!r.highlighted) return LIFT_COLORS.plain;
  return (r.estimate ?? 0) < 0 ? LIFT_COLORS.negative : LIFT_COLORS.highlighted;
}

/** The rows drawn top to bottom in the given order (ECharts' category axis runs bottom-up, so reversed). */
export function liftChartOption(rows: LiftRow[], opts: { title: string }): EChartsCoreOption {
  const drawn = [...rows].reverse();
  const tooltip = (i: number) => {
    const r = drawn[i];
    const head = `<b>${escapeHtml(r.label)}</b>`;
    const ci = `interval ${formatPoints(r.low)} to ${formatPoints(r.high)}`;
    return [head, `Incremental conversion: <b>${formatPoints(r.estimate)}</b>`, ci, ...r.details.map(escapeHtml)].join('<br/>');
  };
  return {
    aria: { enabled: true, label: { description: opts.title } },
    animationDuration: 300,
    grid: { left: 8, right: 28, top: 12, bottom: 28, containLabel: true },
    tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => tooltip(p.dataIndex) },
    xAxis: {
      type: 'value',
      axisLabel: { formatter: (n: number) => formatPoints(n, Math.abs(n) < 0.01 && n !== 0 ? 2 : 1) },
      splitLine: { lineStyle: { color: '#eef0f3' } },
    },
    yAxis: {
      type: 'category',
      data: drawn.map((r) => r.label),
      axisLabel: { fontSize: 12, width: 170, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        name: 'interval',
        type: 'custom',
        encode: { x: [0, 1], y: 2 },
        data: drawn.map((r, i) => (r.low === null || r.high === null ? [null, null, i] : [r.low, r.high, i])),
        renderItem: (params: { dataIndex: number }, api: CustomApi) => {
          const r = drawn[params.dataIndex];
          if (r.low === null || r.high === null) return null;
          const lo = api.coord([r.low, params.dataIndex]);
          const hi = api.coord([r.high, params.dataIndex]);
          const cap = Math.min(12, api.size([0, 1])[1] * 0.35);
          const style = { stroke: liftColor(r), lineWidth: 2 };
          const line = (x1: number, y1: number, x2: number, y2: number) => ({ type: 'line', shape: { x1, y1, x2, y2 }, style });
          return {
            type: 'group',
            children: [
              line(lo[0], lo[1], hi[0], hi[1]),
              line(lo[0], lo[1] - cap / 2, lo[0], lo[1] + cap / 2),
              line(hi[0], hi[1] - cap / 2, hi[0], hi[1] + cap / 2),
            ],
          };
        },
        z: 2,
      },
      {
        name: 'estimate',
        type: 'scatter',
        symbolSize: 11,
        data: drawn.map((r, i) => ({ value: [r.estimate, i], itemStyle: { color: liftColor(r) } })),
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { color: '#495057', type: 'dashed', width: 1 },
          data: [{ xAxis: 0 }],
        },
        z: 3,
      },
    ],
  };
}

interface CustomApi {
  coord(v: (number | null)[]): number[];
  size(v: number[]): number[];
}
