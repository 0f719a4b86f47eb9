// Cumulative incremental revenue by day since the send, with its interval band (see lib/revenueTimelineOption.ts).
import { LineChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import type { TimelinePoint } from '../../api/campaigns.ts';
import { revenueTimelineOption } from '../../lib/revenueTimelineOption.ts';
import { EChart } from '../EChart.tsx';

// The shared EChart wrapper registers bars and heatmaps; the timeline is a line with a band.
echarts.use([LineChart, MarkLineComponent]);

export function RevenueTimelineChart({ points, currency }: { points: TimelinePoint[]; currency: string | null }) {
  const option = useMemo(() => revenueTimelineOption(points, currency), [points, currency]);
  return (
    <div data-testid="timeline-chart">
      <EChart option={option} height={300} label="Cumulative incremental revenue over time" />
    </div>
  );
}
