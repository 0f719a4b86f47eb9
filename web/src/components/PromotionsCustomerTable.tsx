// One customer's personalised promotions (rank, mechanism, expected value, probability, reason).
import { Badge, Table, Text } from '@mantine/core';
import { mechanismText, type CustomerPromotion } from '../api/promotions.ts';
import { formatDate, formatPercent, formatScore } from '../lib/format.ts';
import { Num } from './common.tsx';

export function PromotionsCustomerTable({ rows }: { rows: CustomerPromotion[] }) {
  if (!rows.length)
    return (
      <Text size="sm" c="dimmed">
        No promotion for this customer in the latest compute.
      </Text>
    );
  return (
    <Table verticalSpacing={4} fz="sm" data-testid="customer-promotions-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>Promotion</Table.Th>
          <Table.Th>Mechanism</Table.Th>
          <Table.Th ta="right">Expected</Table.Th>
          <Table.Th ta="right">Probability</Table.Th>
          <Table.Th>Why</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((p) => (
          <Table.Tr key={p.rank}>
            <Table.Td>
              <Badge size="sm" circle variant="light">
                {p.rank}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{p.name}</Text>
              <Text size="xs" c="dimmed">
                {p.channel}
                {p.validTo ? ` · until ${formatDate(p.validTo)}` : ''}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{mechanismText(p.mechanism, p.value)}</Text>
            </Table.Td>
            <Table.Td>
              <Num>{formatScore(p.expectedValue)}</Num>
            </Table.Td>
            <Table.Td>
              <Num>{p.probability === null ? '—' : formatPercent(p.probability, { decimals: 1 })}</Num>
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed">
                {p.reason ?? '—'}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
