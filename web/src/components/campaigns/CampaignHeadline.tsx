// The report's headline: contacts per arm, incremental conversion, incremental revenue and relative
// lift each with its interval, ROI, and whether the arms have the sizes the split promised (SRM).
import { Badge, Card, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { CampaignReport } from '../../api/campaigns.ts';
import {
  excludesZero,
  formatInterval,
  formatPoints,
  formatPValue,
  formatSignedMoney,
  formatSignedPercent,
} from '../../lib/effectFormat.ts';
import { formatInt, formatPercent } from '../../lib/format.ts';
import { Stat } from '../common.tsx';

function Tile({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      {children}
    </Card>
  );
}

export function CampaignHeadline({ report, currency }: { report: CampaignReport; currency: string | null }) {
  const o = report.overall;
  const money = (n: number | null | undefined) => formatSignedMoney(n, currency);
  const level = formatPercent(report.settings.confidence, { decimals: 0 });
  const srm = report.srm;
  return (
    <SimpleGrid cols={{ base: 2, md: 3, xl: 6 }} data-testid="campaign-headline">
      <Tile testId="headline-contacts">
        <Stat
          label="Contacts T / C"
          value={`${formatInt(o.contacts_treatment)} / ${formatInt(o.contacts_control)}`}
          hint="treatment / control"
        />
      </Tile>
      <Tile testId="headline-conversion">
        <Stat
          label="Incremental conversion"
          value={
            <Text span inherit c={excludesZero(o.ci_low, o.ci_high) ? ((o.incremental_conversion ?? 0) < 0 ? 'red' : 'teal') : undefined}>
              {formatPoints(o.incremental_conversion)}
            </Text>
          }
          hint={`${level} ${formatInterval(o.ci_low, o.ci_high, formatPoints)} · p ${formatPValue(o.p_value)}`}
        />
      </Tile>
      <Tile testId="headline-revenue">
        <Stat
          label="Incremental revenue"
          value={money(o.incremental_revenue)}
          hint={`${level} ${formatInterval(o.incremental_revenue_ci_low, o.incremental_revenue_ci_high, money)}`}
        />
      </Tile>
      <Tile testId="headline-lift">
        <Stat
          label="Relative lift"
          value={formatSignedPercent(o.relative_lift)}
          hint={
            o.relative_lift !== null
              ? `${level} ${formatInterval(o.lift_ci_low, o.lift_ci_high, formatSignedPercent)}`
              : o.contacts_control === 0
                ? 'no control group'
                : 'not defined: no conversion in the control arm'
          }
        />
      </Tile>
      <Tile testId="headline-roi">
        <Stat
          label="ROI"
          value={formatSignedPercent(o.roi)}
          hint={
            o.roi === null
              ? 'not defined: no offer cost known, or none spent'
              : `${level} ${formatInterval(o.roi_ci_low, o.roi_ci_high, formatSignedPercent)}`
          }
        />
      </Tile>
      <Tile testId="headline-srm">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
          Sample ratio
        </Text>
        {srm ? (
          <>
            <Badge color={srm.mismatch ? 'red' : 'teal'} variant="light" size="lg" tt="none" mt={6} data-testid="srm-status">
              {srm.mismatch ? 'Mismatch' : 'OK'}
            </Badge>
            <Text size="xs" c="dimmed" mt={4}>
              control {formatPercent(srm.observed_control_share)} of {formatPercent(srm.expected_control_share)} expected · p{' '}
              {formatPValue(srm.p_value)}
            </Text>
          </>
        ) : (
          <>
            <Badge color="gray" variant="light" size="lg" tt="none" mt={6} data-testid="srm-status">
              Not checked
            </Badge>
            <Text size="xs" c="dimmed" mt={4}>
              no planned split known: set the planned control %
            </Text>
          </>
        )}
      </Tile>
    </SimpleGrid>
  );
}
