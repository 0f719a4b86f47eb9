// One campaign's report: its settings (kept in the URL), warnings, the headline figures, cumulative
// incremental revenue over time, the breakdowns, and the notes on how it was computed. A setting the
// server refuses shows its reason at the field while the last good report stays on screen.
import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useRef } from 'react';
import { ApiError } from '../../api/client.ts';
import { useCampaignReport, type CampaignReport, type ReportSettings } from '../../api/campaigns.ts';
import { useCurrency, useOfferNames } from '../../api/hooks.ts';
import { formatDate, formatPercent } from '../../lib/format.ts';
import { href } from '../../lib/routes.ts';
import { ErrorState, Loading } from '../common.tsx';
import { CampaignBreakdowns } from './CampaignBreakdowns.tsx';
import { CampaignHeadline } from './CampaignHeadline.tsx';
import { CampaignWarnings } from './CampaignWarnings.tsx';
import { ReportControls } from './ReportControls.tsx';
import { RevenueTimelineChart } from './RevenueTimelineChart.tsx';

function settingsText(s: CampaignReport['settings']): string {
  return [
    `window ${s.window_days} days after each contact`,
    `${s.attribution}-touch attribution`,
    `churned after ${s.churn_days} days without a purchase`,
    `${formatPercent(s.confidence, { decimals: 0 })} intervals`,
    `${s.correction} correction across offers`,
    `uptake from ${s.uptake_source}`,
  ].join(' · ');
}

export function CampaignReportView({
  id,
  settings,
  onSettings,
}: {
  id: string;
  settings: ReportSettings;
  onSettings: (s: ReportSettings) => void;
}) {
  const q = useCampaignReport(id, settings);
  const currency = useCurrency();
  const offerNames = useOfferNames();
  const lastGood = useRef<CampaignReport | null>(null);
  if (q.data) lastGood.current = q.data;
  const badInput = q.error instanceof ApiError && q.error.status === 400 ? q.error : null;
  const errors = badInput
    ? {
        // A refusal naming no field of its own is shown at the window, the first control.
        window: badInput.fieldProblem('window') ?? (badInput.details.length ? null : badInput.message),
        churnDays: badInput.fieldProblem('churnDays'),
        controlPct: badInput.fieldProblem('expectedControlPct'),
      }
    : {};
  const report = q.data ?? (badInput ? lastGood.current : null);
  const controls = (
    <ReportControls settings={settings} onChange={onSettings} errors={errors} askControl={report?.campaign.control_pct === null} />
  );

  let body;
  if (!report && q.isPending) body = <Loading label="Comparing treatment and control…" />;
  else if (!report) body = <ErrorState error={q.error} retry={() => q.refetch()} what="the campaign report" />;
  else body = <ReportBody report={report} currency={currency} offerNames={offerNames} />;

  const c = report?.campaign;
  return (
    <Stack gap="md" data-testid="campaign-report" data-campaign={id} style={{ opacity: q.isFetching && report ? 0.7 : 1 }}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="xs">
            <Title order={3} data-testid="campaign-title">
              {c?.name ?? id}
            </Title>
            {c && (
              <Badge variant="light" tt="none">
                {c.kind}
              </Badge>
            )}
          </Group>
          {c && (
            <Text size="sm" c="dimmed">
              {c.id}
              {c.experiment ? ` · experiment ${c.experiment}` : ''}
              {c.control_pct !== null ? ` · ${c.control_pct} % control` : ''} · sent {formatDate(c.first_sent)}
              {formatDate(c.last_sent) !== formatDate(c.first_sent) ? ` – ${formatDate(c.last_sent)}` : ''}
              {c.kind === 'tor' && (
                <>
                  {' · '}
                  <Anchor href={href({ page: 'tor', id: c.id })} size="sm">
                    open the TOR
                  </Anchor>
                </>
              )}
            </Text>
          )}
        </div>
        {(report || q.isPending) && controls}
      </Group>
      {body}
    </Stack>
  );
}

function ReportBody({
  report,
  currency,
  offerNames,
}: {
  report: CampaignReport;
  currency: string | null;
  offerNames: Map<string, string>;
}) {
  return (
    <>
      <CampaignWarnings warnings={report.warnings} offerNames={offerNames} />
      <CampaignHeadline report={report} currency={currency} />
      <Card withBorder padding="lg">
        <Title order={5}>Cumulative incremental revenue</Title>
        <Text size="xs" c="dimmed" mb="sm">
          Treatment minus control revenue per contact, times the treated contacts, summed day by day since the send; the band is its
          interval.
        </Text>
        {report.timeline.length ? (
          <RevenueTimelineChart points={report.timeline} currency={currency} />
        ) : (
          <Text c="dimmed">No day of the window has passed yet.</Text>
        )}
      </Card>
      <CampaignBreakdowns report={report} currency={currency} />
      <Card withBorder padding="lg" data-testid="campaign-notes">
        <Title order={5} mb={4}>
          How this was computed
        </Title>
        <Text size="xs" c="dimmed" mb="xs">
          {settingsText(report.settings)}
        </Text>
        {report.notes.length > 0 && (
          <List size="sm" spacing={2}>
            {report.notes.map((n, i) => (
              <List.Item key={i}>{n}</List.Item>
            ))}
          </List>
        )}
      </Card>
    </>
  );
}
