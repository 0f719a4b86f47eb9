// The report broken down: lift with intervals per offer (significant after the Holm correction in
// colour, corrected p in the tooltip) and per segment (in colour when the interval excludes zero,
// uncorrected), then the tables per offer, segment and priority.
import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import type { CampaignReport } from '../../api/campaigns.ts';
import { excludesZero, formatPValue } from '../../lib/effectFormat.ts';
import { formatInt, offerLabel } from '../../lib/format.ts';
import type { LiftRow } from '../../lib/liftChartOption.ts';
import { OfferName } from '../common.tsx';
import { ComparisonTable } from './ComparisonTable.tsx';
import { LiftChart } from './LiftChart.tsx';

const NO_SEGMENT = '(none)';

function Section({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="lg">
      <Title order={5}>{title}</Title>
      {hint && (
        <Text size="xs" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      {children}
    </Card>
  );
}

export function CampaignBreakdowns({ report, currency }: { report: CampaignReport; currency: string | null }) {
  const level = `${Math.round(report.settings.confidence * 100)} %`;
  const offerRows = useMemo<LiftRow[]>(
    () =>
      report.offers.map((o) => ({
        label: offerLabel(o.offer_name, o.offer_id).label,
        estimate: o.incremental_conversion,
        low: o.ci_low,
        high: o.ci_high,
        highlighted: o.significant,
        details: [
          `${o.offer_id} · contacts ${formatInt(o.contacts_treatment)} / ${formatInt(o.contacts_control)}`,
          `p ${formatPValue(o.p_value)} · p adjusted (${report.settings.correction}) ${formatPValue(o.p_adjusted)}`,
          o.significant ? 'significant after the correction' : 'not significant after the correction',
        ],
      })),
    [report],
  );
  // Contacts recorded without a segment (imported files) gather under '(none)': no chart for that alone.
  const knownSegments = report.segments.some((s) => s.segment !== NO_SEGMENT);
  const segmentRows = useMemo<LiftRow[]>(
    () =>
      report.segments.map((s) => ({
        label: s.segment,
        estimate: s.incremental_conversion,
        low: s.ci_low,
        high: s.ci_high,
        highlighted: excludesZero(s.ci_low, s.ci_high),
        details: [
          `contacts ${formatInt(s.contacts_treatment)} / ${formatInt(s.contacts_control)}`,
          `p ${formatPValue(s.p_value)} (uncorrected)`,
        ],
      })),
    [report],
  );
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xl: 2 }}>
        <Section
          title="Lift per offer"
          hint={`Incremental conversion with its ${level} interval; green: significant after ${report.settings.correction}`}
        >
          {offerRows.length ? (
            <LiftChart rows={offerRows} title="Incremental conversion per offer" testId="offer-lift-chart" />
          ) : (
            <Text c="dimmed">No offer.</Text>
          )}
        </Section>
        <Section
          title="Lift per segment"
          hint={`Incremental conversion with its ${level} interval; green: the interval excludes zero (uncorrected)`}
        >
          {knownSegments ? (
            <LiftChart rows={segmentRows} title="Incremental conversion per segment" testId="segment-lift-chart" />
          ) : (
            <Text c="dimmed" size="sm">
              The contacts carry no segment. A TOR's send records each customer's segment; imported contacts do not.
            </Text>
          )}
        </Section>
      </SimpleGrid>
      <Section title="Per offer">
        <ComparisonTable
          testId="offers-table"
          first="Offer"
          currency={currency}
          corrected
          rows={report.offers.map((o) => ({
            key: o.offer_id,
            label: <OfferName offerId={o.offer_id} name={o.offer_name} />,
            c: o,
            pAdjusted: o.p_adjusted,
            significant: o.significant,
          }))}
        />
      </Section>
      <Section title="Per segment">
        <ComparisonTable
          testId="segments-table"
          first="Segment"
          currency={currency}
          rows={report.segments.map((s) => ({ key: s.segment, label: <Text size="sm">{s.segment}</Text>, c: s }))}
        />
      </Section>
      {report.priorities.length > 0 && (
        <Section title="Per priority" hint="The customer's rank of the offer in the TOR: does the second offer still add?">
          <ComparisonTable
            testId="priorities-table"
            first="Priority"
            currency={currency}
            rows={report.priorities.map((p) => ({ key: String(p.priority), label: <Text size="sm">Priority {p.priority}</Text>, c: p }))}
          />
        </Section>
      )}
    </Stack>
  );
}
