// A TOR's results a page at a time: each customer's offers by priority with the score and the reason;
// with an offer map, the segment that governed the customer and the map rule that shaped the pair;
// with message templates, the personalised copy. Filter by customer id.
import { Anchor, Badge, Card, Group, Pagination, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { get } from '../api/client.ts';
import { useOfferNames } from '../api/hooks.ts';
import type { Tor, TorResultsPage } from '../api/types.ts';
import { formatInt, formatScore } from '../lib/format.ts';
import { href } from '../lib/routes.ts';
import { ErrorState, Loading, Num, OfferName } from './common.tsx';

export function TorResultsSnippet({ tor }: { tor: Tor }) {
  const [page, setPage] = useState(1);
  const [customer, setCustomer] = useState('');
  const [c] = useDebouncedValue(customer.trim(), 300);
  const names = useOfferNames();
  const pageSize = 12;
  const q = useQuery({
    queryKey: ['tor-results', tor.torId, tor.computedAt, page, c],
    queryFn: ({ signal }) =>
      get<TorResultsPage>(`/v1/tors/${encodeURIComponent(tor.torId)}/results`, { page, pageSize, customer: c || undefined }, signal),
    placeholderData: (p) => p,
  });
  useEffect(() => setPage(1), [c]);
  // The map and message columns appear only when this page of results has any.
  const rows = q.data?.rows ?? [];
  const mapped = tor.settings.offerMap != null || rows.some((r) => r.segment || r.mapRule);
  const messages = rows.some((r) => r.message);
  const pages = q.data ? Math.max(1, Math.ceil(q.data.total / pageSize)) : 1;
  return (
    <Card withBorder padding="lg" data-testid="results-snippet">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <div>
          <Title order={4}>Results</Title>
          <Text size="sm" c="dimmed">
            Each customer's offers by priority, with the score and the reason.
          </Text>
        </div>
        <TextInput
          size="xs"
          leftSection={<IconSearch size={14} />}
          placeholder="Find a customer by id"
          value={customer}
          w={220}
          onChange={(e) => setCustomer(e.currentTarget.value)}
          aria-label="Filter results by customer"
        />
      </Group>
      {q.isPending ? (
        <Loading h={120} />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => q.refetch()} what="the results" />
      ) : q.data.rows.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          {c ? `Customer ${c} gets no offer from this TOR.` : 'No results.'}
        </Text>
      ) : (
        <>
          <Table verticalSpacing={4} fz="sm" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={120}>Customer</Table.Th>
                <Table.Th w={72} ta="center">
                  Priority
                </Table.Th>
                <Table.Th w={220}>Offer</Table.Th>
                <Table.Th w={80} ta="right">
                  Score
                </Table.Th>
                <Table.Th>Reason</Table.Th>
                {mapped && (
                  <>
                    <Table.Th w={150}>Segment</Table.Th>
                    <Table.Th w={170}>Map rule</Table.Th>
                  </>
                )}
                {messages && <Table.Th>Message</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.rows.map((r) => (
                <Table.Tr key={`${r.customerId}-${r.priority}`}>
                  <Table.Td>
                    <Anchor href={href({ page: 'customer', id: r.customerId })} size="sm" className="nb-mono">
                      {r.customerId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="center">
                    <Badge size="sm" variant="light" circle>
                      {r.priority}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <OfferName offerId={r.offerId} name={r.offerName ?? names.get(r.offerId)} />
                  </Table.Td>
                  <Table.Td>
                    <Num>{formatScore(r.score)}</Num>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={r.reason ?? ''} disabled={!r.reason}>
                      <Text size="xs" c="dimmed" truncate="end">
                        {r.reason ?? '—'}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  {mapped && (
                    <>
                      <Table.Td>
                        {r.segment ? (
                          <Badge size="sm" variant="light" tt="none">
                            {r.segment}
                          </Badge>
                        ) : (
                          <Text size="xs" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" truncate="end">
                          {r.mapRule ?? '—'}
                        </Text>
                      </Table.Td>
                    </>
                  )}
                  {messages && (
                    <Table.Td>
                      <Tooltip label={r.message ?? ''} disabled={!r.message} multiline w={320}>
                        <Text size="xs" truncate="end">
                          {r.message ?? '—'}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between" mt="sm">
            <Text size="xs" c="dimmed">
              {formatInt(q.data.total)} rows
            </Text>
            <Pagination size="sm" total={pages} value={page} onChange={setPage} siblings={1} boundaries={1} />
          </Group>
        </>
      )}
    </Card>
  );
}
