// Trigger-rule firings (who, which rule, which offer, when, batch or real time), newest first.
import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { Firing } from '../api/rules.ts';
import { href } from '../lib/routes.ts';
import { OfferName } from './common.tsx';

export function FiringsTable({
  firings,
  names,
  showCustomer = true,
  testId,
}: {
  firings: Firing[];
  names: Map<string, string>;
  showCustomer?: boolean;
  testId?: string;
}) {
  if (!firings.length)
    return (
      <Text size="sm" c="dimmed">
        No firing recorded.
      </Text>
    );
  return (
    <Table verticalSpacing={4} fz="sm" data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          {showCustomer && <Table.Th>Customer</Table.Th>}
          <Table.Th>Rule</Table.Th>
          <Table.Th>Offer</Table.Th>
          <Table.Th>Fired</Table.Th>
          <Table.Th>Source</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {firings.map((f, i) => (
          <Table.Tr key={`${f.customer_id}-${f.rule}-${f.fired_at}-${i}`}>
            {showCustomer && (
              <Table.Td>
                <Anchor href={href({ page: 'customer', id: f.customer_id })} size="sm" className="nb-mono">
                  {f.customer_id}
                </Anchor>
              </Table.Td>
            )}
            <Table.Td>
              <Text size="sm" className="nb-mono">
                {f.rule}
              </Text>
            </Table.Td>
            <Table.Td>
              <OfferName offerId={f.offer_id} name={names.get(f.offer_id)} withContext={false} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {f.fired_at}
              </Text>
            </Table.Td>
            <Table.Td>
              {f.source ? (
                <Badge size="sm" variant="light" color={f.source === 'realtime' ? 'grape' : 'gray'} tt="none">
                  {f.source}
                </Badge>
              ) : (
                <Text size="xs" c="dimmed">
                  dry run
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
