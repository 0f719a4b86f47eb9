// Incremental conversion with its interval, one row per offer or segment (see lib/liftChartOption.ts).
import { CustomChart, ScatterChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { liftChartOption, type LiftRow } from '../../lib/liftChartOption.ts';
import { EChart } from '../EChart.tsx';

// The shared EChart wrapper registers bars and heatmaps; error bars need the custom and scatter series.
echarts.use([CustomChart, ScatterChart, MarkLineComponent]);

export function LiftChart({ rows, title, testId }: { rows: LiftRow[]; title: string; testId: string }) {
  const option = useMemo(() => liftChartOption(rows, { title }), [rows, title]);
  return (
    <div data-testid={testId}>
      <EChart option={option} height={Math.max(180, 70 + rows.length * 34)} label={title} />
    </div>
  );
}
