// Volume of each offer per priority: horizontal stacked bars, offers by name, largest first.
import { useMemo } from 'react';
import type { OfferVolume } from '../api/types.ts';
import { formatCompact, formatInt, offerLabel } from '../lib/format.ts';
import { EChart, type ChartOption } from './EChart.tsx';

const PRIORITY_COLORS = ['#4c6ef5', '#15aabf', '#82c91e', '#fab005', '#fd7e14'];

export function VolumesChart({ volumes }: { volumes: OfferVolume[] }) {
  const rows = useMemo(() => [...volumes].sort((a, b) => a.total - b.total), [volumes]);
  const k = Math.max(0, ...volumes.map((v) => v.volumes.length));
  const option = useMemo<ChartOption>(
    () => ({
      aria: { enabled: true },
      animationDuration: 400,
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 12, textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: { seriesName: string; value: number; dataIndex: number; marker: string }[]) => {
          const v = rows[params[0].dataIndex];
          const lines = params.map((p) => `${p.marker} ${p.seriesName}: <b>${formatInt(p.value)}</b>`);
          return `<b>${offerLabel(v.name, v.offerId).label}</b> <span style="color:#868e96">${v.offerId}</span><br/>${lines.join('<br/>')}<br/>Total: <b>${formatInt(v.total)}</b>`;
        },
      },
      xAxis: { type: 'value', axisLabel: { formatter: (n: number) => formatCompact(n) }, splitLine: { lineStyle: { color: '#eef0f3' } } },
      yAxis: {
        type: 'category',
        data: rows.map((v) => offerLabel(v.name, v.offerId).label),
        axisLabel: { fontSize: 12, width: 170, overflow: 'truncate' },
        axisTick: { show: false },
      },
      series: Array.from({ length: k }, (_, p) => ({
        name: `Priority ${p + 1}`,
        type: 'bar',
        stack: 'volume',
        barMaxWidth: 26,
        itemStyle: { color: PRIORITY_COLORS[p % PRIORITY_COLORS.length] },
        emphasis: { focus: 'series' },
        data: rows.map((v) => v.volumes[p] ?? 0),
      })),
    }),
    [rows, k],
  );
  return <EChart option={option} height={Math.max(200, 60 + rows.length * 34)} label="Volume of each offer per priority" />;
}
