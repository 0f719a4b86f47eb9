// One segment in full: its definition, size and first members as of a date, and its refresh history.
import { Anchor, Card, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useSegment } from '../api/segments.ts';
import { formatDate, formatDateTime, formatInt } from '../lib/format.ts';
import { href } from '../lib/routes.ts';
import { ErrorState, Loading, Num } from './common.tsx';

export function SegmentDetailCard({ id, asOf }: { id: string; asOf: string | null }) {
  const q = useSegment(id, asOf);
  if (q.isPending)
    return (
      <Card withBorder>
        <Loading h={100} />
      </Card>
    );
  if (q.isError) return <ErrorState error={q.error} retry={() => q.refetch()} what={`segment ${id}`} />;
  const s = q.data;
  return (
    <Card withBorder padding="lg" data-testid="segment-detail">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={4}>
            {s.name}{' '}
            <Text span c="dimmed" size="sm" className="nb-mono">
              {s.id}
            </Text>
          </Title>
          <Text size="sm" c="dimmed">
            {s.description}
          </Text>
        </div>
        <Text size="sm">
          <b className="nb-num">{formatInt(s.size)}</b> customers as of {formatDate(s.asOf)}
        </Text>
      </Group>
      <Text size="sm" className="nb-mono" p="xs" bg="var(--mantine-color-gray-0)" style={{ borderRadius: 4, whiteSpace: 'pre-wrap' }}>
        {s.expression}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }} mt="md">
        <div>
          <Text size="sm" fw={600} mb={4}>
            Members (first {s.sample.length})
          </Text>
          <Group gap={6}>
            {s.sample.map((c) => (
              <Anchor key={c} href={href({ page: 'customer', id: c })} size="xs" className="nb-mono">
                {c}
              </Anchor>
            ))}
          </Group>
        </div>
        <div>
          <Text size="sm" fw={600} mb={4}>
            Refresh history
          </Text>
          <Table verticalSpacing={2} fz="xs" data-testid="segment-refreshes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Refreshed</Table.Th>
                <Table.Th>As of</Table.Th>
                <Table.Th ta="right">Size</Table.Th>
                <Table.Th>By</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.refreshes.slice(0, 10).map((r) => (
                <Table.Tr key={r.refreshId}>
                  <Table.Td>{formatDateTime(r.refreshedAt)}</Table.Td>
                  <Table.Td>{formatDate(r.asOf)}</Table.Td>
                  <Table.Td>
                    <Num>{formatInt(r.size)}</Num>
                  </Table.Td>
                  <Table.Td>{r.actor ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </SimpleGrid>
    </Card>
  );
}
