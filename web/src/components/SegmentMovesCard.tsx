// Moves between two dates: per segment, how many customers entered and left (e.g. who went
// dormant), with a few of their ids.
import { Anchor, Card, Group, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useSegmentMoves } from '../api/segments.ts';
import { formatInt } from '../lib/format.ts';
import { isDateText } from '../lib/dates.ts';
import { href } from '../lib/routes.ts';
import { ErrorState, Loading, Num } from './common.tsx';

export function SegmentMovesCard({ defaultFrom, defaultTo }: { defaultFrom: string; defaultTo: string }) {
  const [from, setFrom] = useState(defaultFrom);
  const [to, setTo] = useState(defaultTo);
  const [[f, t]] = useDebouncedValue([from.trim(), to.trim()], 400);
  const ok = isDateText(f) && isDateText(t);
  const q = useSegmentMoves(ok ? f : null, ok ? t : null);
  return (
    <Card withBorder padding="lg" data-testid="segment-moves">
      <Group justify="space-between" align="flex-end" mb="sm">
        <div>
          <Title order={4}>Moves</Title>
          <Text size="sm" c="dimmed">
            Who entered and who left each segment between two dates.
          </Text>
        </div>
        <Group gap="xs">
          <TextInput
            size="xs"
            label="From"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            w={120}
            error={from && !isDateText(from.trim()) ? 'YYYY-MM-DD' : undefined}
          />
          <TextInput
            size="xs"
            label="To"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            w={120}
            error={to && !isDateText(to.trim()) ? 'YYYY-MM-DD' : undefined}
          />
        </Group>
      </Group>
      {!ok ? (
        <Text size="sm" c="dimmed">
          Give two dates (YYYY-MM-DD).
        </Text>
      ) : q.isPending ? (
        <Loading h={120} />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => q.refetch()} what="the moves" />
      ) : (
        <Table verticalSpacing={5}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Segment</Table.Th>
              <Table.Th ta="right">At {q.data.from.slice(0, 10)}</Table.Th>
              <Table.Th ta="right">At {q.data.to.slice(0, 10)}</Table.Th>
              <Table.Th ta="right">Entered</Table.Th>
              <Table.Th ta="right">Left</Table.Th>
              <Table.Th ta="right">Stayed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.moves.map((m) => (
              <Table.Tr key={m.segmentId}>
                <Table.Td>
                  <Anchor href={href({ page: 'segments', id: m.segmentId })} size="sm">
                    {m.segmentId}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Num>{formatInt(m.sizeFrom)}</Num>
                </Table.Td>
                <Table.Td>
                  <Num>{formatInt(m.sizeTo)}</Num>
                </Table.Td>
                <Table.Td>
                  <Ids ids={m.enteredIds} n={m.entered} c="teal.7" sign="+" />
                </Table.Td>
                <Table.Td>
                  <Ids ids={m.leftIds} n={m.left} c="red.7" sign="−" />
                </Table.Td>
                <Table.Td>
                  <Num c="dimmed">{formatInt(m.stayed)}</Num>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function Ids({ ids, n, c, sign }: { ids: string[]; n: number; c: string; sign: string }) {
  const label = ids.length ? `${ids.join(', ')}${n > ids.length ? ` … and ${formatInt(n - ids.length)} more` : ''}` : '';
  return (
    <Tooltip label={label} disabled={!ids.length} multiline w={300}>
      <span>
        <Num c={n ? c : 'dimmed'}>{n ? `${sign}${formatInt(n)}` : '0'}</Num>
      </span>
    </Tooltip>
  );
}
