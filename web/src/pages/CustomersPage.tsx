// Customers: find one by id; the customer page shows their profile, computed features and
// segment, current offers with reasons (from the latest ready TOR), product recommendations and
// purchase history; their loyalty (favourite cells, personal offers), promotions and rule firings.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Pagination,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconArrowLeft, IconSearch, IconSparkles } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, get, isMissingRoute } from '../api/client.ts';
import { useCurrency, useTors } from '../api/hooks.ts';
import { useProducts, type Product } from '../api/products.ts';
import type { Page, TorResultsPage } from '../api/types.ts';
import { Empty, ErrorState, Loading, Num, OfferName, PageHeader, Stat } from '../components/common.tsx';
import { CustomerFiringsCard } from '../components/CustomerFiringsCard.tsx';
import { CustomerLoyaltyCard } from '../components/CustomerLoyaltyCard.tsx';
import { CustomerPromotionsCard } from '../components/CustomerPromotionsCard.tsx';
import { formatDate, formatDateTime, formatInt, formatMoney, formatScore } from '../lib/format.ts';
import { href } from '../lib/routes.ts';
import { navigate } from '../lib/useRoute.ts';
import { attrText } from '../lib/attrText.ts';

interface CustomerRow {
  customer_id: string;
  [attr: string]: unknown;
}

export interface CustomerProfile {
  customerId: string;
  asOf: string | null;
  attributes: Record<string, unknown>;
  features: { recency_days: number; frequency: number; monetary: number; aov: number; tenure_days: number; clv_tier: string } | null;
  segment: string | null;
  history: { orders: number; revenue: number; firstPurchase: string | null; lastPurchase: string | null; topFamilies: string[] };
}

interface CustomerOffers {
  customerId: string;
  torId: string;
  torName: string;
  status: string;
  computedAt: string | null;
  offers: { priority: number; offerId: string; offerName: string; score: number; reason: string | null }[];
  note?: string;
}

export interface RecRow {
  recommended_item_id: string;
  ranking: number;
  score: number;
  last_update_date?: string;
}

interface OrderLine {
  order_id: string;
  product_id: string;
  customer_id: string;
  quantity: number;
  unit_price: number;
  amount: number;
  ts: string;
  kind: string;
}

