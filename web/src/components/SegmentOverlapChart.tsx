// The segments' overlap as a heatmap: row segment × column segment, coloured by the share of the
// row's customers also in the column, the shared count on hover.
import { Card, Group, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useSegmentOverlap } from '../api/segments.ts';
import { formatDate, formatInt, formatPercent } from '../lib/format.ts';
import { overlapCells, topOverlaps } from '../lib/segmentOverlap.ts';
import { ErrorState, Loading } from './common.tsx';
import { EChart, type ChartOption } from './EChart.tsx';

export function SegmentOverlapChart({ asOf }: { asOf: string | null }) {
  const q = useSegmentOverlap(asOf);
  const data = q.data;
  const option = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    const cells = overlapCells(data.counts);
    return {
      aria: { enabled: true },
      grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
      tooltip: {
        formatter: (p: { data: [number, number, number, number] }) => {
          const [x, y, share, count] = p.data;
          const row = data.segments[y];
          return `${row} ∩ ${data.segments[x]}: ${formatInt(count)} customers<br/>${formatPercent(share, { decimals: 0 })} of ${row}`;
        },
      },
      xAxis: { type: 'category', data: data.segments, axisLabel: { rotate: 30, fontSize: 11 }, splitArea: { show: true } },
      yAxis: { type: 'category', data: data.segments, axisLabel: { fontSize: 11 }, splitArea: { show: true }, inverse: true },
      visualMap: {
        min: 0,
        max: 1,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        dimension: 2,
        inRange: { color: ['#f1f3f5', '#748ffc', '#364fc7'] },
        formatter: (v: number) => formatPercent(v, { decimals: 0 }),
      },
      series: [
        {
          type: 'heatmap',
          data: cells.map((c) => [c.x, c.y, c.share, c.count]),
          label: { show: data.segments.length <= 10, fontSize: 10, formatter: (p: { data: number[] }) => formatInt(p.data[3]) },
        },
      ],
    };
  }, [data]);
  const top = data ? topOverlaps(data.segments, data.counts) : [];
  return (
    <Card withBorder padding="lg" data-testid="segment-overlap">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={4}>Overlap</Title>
          <Text size="sm" c="dimmed">
            Share of each row's customers also in the column segment{data ? `, as of ${formatDate(data.asOf)}` : ''}.
          </Text>
        </div>
      </Group>
      {q.isPending ? (
        <Loading h={240} />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => q.refetch()} what="the overlap" />
      ) : (
        <>
          {option && <EChart option={option} height={Math.max(260, 46 * data!.segments.length + 90)} label="Segment overlap heatmap" />}
          {top.length > 0 && (
            <Text size="xs" c="dimmed" mt={4}>
              Most shared: {top.map((t) => `${t.a} & ${t.b} (${formatInt(t.count)})`).join(' · ')}
            </Text>
          )}
          {data!.skipped.length > 0 && (
            <Text size="xs" c="orange.8" mt={4}>
              Left out: {data!.skipped.map((s) => `${s.segmentId} (${s.error})`).join('; ')}
            </Text>
          )}
        </>
      )}
    </Card>
  );
}
