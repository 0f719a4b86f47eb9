// The Campaigns page's pure parts: effect formatting (web/src/lib/effectFormat.ts), the lift chart
// with intervals (liftChartOption.ts), the cumulative revenue timeline with its band
// (revenueTimelineOption.ts), tooltips escaping store text, and the campaigns route in the URL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TimelinePoint } from '../../web/src/api/campaigns.ts';
import {
  excludesZero,
  formatInterval,
  formatPoints,
  formatPValue,
  formatSignedMoney,
  formatSignedPercent,
} from '../../web/src/lib/effectFormat.ts';
import { escapeHtml } from '../../web/src/lib/escapeHtml.ts';
import { LIFT_COLORS, liftChartOption, type LiftRow } from '../../web/src/lib/liftChartOption.ts';
import { revenueTimelineOption } from '../../web/src/lib/revenueTimelineOption.ts';
import { href, parseRoute } from '../../web/src/lib/routes.ts';

test('effects print with their sign, in points, money or percent; intervals as [low, high]', () => {
  assert.equal(formatPoints(0.0234), '+2.3 pp');
  assert.equal(formatPoints(-0.005), '−0.5 pp');
  assert.equal(formatPoints(0.00004), '0.0 pp', 'a difference that rounds to zero has no sign');
  assert.equal(formatPoints(0.00234, 2), '+0.23 pp');
  assert.equal(formatPoints(null), '—');
  assert.equal(formatSignedMoney(1234.5, 'GBP'), '+£1,234.50');
  assert.equal(formatSignedMoney(-12, 'GBP'), '−£12.00');
  assert.equal(formatSignedMoney(0, null), '0.00');
  assert.equal(formatSignedMoney(-1316.76, 'GBP', { whole: true }), '−£1,317');
  assert.equal(formatSignedMoney(2131.24, null, { whole: true }), '+2,131');
  assert.equal(formatSignedPercent(0.25), '+25.0 %');
  assert.equal(formatSignedPercent(-0.031), '−3.1 %');
  assert.equal(formatInterval(0.004, 0.031, formatPoints), '[+0.4 pp, +3.1 pp]');
  assert.equal(formatInterval(-0.01, null, formatPoints), '[−1.0 pp, —]');
  assert.equal(formatInterval(null, null, formatPoints), '—');
  assert.equal(formatPValue(0.0004), '< 0.001');
  assert.equal(formatPValue(0.04567), '0.046');
  assert.equal(formatPValue(undefined), '—');
  assert.ok(excludesZero(0.001, 0.2) && excludesZero(-0.3, -0.01));
  assert.ok(!excludesZero(-0.01, 0.2) && !excludesZero(0, 0.2) && !excludesZero(null, 0.2));
});

test('store text in a tooltip is escaped', () => {
  assert.equal(escapeHtml(`<img src=x onerror="a('&')">`), '&lt;img src=x onerror=&quot;a(&#39;&amp;&#39;)&quot;&gt;');
});

const rows: LiftRow[] = [
  { label: 'Coffee', estimate: 0.05, low: 0.02, high: 0.08, highlighted: true, details: ['p adjusted 0.003'] },
  { label: 'Tea <b>', estimate: 0.01, low: -0.02, high: 0.04, highlighted: false, details: [] },
  { label: 'Soap', estimate: -0.04, low: -0.07, high: -0.01, highlighted: true, details: [] },
  { label: 'New', estimate: null, low: null, high: null, highlighted: false, details: [] },
];