export function CustomersPage() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['customers', debounced, page],
    queryFn: ({ signal }) => get<Page<CustomerRow>>('/v1/customers', { search: debounced || undefined, page, pageSize: 25 }, signal),
    placeholderData: (p) => p,
  });
  const attrs = q.data?.items.length
    ? Object.keys(q.data.items[0])
        .filter((k) => k !== 'customer_id')
        .slice(0, 6)
    : [];
  const open = (e: FormEvent) => {
    e.preventDefault();
    const id = search.trim();
    if (id) navigate({ page: 'customer', id });
  };
  return (
    <>
      <PageHeader title="Customers" description="Look a customer up: their profile, their offers and why, their recommendations." />
      <Card withBorder padding="lg">
        <form onSubmit={open}>
          <Group mb="md">
            <TextInput
              leftSection={<IconSearch size={16} />}
              placeholder="Customer id or its beginning"
              value={search}
              w={320}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                setPage(1);
              }}
              aria-label="Customer id"
              data-testid="customer-search"
            />
            <Button type="submit" variant="light" disabled={!search.trim()}>
              Open
            </Button>
          </Group>
        </form>
        {q.isPending ? (
          <Loading />
        ) : q.isError ? (
          <ErrorState error={q.error} retry={() => q.refetch()} what="the customers" />
        ) : q.data.items.length === 0 ? (
          <Empty
            title={debounced ? `No customer id starts with “${debounced}”` : 'No customer yet'}
            description="Customer ids are matched from their beginning, case-sensitively."
          />
        ) : (
          <>
            <Table verticalSpacing={6} highlightOnHover data-testid="customers">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Customer</Table.Th>
                  {attrs.map((a) => (
                    <Table.Th key={a}>{a.replace(/_/g, ' ')}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((c) => (
                  <Table.Tr key={c.customer_id}>
                    <Table.Td>
                      <Anchor href={href({ page: 'customer', id: c.customer_id })} className="nb-mono" size="sm">
                        {c.customer_id}
                      </Anchor>
                    </Table.Td>
                    {attrs.map((a) => (
                      <Table.Td key={a}>
                        <Text size="sm">{attrText(c[a])}</Text>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {q.data.total !== undefined && (
              <Group justify="space-between" mt="sm">
                <Text size="xs" c="dimmed">
                  {formatInt(q.data.total)} customers
                </Text>
                <Pagination size="sm" total={Math.max(1, Math.ceil(q.data.total / 25))} value={page} onChange={setPage} siblings={1} />
              </Group>
            )}
          </>
        )}
      </Card>
    </>
  );
}

export { attrText };

export function CustomerPage({ id }: { id: string }) {
  const currency = useCurrency();
  const profile = useQuery({
    queryKey: ['customer', id],
    queryFn: ({ signal }) => get<CustomerProfile>(`/v1/customers/${encodeURIComponent(id)}`, undefined, signal),
    retry: false,
  });
  // Without the real-time profile route, the attributes come from the customers list.
  const fallback = useQuery({
    queryKey: ['customer-row', id],
    enabled: isMissingRoute(profile.error),
    queryFn: ({ signal }) => get<Page<CustomerRow>>('/v1/customers', { search: id, pageSize: 5 }, signal),
  });
  const notFound = profile.error instanceof ApiError && profile.error.status === 404 && !isMissingRoute(profile.error);
  const p = profile.data;
  const attributes = p?.attributes ?? fallback.data?.items.find((c) => c.customer_id === id) ?? null;

  return (
    <>
      <Anchor href={href({ page: 'customers' })} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          Customers
        </Group>
      </Anchor>
      <PageHeader
        title={
          <span className="nb-mono" data-testid="customer-title">
            {id}
          </span>
        }
        description={
          p ? (
            <>
              Profile as of {formatDate(p.asOf)}
              {p.segment ? (
                <>
                  {' '}
                  · segment{' '}
                  <Badge size="sm" variant="light">
                    {p.segment}
                  </Badge>
                </>
              ) : null}
            </>
          ) : undefined
        }
        actions={
          <Button
            variant="light"
            leftSection={<IconSparkles size={16} />}
            component="a"
            href={href({ page: 'recommendations', customer: id })}
          >
            Recommendations
          </Button>
        }
      />
      {notFound ? (
        <Alert color="yellow" title="No such customer">
          No customer has the id <b>{id}</b>. Ids are case-sensitive.
        </Alert>
      ) : (
        <Stack gap="md">
          {profile.isPending ? (
            <Card withBorder>
              <Loading h={100} />
            </Card>
          ) : profile.isError && !isMissingRoute(profile.error) ? (
            <ErrorState error={profile.error} retry={() => profile.refetch()} what="the customer" />
          ) : (
            <SimpleGrid cols={{ base: 1, lg: 3 }}>
              <Card withBorder padding="lg">
                <Title order={5} mb="sm">
                  Profile
                </Title>
                {attributes ? (
                  <KeyValues
                    rows={Object.entries(attributes)
                      .filter(([k]) => k !== 'customer_id')
                      .map(([k, v]) => [k.replace(/_/g, ' '), attrText(v)])}
                  />
                ) : (
                  <Text size="sm" c="dimmed">
                    No attributes.
                  </Text>
                )}
              </Card>
              <Card withBorder padding="lg" data-testid="customer-features">
                <Title order={5} mb="sm">
                  Features
                </Title>
                {p?.features ? (
                  <KeyValues
                    rows={[
                      ['days since last purchase', formatInt(p.features.recency_days)],
                      ['orders', formatInt(p.features.frequency)],
                      ['total spend', formatMoney(p.features.monetary, currency)],
                      ['average order value', formatMoney(p.features.aov, currency)],
                      ['customer for', `${formatInt(p.features.tenure_days)} days`],
                      ['lifetime value tier', p.features.clv_tier],
                      ['segment', p.segment ?? '—'],
                    ]}
                  />
                ) : (
                  <Text size="sm" c="dimmed">
                    {p
                      ? 'No purchase before the as-of date: no features.'
                      : 'Features need the real-time profile API (GET /v1/customers/{id}).'}
                  </Text>
                )}
              </Card>
              <Card withBorder padding="lg">
                <Title order={5} mb="sm">
                  History
                </Title>
                {p ? (
                  <SimpleGrid cols={2} spacing="sm">
                    <Stat label="Orders" value={formatInt(p.history.orders)} />
                    <Stat label="Revenue" value={formatMoney(p.history.revenue, currency)} />
                    <Stat
                      label="First purchase"
                      value={
                        <Text size="sm" fw={600}>
                          {formatDate(p.history.firstPurchase)}
                        </Text>
                      }
                    />
                    <Stat
                      label="Last purchase"
                      value={
                        <Text size="sm" fw={600}>
                          {formatDate(p.history.lastPurchase)}
                        </Text>
                      }
                    />
                    {p.history.topFamilies.length > 0 && (
                      <Stat
                        label="Buys most"
                        value={
                          <Group gap={4}>
                            {p.history.topFamilies.map((f) => (
                              <Badge key={f} variant="light" size="sm">
                                {f}
                              </Badge>
                            ))}
                          </Group>
                        }
                      />
                    )}
                  </SimpleGrid>
                ) : (
                  <Text size="sm" c="dimmed">
                    See the purchases below.
                  </Text>
                )}
              </Card>
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <CurrentOffers id={id} />
            <Recommendations id={id} />
          </SimpleGrid>
          <CustomerLoyaltyCard id={id} />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <CustomerPromotionsCard id={id} />
            <CustomerFiringsCard id={id} />
          </SimpleGrid>
          <PurchaseHistory id={id} />
        </Stack>
      )}
    </>
  );
}

function KeyValues({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table verticalSpacing={3} withRowBorders={false} fz="sm">
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Td c="dimmed" pl={0} w="50%">
              {k}
            </Table.Td>
            <Table.Td fw={500}>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function CurrentOffers({ id }: { id: string }) {
  const live = useQuery({
    queryKey: ['customer-offers', id],
    queryFn: ({ signal }) => get<CustomerOffers>(`/v1/customers/${encodeURIComponent(id)}/offers`, undefined, signal),
    retry: false,
  });
  // Fallback before the real-time route: the latest Ready/Exported TOR's results for this customer.
  const tors = useTors();
  const latest = (tors.data ?? [])
    .filter((t) => t.status === 'ready' || t.status === 'exported')
    .sort((a, b) => (b.computedAt ?? '').localeCompare(a.computedAt ?? ''))[0];
  const fb = useQuery({
    queryKey: ['customer-offers-fb', id, latest?.torId],
    enabled: isMissingRoute(live.error) && !!latest,
    queryFn: ({ signal }) =>
      get<TorResultsPage>(`/v1/tors/${encodeURIComponent(latest!.torId)}/results`, { customer: id, pageSize: 10 }, signal),
  });
  const data: CustomerOffers | null =
    live.data ??
    (fb.data && latest
      ? {
          customerId: id,
          torId: latest.torId,
          torName: latest.name,
          status: latest.status,
          computedAt: latest.computedAt,
          offers: fb.data.rows.map((r) => ({
            priority: r.priority,
            offerId: r.offerId,
            offerName: r.offerName ?? r.offerId,
            score: r.score,
            reason: r.reason,
          })),
        }
      : null);
  const noTor =
    live.error instanceof ApiError && live.error.status === 404 && !isMissingRoute(live.error) && /TOR/.test(live.error.message);
  return (
    <Card withBorder padding="lg" data-testid="customer-offers">
      <Title order={5}>Current offers</Title>
      {data && (
        <Text size="xs" c="dimmed" mb="sm">
          from{' '}
          <Anchor href={href({ page: 'tor', id: data.torId })} size="xs">
            {data.torName}
          </Anchor>{' '}
          · computed {formatDateTime(data.computedAt)}
        </Text>
      )}
      {live.isPending || fb.isFetching ? (
        <Loading h={80} />
      ) : noTor || (!data && !live.error) || (!data && !latest) ? (
        <Text size="sm" c="dimmed" mt="sm">
          No TOR is ready yet: compute one to see this customer's offers.
        </Text>
      ) : !data ? (
        <ErrorState error={live.error} what="the offers" />
      ) : data.offers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {data.note ?? 'This TOR assigns no offer to this customer.'}
        </Text>
      ) : (
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Offer</Table.Th>
              <Table.Th ta="right">Score</Table.Th>
              <Table.Th>Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.offers.map((o) => (
              <Table.Tr key={o.priority}>
                <Table.Td>
                  <Badge size="sm" circle variant="light">
                    {o.priority}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <OfferName offerId={o.offerId} name={o.offerName} withContext={false} />
                </Table.Td>
                <Table.Td>
                  <Num>{formatScore(o.score)}</Num>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {o.reason ?? '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

export function useCustomerRecs(id: string | null, top = 10) {
  return useQuery({
    queryKey: ['customer-recs', id, top],
    enabled: !!id,
    retry: false,
    queryFn: ({ signal }) =>
      get<{ customerId: string; recommendations: RecRow[]; note?: string }>(
        `/v1/customers/${encodeURIComponent(id!)}/recommendations`,
        { top },
        signal,
      ),
  });
}

export function RecsTable({ rows, products }: { rows: RecRow[]; products: Map<string, Product> | undefined }) {
  const currency = useCurrency();
  return (
    <Table verticalSpacing={5} data-testid="recs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>Product</Table.Th>
          <Table.Th ta="right">Price</Table.Th>
          <Table.Th ta="right">Score</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => {
          const p = products?.get(r.recommended_item_id);
          return (
            <Table.Tr key={r.recommended_item_id}>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {r.ranking}
                </Text>
              </Table.Td>
              <Table.Td>
                <Tooltip label={<span className="nb-mono">{r.recommended_item_id}</span>}>
                  <Text size="sm">{p?.name ?? r.recommended_item_id}</Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Num>{p?.price != null ? formatMoney(Number(p.price), currency) : '—'}</Num>
              </Table.Td>
              <Table.Td>
                <Num>{formatScore(r.score)}</Num>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** Recommendations are computed for everyone at once (a job); until then, say where. */
export function NoRecsYet() {
  return (
    <Text size="sm" c="dimmed">
      No product recommendations computed yet. They are computed for every customer at once on the{' '}
      <Anchor href={href({ page: 'recommendations' })} size="sm">
        Recommendations
      </Anchor>{' '}
      page.
    </Text>
  );
}

function Recommendations({ id }: { id: string }) {
  const q = useCustomerRecs(id, 10);
  const products = useProducts();
  const none = q.error instanceof ApiError && q.error.status === 404 && /recommendations computed/.test(q.error.message);
  return (
    <Card withBorder padding="lg" data-testid="customer-recs">
      <Title order={5} mb="sm">
        Product recommendations
      </Title>
      {q.isPending ? (
        <Loading h={80} />
      ) : none ? (
        <NoRecsYet />
      ) : q.isError ? (
        <ErrorState error={q.error} what="the recommendations" />
      ) : q.data.recommendations.length === 0 ? (
        <Text size="sm" c="dimmed">
          {q.data.note ?? 'No recommendation for this customer.'}
        </Text>
      ) : (
        <RecsTable rows={q.data.recommendations} products={products.data} />
      )}
    </Card>
  );
}

export function PurchaseHistory({ id, compact }: { id: string; compact?: boolean }) {
  const [page, setPage] = useState(1);
  const currency = useCurrency();
  const products = useProducts();
  const size = compact ? 10 : 15;
  const q = useQuery({
    queryKey: ['order-lines', id, page, size],
    queryFn: ({ signal }) => get<Page<OrderLine>>('/v1/order-lines', { customer: id, page, pageSize: size }, signal),
    placeholderData: (p) => p,
  });
  return (
    <Card withBorder padding="lg" data-testid="history">
      <Title order={5} mb="sm">
        Purchases
      </Title>
      {q.isPending ? (
        <Loading h={80} />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => q.refetch()} what="the purchases" />
      ) : q.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No purchase recorded.
        </Text>
      ) : (
        <>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Product</Table.Th>
                {!compact && <Table.Th>Order</Table.Th>}
                <Table.Th ta="right">Qty</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((l, i) => {
                const p = products.data?.get(l.product_id);
                const cat = p && typeof p.category === 'string' ? p.category : p && typeof p.family === 'string' ? p.family : null;
                return (
                  <Table.Tr
                    key={`${l.order_id}-${l.product_id}-${i}`}
                    style={l.kind !== 'purchase' || l.quantity < 0 ? { color: 'var(--mantine-color-red-7)' } : undefined}
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(l.ts)}</Table.Td>
                    <Table.Td>
                      <Tooltip label={<span className="nb-mono">{l.product_id}</span>}>
                        <Text size="sm">
                          {p?.name ?? l.product_id}
                          {cat ? (
                            <Text span size="xs" c="dimmed">
                              {' '}
                              · {cat}
                            </Text>
                          ) : null}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                    {!compact && (
                      <Table.Td className="nb-mono">
                        <Text size="xs">{l.order_id}</Text>
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Num>{formatInt(l.quantity)}</Num>
                    </Table.Td>
                    <Table.Td>
                      <Num>{formatMoney(l.amount, currency)}</Num>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {q.data.total !== undefined && q.data.total > size && (
            <Group justify="space-between" mt="sm">
              <Text size="xs" c="dimmed">
                {formatInt(q.data.total)} lines
              </Text>
              <Pagination size="sm" total={Math.ceil(q.data.total / size)} value={page} onChange={setPage} siblings={1} />
            </Group>
          )}
        </>
      )}
    </Card>
  );
}
