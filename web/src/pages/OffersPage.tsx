// Offers: the catalogue with what each offer's products sell now (30-day revenue, orders, buyers
// at once; AOV, velocity and efficiency index as the insights arrive).
import { ActionIcon, Badge, Card, Group, Loader, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMessage, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useCurrency, useOffers } from '../api/hooks.ts';
import { useOfferMessages } from '../api/offerMaps.ts';
import { OfferMessageDialog } from '../components/OfferMessageDialog.tsx';
import { Empty, ErrorState, Loading, Num, OfferName, PageHeader } from '../components/common.tsx';
import { useInsightMap } from '../components/OfferPicker.tsx';
import { formatDate, formatDecimal, formatInt, formatMoney, formatPercent } from '../lib/format.ts';
import { useSession } from '../session.tsx';

export function OffersPage() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const offers = useOffers(debounced || undefined);
  const currency = useCurrency();
  const rows = useMemo(() => [...(offers.data?.list ?? [])].sort((a, b) => (b.revenue ?? 0) - (a.revenue ?? 0)), [offers.data]);
  const insights = useInsightMap(rows.map((o) => o.offerId));
  const messages = useOfferMessages();
  const messageOf = useMemo(() => new Map((messages.data ?? []).map((m) => [m.offerId, m])), [messages.data]);
  const canWrite = useSession().may('write');
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <PageHeader title="Offers" description="What TORs choose from, with what each offer's products sell now." />
      <Card withBorder padding="lg">
        <Group justify="space-between" mb="md">
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder="Search offers by name or id"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            aria-label="Search offers"
            w={320}
          />
          <Group gap="xs">
            {insights.loading && (
              <Group gap={6}>
                <Loader size={12} />
                <Text size="xs" c="dimmed">
                  measuring AOV, velocity and efficiency…
                </Text>
              </Group>
            )}
            {offers.data?.asOf && (
              <Text size="xs" c="dimmed">
                30 days to {formatDate(offers.data.asOf)}
              </Text>
            )}
          </Group>
        </Group>
        {offers.isPending ? (
          <Loading />
        ) : offers.isError ? (
          <ErrorState error={offers.error} retry={() => offers.refetch()} what="the offers" />
        ) : rows.length === 0 ? (
          <Empty
            title={debounced ? `No offer matches “${debounced}”` : 'No offer yet'}
            description={
              <>
                Offers come from a product attribute: <span className="nb-mono">nextbest offers from-attribute family</span>, or an offers
                file imported on the Data page.
              </>
            }
          />
        ) : (
          <Table verticalSpacing={6} highlightOnHover data-testid="offers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Offer</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th ta="right">30-day revenue</Table.Th>
                <Table.Th ta="right">Orders</Table.Th>
                <Table.Th ta="right">Buyers</Table.Th>
                <Table.Th ta="right">AOV</Table.Th>
                <Table.Th ta="right">Velocity</Table.Th>
                <Table.Th ta="right">
                  <Tooltip label="How much better the model targets buyers of this offer than chance (higher is better)">
                    <span>Efficiency</span>
                  </Tooltip>
                </Table.Th>
                <Table.Th>Message</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => {
                const i = insights.map.get(o.offerId);
                const wait = <Num c="dimmed">{insights.loading ? <Loader size={10} /> : '—'}</Num>;
                return (
                  <Table.Tr key={o.offerId}>
                    <Table.Td>
                      <OfferName offerId={o.offerId} name={o.name} />
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color="gray" tt="none">
                        {o.offerId.includes('=') ? o.offerId.split('=')[0] : (o.level ?? 'offer')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Num>{formatMoney(o.revenue ?? null, currency)}</Num>
                    </Table.Td>
                    <Table.Td>
                      <Num>{formatInt(o.orders ?? null)}</Num>
                    </Table.Td>
                    <Table.Td>
                      <Num>{formatInt(o.buyers ?? null)}</Num>
                    </Table.Td>
                    <Table.Td>{i ? <Num>{formatMoney(i.aov, currency)}</Num> : wait}</Table.Td>
                    <Table.Td>
                      {i ? (
                        <Num c={i.velocity > 0.02 ? 'teal.7' : i.velocity < -0.02 ? 'red.7' : undefined}>
                          {formatPercent(i.velocity, { sign: true, decimals: 0 })}
                        </Num>
                      ) : (
                        wait
                      )}
                    </Table.Td>
                    <Table.Td>{i ? <Num>{i.efficiency === null ? '—' : formatDecimal(i.efficiency, 1)}</Num> : wait}</Table.Td>
                    <Table.Td maw={260}>
                      <Group gap={4} wrap="nowrap">
                        <Tooltip label={messageOf.get(o.offerId)?.template ?? ''} disabled={!messageOf.has(o.offerId)} multiline w={320}>
                          <Text size="xs" c={messageOf.has(o.offerId) ? undefined : 'dimmed'} truncate="end" maw={210}>
                            {messageOf.get(o.offerId)?.template ?? '—'}
                          </Text>
                        </Tooltip>
                        {canWrite && (
                          <ActionIcon
                            variant="subtle"
                            size="sm"
                            onClick={() => setEditing(o.offerId)}
                            aria-label={`Edit the message of ${o.name}`}
                            data-testid="edit-message"
                          >
                            <IconMessage size={14} />
                          </ActionIcon>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <OfferMessageDialog
        offerId={editing}
        name={rows.find((o) => o.offerId === editing)?.name}
        current={editing ? messageOf.get(editing) : undefined}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
