// Cumulative incremental revenue over the days after the send, with its confidence band: the band
// is drawn as two stacked series (the low end, invisible, then high − low filled), stacked across
// signs so a band that crosses zero stays one band. Pure: data in, ECharts option out.
import type { EChartsCoreOption } from 'echarts/core';
import type { TimelinePoint } from '../api/campaigns.ts';
import { formatSignedMoney } from './effectFormat.ts';
import { formatCompact, formatDate, formatMoney } from './format.ts';

const BAND = '#74c0fc';
const LINE = '#1971c2';

export function revenueTimelineOption(points: TimelinePoint[], currency: string | null): EChartsCoreOption {
  const money = (n: number | null | undefined) => formatSignedMoney(n, currency);
  const banded = points.map((p) => p.ci_low !== null && p.ci_high !== null);
  const tooltip = (i: number) => {
    const p = points[i];
    return [
      `<b>Day ${p.day}</b> · ${formatDate(p.date)}`,
      `Cumulative incremental revenue: <b>${money(p.cumulative_incremental_revenue)}</b>`,
      `interval ${money(p.ci_low)} to ${money(p.ci_high)}`,
      `Revenue per contact: treatment ${formatMoney(p.treatment_revenue_per_contact, currency)}, ` +
        `control ${formatMoney(p.control_revenue_per_contact, currency)}`,
    ].join('<br/>');
  };
  return {
    aria: { enabled: true, label: { description: 'Cumulative incremental revenue by day since the send, with its interval' } },
    animationDuration: 300,
    grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
    legend: { top: 0, left: 0, data: ['Cumulative incremental revenue', 'Interval'], itemWidth: 14, itemHeight: 10 },
    tooltip: { trigger: 'axis', formatter: (ps: { dataIndex: number }[]) => tooltip(ps[0].dataIndex) },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      name: 'days since send',
      nameLocation: 'middle',
      nameGap: 24,
      data: points.map((p) => String(p.day)),
    },
    yAxis: {
      type: 'value',
      // Whole amounts: a flat line at zero would otherwise get fractional ticks printed as 0, 0, 1, 1.
      minInterval: 1,
      axisLabel: { formatter: (n: number) => formatCompact(n) },
      splitLine: { lineStyle: { color: '#eef0f3' } },
    },
    series: [
      {
        name: 'Interval low',
        type: 'line',
        stack: 'band',
        stackStrategy: 'all',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        silent: true,
        data: points.map((p, i) => (banded[i] ? p.ci_low : '-')),
      },
      {
        name: 'Interval',
        type: 'line',
        stack: 'band',
        stackStrategy: 'all',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        itemStyle: { color: BAND },
        areaStyle: { color: BAND, opacity: 0.35 },
        silent: true,
        data: points.map((p, i) => (banded[i] ? p.ci_high! - p.ci_low! : '-')),
      },
      {
        name: 'Cumulative incremental revenue',
        type: 'line',
        symbol: points.length > 40 ? 'none' : 'circle',
        symbolSize: 5,
        itemStyle: { color: LINE },
        lineStyle: { width: 2.5, color: LINE },
        data: points.map((p) => p.cumulative_incremental_revenue ?? '-'),
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { color: '#495057', type: 'dashed', width: 1 },
          data: [{ yAxis: 0 }],
        },
      },
    ],
  };
}
