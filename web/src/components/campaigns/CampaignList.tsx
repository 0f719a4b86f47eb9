// Every campaign with its arm sizes; a campaign's name opens its report (#/campaigns/<id>), the open
// one is highlighted.
import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { CampaignItem, CampaignKind } from '../../api/campaigns.ts';
import { formatDate, formatInt, formatPercent } from '../../lib/format.ts';
import { href } from '../../lib/routes.ts';
import { navigate } from '../../lib/useRoute.ts';
import { Num } from '../common.tsx';

const KIND: Record<CampaignKind, { label: string; color: string }> = {
  tor: { label: 'TOR', color: 'indigo' },
  rule: { label: 'Rule', color: 'grape' },
  import: { label: 'Imported', color: 'gray' },
};

export function CampaignList({ campaigns, selected }: { campaigns: CampaignItem[]; selected?: string }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing={6} highlightOnHover data-testid="campaigns">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Campaign</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Experiment</Table.Th>
            <Table.Th ta="right">Treatment</Table.Th>
            <Table.Th ta="right">Control</Table.Th>
            <Table.Th ta="right">Control share</Table.Th>
            <Table.Th>Sent</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {campaigns.map((c) => {
            const total = c.contacts_treatment + c.contacts_control;
            const kind = KIND[c.kind] ?? { label: c.kind, color: 'gray' };
            return (
              <Table.Tr
                key={c.id}
                data-campaign={c.id}
                bg={c.id === selected ? 'var(--mantine-color-indigo-0)' : undefined}
                style={{ cursor: 'pointer' }}
                onClick={() => navigate({ page: 'campaigns', id: c.id })}
              >
                <Table.Td>
                  <Anchor href={href({ page: 'campaigns', id: c.id })} size="sm" fw={500} onClick={(e) => e.stopPropagation()}>
                    {c.name}
                  </Anchor>
                  <Text size="xs" c="dimmed" className="nb-mono">
                    {c.id}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={kind.color} tt="none">
                    {kind.label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.experiment ?? '—'}</Text>
                  {c.control_pct !== null && (
                    <Text size="xs" c="dimmed">
                      {formatInt(c.control_pct)} % held out
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Num fw={600}>{formatInt(c.contacts_treatment)}</Num>
                </Table.Td>
                <Table.Td>
                  <Num fw={600}>{formatInt(c.contacts_control)}</Num>
                </Table.Td>
                <Table.Td>
                  <Num>{total ? formatPercent(c.contacts_control / total) : '—'}</Num>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {formatDate(c.first_sent)}
                    {formatDate(c.last_sent) !== formatDate(c.first_sent) ? ` – ${formatDate(c.last_sent)}` : ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
