// Segments: every segment with its size as of a date, its definition (an audience expression) with
// create / edit / delete (a built-in is reset) for marketers, one segment's members and refresh
// history, the overlap heatmap and the moves between two dates.
import { ActionIcon, Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconPencil, IconPlus, IconRefresh, IconRotate, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { del, errorText, post } from '../api/client.ts';
import { useSegments, type SegmentItem } from '../api/segments.ts';
import { Empty, ErrorState, Loading, Num, PageHeader } from '../components/common.tsx';
import { SegmentDetailCard } from '../components/SegmentDetailCard.tsx';
import { SegmentForm } from '../components/SegmentForm.tsx';
import { SegmentMovesCard } from '../components/SegmentMovesCard.tsx';
import { SegmentOverlapChart } from '../components/SegmentOverlapChart.tsx';
import { dayShift, isDateText } from '../lib/dates.ts';
import { formatDate, formatDateTime, formatInt } from '../lib/format.ts';
import { href } from '../lib/routes.ts';
import { navigate } from '../lib/useRoute.ts';
import { useSession } from '../session.tsx';

export function SegmentsPage({ id }: { id?: string }) {
  const { may } = useSession();
  const canWrite = may('write');
  const qc = useQueryClient();
  const [asOfText, setAsOfText] = useState('');
  const [debounced] = useDebouncedValue(asOfText.trim(), 400);
  const asOf = isDateText(debounced) ? debounced : null;
  const list = useSegments(asOf);
  const [form, setForm] = useState<{ segment: SegmentItem | null } | null>(null);
  const [removing, setRemoving] = useState<SegmentItem | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const shownAsOf = list.data?.[0]?.asOf ?? null;

  async function refresh() {
    setRefreshing(true);
    try {
      await post('/v1/segments/refresh', asOf ? { asOf } : {});
      await qc.invalidateQueries({ queryKey: ['segments'] });
      notifications.show({ color: 'teal', title: 'Segments refreshed', message: 'Every segment was recomputed and recorded.' });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not refresh', message: errorText(e) });
    } finally {
      setRefreshing(false);
    }
  }

  async function remove(s: SegmentItem) {
    try {
      const r = await del<{ outcome: 'deleted' | 'reset' }>(`/v1/segments/${encodeURIComponent(s.id)}`);
      await qc.invalidateQueries({ queryKey: ['segments'] });
      notifications.show({ color: 'gray', title: r.outcome === 'reset' ? 'Segment reset' : 'Segment deleted', message: s.name });
      if (r.outcome === 'deleted' && id === s.id) navigate({ page: 'segments' });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not deleted', message: errorText(e) });
    } finally {
      setRemoving(null);
    }
  }

  return (
    <>
      <PageHeader
        title="Segments"
        description="Groups of customers defined by an audience expression, sized as of a date; maps and rules target them."
        actions={
          <>
            <TextInput
              size="sm"
              w={150}
              placeholder="as of YYYY-MM-DD"
              value={asOfText}
              onChange={(e) => setAsOfText(e.currentTarget.value)}
              aria-label="As of date"
              error={asOfText.trim() && !isDateText(asOfText.trim()) ? ' ' : undefined}
              data-testid="segments-as-of"
            />
            {canWrite && (
              <Button variant="default" leftSection={<IconRefresh size={16} />} loading={refreshing} onClick={() => void refresh()}>
                Refresh
              </Button>
            )}
            {canWrite && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ segment: null })} data-testid="new-segment">
                New segment
              </Button>
            )}
          </>
        }
      />
      <Stack gap="md">
        <Card withBorder padding="lg">
          {list.isPending ? (
            <Loading label="Sizing the segments…" />
          ) : list.isError ? (
            <ErrorState error={list.error} retry={() => list.refetch()} what="the segments" />
          ) : list.data.length === 0 ? (
            <Empty title="No segment" description="Create one with New segment." />
          ) : (
            <>
              <Text size="xs" c="dimmed" mb="xs">
                Sizes as of {formatDate(shownAsOf)}
              </Text>
              <Table verticalSpacing={6} highlightOnHover data-testid="segments">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Segment</Table.Th>
                    <Table.Th ta="right">Customers</Table.Th>
                    <Table.Th>Definition</Table.Th>
                    <Table.Th>Refreshed</Table.Th>
                    {canWrite && <Table.Th w={80} />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.map((s) => (
                    <Table.Tr key={s.id} bg={s.id === id ? 'var(--mantine-color-indigo-0)' : undefined} data-segment={s.id}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Anchor href={href({ page: 'segments', id: s.id })} size="sm" fw={500}>
                            {s.name}
                          </Anchor>
                          {s.builtin && (
                            <Badge size="xs" variant="light" color={s.edited ? 'orange' : 'gray'} tt="none">
                              {s.edited ? 'built-in, edited' : 'built-in'}
                            </Badge>
                          )}
                        </Group>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {s.description || s.id}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {s.size === null ? (
                          <Tooltip label={s.error ?? ''}>
                            <Badge color="red" variant="light" tt="none">
                              cannot size
                            </Badge>
                          </Tooltip>
                        ) : (
                          <Num fw={600}>{formatInt(s.size)}</Num>
                        )}
                      </Table.Td>
                      <Table.Td maw={420}>
                        <Tooltip label={s.expression} multiline w={420}>
                          <Text size="xs" className="nb-mono" truncate="end">
                            {s.expression}
                          </Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(s.refreshedAt)}
                        </Text>
                      </Table.Td>
                      {canWrite && (
                        <Table.Td>
                          <Group gap={2} wrap="nowrap">
                            <ActionIcon variant="subtle" onClick={() => setForm({ segment: s })} aria-label={`Edit ${s.name}`}>
                              <IconPencil size={16} />
                            </ActionIcon>
                            <ActionIcon
                              variant="subtle"
                              color={s.builtin ? 'orange' : 'red'}
                              disabled={s.builtin && !s.edited}
                              onClick={() => setRemoving(s)}
                              aria-label={s.builtin ? `Reset ${s.name}` : `Delete ${s.name}`}
                            >
                              {s.builtin ? <IconRotate size={16} /> : <IconTrash size={16} />}
                            </ActionIcon>
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </Card>
        {id && <SegmentDetailCard key={id} id={id} asOf={asOf} />}
        <SimpleGrid cols={{ base: 1, xl: 2 }}>
          <SegmentOverlapChart asOf={asOf} />
          {shownAsOf && <SegmentMovesCard key={shownAsOf} defaultFrom={dayShift(shownAsOf, 90)} defaultTo={shownAsOf.slice(0, 10)} />}
        </SimpleGrid>
      </Stack>
      <SegmentForm
        opened={!!form}
        segment={form?.segment ?? null}
        asOf={asOf}
        onClose={() => setForm(null)}
        onSaved={(sid) => {
          setForm(null);
          navigate({ page: 'segments', id: sid });
        }}
      />
      <Modal
        opened={!!removing}
        onClose={() => setRemoving(null)}
        title={removing?.builtin ? `Reset ${removing?.name}?` : `Delete ${removing?.name}?`}
      >
        <Text size="sm" mb="md">
          {removing?.builtin
            ? 'The built-in segment goes back to its shipped definition.'
            : 'The segment and its refresh history are deleted.'}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setRemoving(null)}>
            Cancel
          </Button>
          <Button color="red" onClick={() => removing && void remove(removing)} data-testid="confirm-remove-segment">
            {removing?.builtin ? 'Reset' : 'Delete'}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
