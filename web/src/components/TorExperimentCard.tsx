// A TOR's experiment: the hold-out settings, how many customers each arm got in the last compute,
// and the way to the campaign report that measures the send against its control group.
import { Anchor, Button, Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import { IconChartArrowsVertical } from '@tabler/icons-react';
import type { Tor } from '../api/types.ts';
import { formatInt, formatPercent } from '../lib/format.ts';
import { href } from '../lib/routes.ts';
import { Stat } from './common.tsx';

const STRATA = { none: 'none', segment: 'by segment', priority: 'by first-priority offer' } as const;

export function TorExperimentCard({ tor }: { tor: Tor }) {
  const c = tor.settings.control;
  if (!c) return null;
  const arms = tor.stats?.arms;
  const total = arms ? arms.treatment + arms.control : 0;
  return (
    <Card withBorder padding="lg" data-testid="experiment-card">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={4}>Experiment</Title>
          <Text size="sm" c="dimmed">
            {formatPercent(c.pct / 100, { decimals: c.pct % 1 ? 1 : 0 })} of the customers are held out: their offers are computed but not
            sent, so the report can compare them with the treated customers.
          </Text>
        </div>
        <Button
          component="a"
          href={href({ page: 'campaigns', id: tor.torId })}
          variant="light"
          leftSection={<IconChartArrowsVertical size={16} />}
          data-testid="campaign-report-link"
        >
          Campaign report
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <Stat label="Held out" value={`${c.pct} %`} hint={`seed ${c.seed}`} />
        <Stat label="Strata" value={STRATA[c.stratify]} />
        <Stat
          label="Experiment"
          value={
            <Text fw={650} size="md" component="span" className="nb-mono">
              {arms?.experiment ?? c.experiment ?? tor.torId}
            </Text>
          }
          hint={c.experiment ? 'shared id: customers keep their group across campaigns' : 'the TOR id'}
        />
        <Stat
          label="Treated"
          value={<span data-testid="arm-treatment">{arms ? formatInt(arms.treatment) : '—'}</span>}
          hint={arms ? `${formatPercent(total ? arms.treatment / total : 0, { decimals: 1 })} of the customers` : 'after the next compute'}
        />
        <Stat
          label="Held out (control)"
          value={<span data-testid="arm-control">{arms ? formatInt(arms.control) : '—'}</span>}
          hint={arms ? `${formatPercent(total ? arms.control / total : 0, { decimals: 1 })} of the customers` : 'after the next compute'}
        />
      </SimpleGrid>
      {!arms && (
        <Text size="sm" c="dimmed" mt="sm">
          The arms are drawn when the TOR computes.{' '}
          <Anchor href={href({ page: 'tor', id: tor.torId, tab: 'definition' })} size="sm">
            Edit the control group
          </Anchor>
        </Text>
      )}
    </Card>
  );
}
