// A customer's loyalty: favourite-product cells (who set each, whether the member may still change
// it), scheduled changes, favourite categories, personal and individual offers. Marketers edit a
// cell (PUT /v1/customers/:id/favourites/:cell, audited); viewers only read.
import { ActionIcon, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconCheck, IconPencil, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { errorText, isMissingRoute, put } from '../api/client.ts';
import { cellEditText, useLoyalty, type CellView, type LoyaltyView } from '../api/loyalty.ts';
import { attrText } from '../lib/attrText.ts';
import { formatDate } from '../lib/format.ts';
import { useSession } from '../session.tsx';
import { ErrorState, Loading } from './common.tsx';

export function CustomerLoyaltyCard({ id }: { id: string }) {
  const q = useLoyalty(id);
  if (isMissingRoute(q.error)) return null;
  return (
    <Card withBorder padding="lg" data-testid="customer-loyalty">
      <Group justify="space-between" mb="sm">
        <Title order={5}>Loyalty</Title>
        {q.data && (
          <Badge variant="light" color={q.data.member ? 'teal' : 'gray'} tt="none">
            {q.data.member ? 'member' : 'not a member'}
          </Badge>
        )}
      </Group>
      {q.isPending ? (
        <Loading h={80} />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => q.refetch()} what="the loyalty view" />
      ) : (
        <LoyaltyBody v={q.data} />
      )}
    </Card>
  );
}

function LoyaltyBody({ v }: { v: LoyaltyView }) {
  return (
    <Stack gap="md">
      {v.member ? (
        <Cells v={v} />
      ) : (
        <Text size="sm" c="dimmed">
          Not a loyalty member: no favourite cells.
        </Text>
      )}
      {v.scheduled.length > 0 && (
        <Text size="xs" c="dimmed">
          Scheduled: {v.scheduled.map((s) => `cell ${s.cell} → ${s.productId ?? 'empty'} from ${formatDate(s.effectiveFrom)}`).join(' · ')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <div>
          <Text size="sm" fw={600} mb={4}>
            Favourite categories
          </Text>
          {v.categories.length ? (
            <Group gap={4}>
              {v.categories.map((c) => (
                <Badge key={c.category} variant="light" tt="none">
                  {c.category}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text size="xs" c="dimmed">
              none
            </Text>
          )}
        </div>
        <OfferList title="Personal offers" rows={v.personalOffers} testId="personal-offers" />
        <OfferList title="Individual offers" rows={v.individualOffers} testId="individual-offers" />
      </SimpleGrid>
    </Stack>
  );
}

function OfferList({ title, rows, testId }: { title: string; rows: Record<string, unknown>[]; testId: string }) {
  return (
    <div data-testid={testId}>
      <Text size="sm" fw={600} mb={4}>
        {title}
      </Text>
      {rows.length === 0 ? (
        <Text size="xs" c="dimmed">
          none in force
        </Text>
      ) : (
        rows.map((r, i) => (
          <Text key={i} size="xs">
            <span className="nb-mono">{String(r.offerId)}</span>
            {r.name ? ` ${String(r.name)}` : ''}
            {r.benefitType
              ? ` · ${String(r.benefitType)} ${attrText(r.benefitValue)}`
              : r.mechanism
                ? ` · ${String(r.mechanism)} ${attrText(r.value)}`
                : ''}
            {r.validTo ? ` · until ${formatDate(String(r.validTo))}` : ''}
          </Text>
        ))
      )}
    </div>
  );
}

function Cells({ v }: { v: LoyaltyView }) {
  const canWrite = useSession().may('write');
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <Table verticalSpacing={4} fz="sm" data-testid="favourite-cells">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={50}>Cell</Table.Th>
          <Table.Th>Favourite product</Table.Th>
          <Table.Th>Set by</Table.Th>
          <Table.Th>From</Table.Th>
          <Table.Th>Member</Table.Th>
          {canWrite && <Table.Th w={40} />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {v.favourites.map((c) =>
          editing === c.cell ? (
            <CellEditor key={c.cell} v={v} cell={c} onDone={() => setEditing(null)} />
          ) : (
            <Table.Tr key={c.cell}>
              <Table.Td>{c.cell}</Table.Td>
              <Table.Td>
                {c.productId ? (
                  <Text size="sm">
                    {c.productName ?? c.productId}{' '}
                    <Text span size="xs" c="dimmed" className="nb-mono">
                      {c.productId}
                    </Text>
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    empty
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs">
                  {c.source ?? '—'}
                  {c.setBy ? ` (${c.setBy})` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{formatDate(c.effectiveFrom)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c={c.memberMayEdit ? 'teal.7' : 'dimmed'}>
                  {cellEditText(c, v.member)}
                </Text>
              </Table.Td>
              {canWrite && (
                <Table.Td>
                  <ActionIcon variant="subtle" size="sm" onClick={() => setEditing(c.cell)} aria-label={`Edit cell ${c.cell}`}>
                    <IconPencil size={14} />
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ),
        )}
      </Table.Tbody>
    </Table>
  );
}

function CellEditor({ v, cell, onDone }: { v: LoyaltyView; cell: CellView; onDone: () => void }) {
  const qc = useQueryClient();
  const [product, setProduct] = useState<string | null>(cell.productId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const data = v.eligible.products.map((p) => ({ value: p.productId, label: p.name ? `${p.name} (${p.productId})` : p.productId }));
  if (cell.productId && !data.some((d) => d.value === cell.productId)) {
    data.unshift({ value: cell.productId, label: cell.productName ?? cell.productId });
  }
  async function save(productId: string | null) {
    setBusy(true);
    setError(null);
    try {
      await put(`/v1/customers/${encodeURIComponent(v.customerId)}/favourites/${cell.cell}`, { productId });
      await qc.invalidateQueries({ queryKey: ['loyalty'] });
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Table.Tr data-testid="cell-editor">
      <Table.Td>{cell.cell}</Table.Td>
      <Table.Td colSpan={4}>
        <Group gap="xs" wrap="nowrap">
          <Select
            size="xs"
            data={data}
            value={product}
            onChange={setProduct}
            searchable
            w={340}
            placeholder={`one of ${v.eligible.count} eligible products`}
            nothingFoundMessage="not eligible"
            aria-label={`Product for cell ${cell.cell}`}
          />
          <Button
            size="xs"
            leftSection={<IconCheck size={14} />}
            loading={busy}
            disabled={!product || product === cell.productId}
            onClick={() => void save(product)}
          >
            Save
          </Button>
          <Button size="xs" variant="default" disabled={busy || !cell.productId} onClick={() => void save(null)}>
            Clear
          </Button>
        </Group>
        {error && (
          <Text size="xs" c="red" mt={4}>
            {error}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <ActionIcon variant="subtle" size="sm" onClick={onDone} aria-label="Cancel">
          <IconX size={14} />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}