test('lift chart: one row per offer top-down, interval bars, coloured by significance and sign, a zero line', () => {
  const o = liftChartOption(rows, { title: 'per offer' }) as any;
  // ECharts draws a category axis bottom-up: reversed, the first row is on top.
  assert.deepEqual(o.yAxis.data, ['New', 'Soap', 'Tea <b>', 'Coffee']);
  const [bars, points] = o.series;
  assert.equal(bars.type, 'custom');
  assert.deepEqual(bars.data, [
    [null, null, 0],
    [-0.07, -0.01, 1],
    [-0.02, 0.04, 2],
    [0.02, 0.08, 3],
  ]);
  assert.deepEqual(
    points.data.map((d: any) => [d.value[0], d.itemStyle.color]),
    [
      [null, LIFT_COLORS.plain],
      [-0.04, LIFT_COLORS.negative],
      [0.01, LIFT_COLORS.plain],
      [0.05, LIFT_COLORS.highlighted],
    ],
  );
  assert.deepEqual(points.markLine.data, [{ xAxis: 0 }]);
  // The error bar: a line from low to high with a cap at each end, in the row's colour; none without an interval.
  const api = { coord: ([x, y]: number[]) => [x * 1000, y * 10], size: () => [0, 20] };
  const drawn = bars.renderItem({ dataIndex: 3 }, api);
  assert.equal(drawn.children.length, 3);
  assert.deepEqual(drawn.children[0].shape, { x1: 20, y1: 30, x2: 80, y2: 30 });
  assert.equal(drawn.children[0].style.stroke, LIFT_COLORS.highlighted);
  assert.deepEqual(drawn.children[1].shape, { x1: 20, y1: 26.5, x2: 20, y2: 33.5 });
  assert.equal(bars.renderItem({ dataIndex: 0 }, api), null);
  // Tooltips: estimate, interval, details; the name escaped.
  const tip = o.tooltip.formatter({ dataIndex: 2 });
  assert.match(tip, /<b>Tea &lt;b&gt;<\/b>/);
  assert.match(tip, /Incremental conversion: <b>\+1\.0 pp<\/b><br\/>interval −2\.0 pp to \+4\.0 pp/);
  assert.match(o.tooltip.formatter({ dataIndex: 3 }), /p adjusted 0\.003/);
});

test('revenue timeline: the cumulative line and a band stacked from its low end, gaps where a value is missing', () => {
  const day = (d: number, cum: number | null, lo: number | null, hi: number | null): TimelinePoint => ({
    day: d,
    date: `2024-04-0${d + 1}T00:00:00`,
    treatment_revenue_per_contact: 2,
    control_revenue_per_contact: 1.5,
    cumulative_incremental_revenue: cum,
    ci_low: lo,
    ci_high: hi,
  });
  const o = revenueTimelineOption([day(0, 10, -5, 25), day(1, 30, 4, 56), day(2, null, null, null)], 'GBP') as any;
  assert.deepEqual(o.xAxis.data, ['0', '1', '2']);
  const [low, band, line] = o.series;
  assert.deepEqual(low.data, [-5, 4, '-']);
  assert.deepEqual(band.data, [30, 52, '-'], 'the band is high − low, stacked on the low end');
  assert.ok(low.stack === 'band' && band.stack === 'band' && low.stackStrategy === 'all', 'one band across zero');
  assert.ok(band.areaStyle && !low.areaStyle);
  assert.deepEqual(line.data, [10, 30, '-']);
  const tip = o.tooltip.formatter([{ dataIndex: 1 }]);
  assert.match(tip, /Day 1<\/b> · 2 Apr 2024/);
  assert.match(tip, /<b>\+£30\.00<\/b><br\/>interval \+£4\.00 to \+£56\.00/);
  assert.match(tip, /treatment £2\.00, control £1\.50/);
});

test('campaigns route: the open campaign and its report settings round-trip through the URL', () => {
  assert.equal(href({ page: 'campaigns' }), '#/campaigns');
  assert.deepEqual(parseRoute('#/campaigns'), { page: 'campaigns' });
  const r = { page: 'campaigns', id: 'tor 3/a', window: '28d', attribution: 'first', churnDays: '90', controlPct: '20' } as const;
  assert.equal(href(r), '#/campaigns/tor%203%2Fa?window=28d&attribution=first&churnDays=90&controlPct=20');
  assert.deepEqual(parseRoute(href(r)), r);
  assert.deepEqual(parseRoute('#/campaigns/c1'), { page: 'campaigns', id: 'c1' });
  assert.deepEqual(parseRoute('#/campaigns?window=7d'), { page: 'campaigns' }, 'settings belong to an open campaign');
});
