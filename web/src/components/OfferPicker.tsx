// Manual offer selection: search the catalogue, see each offer's insights (30-day revenue, AOV,
// velocity, efficiency index), add up to 25, remove with the trash button.
import { ActionIcon, Badge, Box, Button, Group, Loader, ScrollArea, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueries } from '@tanstack/react-query';
import { IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { get } from '../api/client.ts';
import { useCurrency, useOffers } from '../api/hooks.ts';
import type { InsightsReport, OfferInsight } from '../api/types.ts';
import { formatDecimal, formatMoney, formatPercent } from '../lib/format.ts';
import { Num, OfferName } from './common.tsx';

export const MAX_OFFERS = 25;

/** Insights of the offers given, fetched per hierarchy level their ids name (`level=value`). */
export function useInsightMap(offerIds: string[], enabled = true): { map: Map<string, OfferInsight>; loading: boolean } {
  const levels = useMemo(
    () => [...new Set(offerIds.map((id) => id.split('=')[0]).filter((l) => l && !l.includes(' ')))].sort(),
    [offerIds],
  );
  const qs = useQueries({
    queries: levels.map((level) => ({
      queryKey: ['insights', level],
      enabled,
      queryFn: ({ signal }: { signal: AbortSignal }) => get<InsightsReport>('/v1/offers/insights', { type: level }, signal),
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  const map = useMemo(() => {
    const m = new Map<string, OfferInsight>();
    for (const q of qs) for (const i of q.data?.insights ?? []) m.set(i.offerId, i);
    return m;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [qs.map((q) => q.dataUpdatedAt).join(',')]);
  return { map, loading: qs.some((q) => q.isPending && q.fetchStatus !== 'idle') };
}

export function InsightCells({
  insight,
  loading,
  currency,
}: {
  insight: OfferInsight | undefined;
  loading: boolean;
  currency: string | null;
}) {
  if (!insight) {
    return (
      <>
        {[0, 1, 2, 3].map((i) => (
          <Table.Td key={i} ta="right">
            <Num c="dimmed">{loading ? <Loader size={10} /> : '—'}</Num>
          </Table.Td>
        ))}
      </>
    );
  }
  const v = insight.velocity;
  return (
    <>
      <Table.Td>
        <Num>{formatMoney(insight.revenue, currency)}</Num>
      </Table.Td>
      <Table.Td>
        <Num>{formatMoney(insight.aov, currency)}</Num>
      </Table.Td>
      <Table.Td>
        <Num c={v > 0.02 ? 'teal.7' : v < -0.02 ? 'red.7' : undefined}>{formatPercent(v, { sign: true, decimals: 0 })}</Num>
      </Table.Td>
      <Table.Td>
        <Num>{insight.efficiency === null ? '—' : formatDecimal(insight.efficiency, 1)}</Num>
      </Table.Td>
    </>
  );
}

export function InsightHeaders() {
  return (
    <>
      <Table.Th ta="right">
        <Tooltip label="Revenue of the offer's products over the last 30 days">
          <span>30-day revenue</span>
        </Tooltip>
      </Table.Th>
      <Table.Th ta="right">
        <Tooltip label="Average order value of orders with the offer's products">
          <span>AOV</span>
        </Tooltip>
      </Table.Th>
      <Table.Th ta="right">
        <Tooltip label="Revenue change: last 30 days against the 30 days before">
          <span>Velocity</span>
        </Tooltip>
      </Table.Th>
      <Table.Th ta="right">
        <Tooltip label="Efficiency index: how much better the model targets buyers of this offer than chance (higher is better)">
          <span>Efficiency</span>
        </Tooltip>
      </Table.Th>
    </>
  );
}

export function OfferPicker({
  selected,
  onChange,
  names,
  disabled,
}: {
  selected: string[];
  onChange: (ids: string[]) => void;
  names: Map<string, string>;
  disabled?: boolean;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const results = useOffers(debounced.trim() || undefined);
  const currency = useCurrency();
  const candidates = useMemo(
    () => (results.data?.list ?? []).filter((o) => !selected.includes(o.offerId)).slice(0, 30),
    [results.data, selected],
  );
  const insights = useInsightMap([...selected, ...candidates.map((c) => c.offerId)]);
  const full = selected.length >= MAX_OFFERS;

  return (
    <Stack gap="sm">
      <Box>
        <Group justify="space-between" mb={6}>
          <Text size="sm" fw={500}>
            Selected offers
          </Text>
          <Badge variant="light" color={full ? 'orange' : 'gray'} data-testid="offer-count">
            {selected.length} / {MAX_OFFERS}
          </Badge>
        </Group>
        {selected.length === 0 ? (
          <Text size="sm" c="dimmed" py="xs">
            No offer selected yet: search below and add up to {MAX_OFFERS}.
          </Text>
        ) : (
          <Table verticalSpacing={6} data-testid="selected-offers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Offer</Table.Th>
                <InsightHeaders />
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {selected.map((id) => (
                <Table.Tr key={id}>
                  <Table.Td>
                    <OfferName offerId={id} name={names.get(id)} />
                  </Table.Td>
                  <InsightCells insight={insights.map.get(id)} loading={insights.loading} currency={currency} />
                  <Table.Td>
                    <Tooltip label="Remove from this TOR">
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${names.get(id) ?? id}`}
                        disabled={disabled}
                        onClick={() => onChange(selected.filter((x) => x !== id))}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Box>
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder="Search offers by name or id (e.g. coffee)"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        disabled={disabled}
        aria-label="Search offers"
        rightSection={results.isFetching ? <Loader size={14} /> : null}
      />
      <ScrollArea.Autosize mah={260} type="auto">
        <Table verticalSpacing={4} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Offer</Table.Th>
              <InsightHeaders />
              <Table.Th w={80} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {candidates.length === 0 && !results.isFetching && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text size="sm" c="dimmed">
                    {debounced ? `No offer matches “${debounced}”.` : 'No more offers.'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {candidates.map((o) => (
              <Table.Tr key={o.offerId}>
                <Table.Td>
                  <OfferName offerId={o.offerId} name={o.name} />
                </Table.Td>
                <InsightCells insight={insights.map.get(o.offerId)} loading={insights.loading} currency={currency} />
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="light"
                    leftSection={<IconPlus size={12} />}
                    disabled={disabled || full}
                    onClick={() => onChange([...selected, o.offerId])}
                    aria-label={`Add ${o.name}`}
                  >
                    Add
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {full && (
        <Text size="xs" c="orange.8">
          A TOR holds at most {MAX_OFFERS} offers: remove one to add another.
        </Text>
      )}
    </Stack>
  );
}
