// The trigger rules that fired for one customer (batch and real time), newest first.
import { Card, Group, Text, Title } from '@mantine/core';
import { isMissingRoute } from '../api/client.ts';
import { useOfferNames } from '../api/hooks.ts';
import { useFirings } from '../api/rules.ts';
import { formatInt } from '../lib/format.ts';
import { ErrorState, Loading } from './common.tsx';
import { FiringsTable } from './FiringsTable.tsx';

export function CustomerFiringsCard({ id }: { id: string }) {
  const q = useFirings({ customer: id, limit: 20 });
  const names = useOfferNames();
  if (isMissingRoute(q.error)) return null;
  return (
    <Card withBorder padding="lg" data-testid="customer-firings">
      <Group justify="space-between" mb="sm">
        <Title order={5}>Rule firings</Title>
        {q.data && q.data.total > q.data.firings.length && (
          <Text size="xs" c="dimmed">
            latest {q.data.firings.length} of {formatInt(q.data.total)}
          </Text>
        )}
      </Group>
      {q.isPending ? (
        <Loading h={60} />
      ) : q.isError ? (
        <ErrorState error={q.error} what="the firings" />
      ) : (
        <FiringsTable firings={q.data.firings} names={names} showCustomer={false} />
      )}
    </Card>
  );
}
