// Segment → offer maps: the list (with the TORs applying each), one map's source, and an editor
// that posts the YAML (a 400 lists each problem at its line). Viewers read; marketers edit.
import { Anchor, Badge, Button, Card, Grid, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { del, post } from '../api/client.ts';
import { mapTemplate, useOfferMap, useOfferMaps, type OfferMapDefinition } from '../api/offerMaps.ts';
import { useSegments } from '../api/segments.ts';
import { Empty, ErrorState, Loading, PageHeader } from '../components/common.tsx';
import { SourceEditor } from '../components/SourceEditor.tsx';
import { formatDateTime } from '../lib/format.ts';
import { href } from '../lib/routes.ts';
import { navigate } from '../lib/useRoute.ts';
import { useSession } from '../session.tsx';

export function MapsPage({ id }: { id?: string }) {
  const maps = useOfferMaps();
  const { may } = useSession();
  const creating = id === 'new';
  return (
    <>
      <PageHeader
        title="Segment → offer maps"
        description={
          'Per segment: which offers are allowed, pushed or forbidden; the model ranks within that. ' +
          "Applied by a TOR's offer map setting."
        }
        actions={
          may('write') && (
            <Button leftSection={<IconPlus size={16} />} component="a" href={href({ page: 'maps', id: 'new' })} data-testid="new-map">
              New map
            </Button>
          )
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder padding="lg">
            {maps.isPending ? (
              <Loading />
            ) : maps.isError ? (
              <ErrorState error={maps.error} retry={() => maps.refetch()} what="the maps" />
            ) : maps.data.length === 0 ? (
              <Empty title="No map yet" description="A map tailors offers by segment. Start one with New map." />
            ) : (
              <Table verticalSpacing={6} highlightOnHover data-testid="maps">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Map</Table.Th>
                    <Table.Th ta="right">Rules</Table.Th>
                    <Table.Th>Applied by</Table.Th>
                    <Table.Th>Updated</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {maps.data.map((m) => (
                    <Table.Tr key={m.id} bg={m.id === id ? 'var(--mantine-color-indigo-0)' : undefined}>
                      <Table.Td>
                        <Anchor href={href({ page: 'maps', id: m.id })} size="sm">
                          {m.name}
                        </Anchor>
                        <Text size="xs" c="dimmed" className="nb-mono">
                          {m.id}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm">{m.rules}</Text>
                      </Table.Td>
                      <Table.Td>
                        {m.tors.length ? (
                          m.tors.map((t) => (
                            <Anchor key={t} href={href({ page: 'tor', id: t })} size="xs" mr={6}>
                              {t}
                            </Anchor>
                          ))
                        ) : (
                          <Text size="xs" c="dimmed">
                            no TOR
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(m.updatedAt)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {creating ? (
            <MapEditor key="new" />
          ) : id ? (
            <MapDetail key={id} id={id} />
          ) : (
            <Card withBorder padding="lg">
              <Text size="sm" c="dimmed">
                Pick a map to see and edit its source.
              </Text>
            </Card>
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}

function MapDetail({ id }: { id: string }) {
  const q = useOfferMap(id);
  if (q.isPending)
    return (
      <Card withBorder>
        <Loading />
      </Card>
    );
  if (q.isError) return <ErrorState error={q.error} retry={() => q.refetch()} what={`map ${id}`} />;
  return <MapEditor key={q.data.updatedAt} id={id} initial={q.data.source} map={q.data.map} />;
}

function MapEditor({ id, initial, map }: { id?: string; initial?: string; map?: OfferMapDefinition }) {
  const { may } = useSession();
  const canWrite = may('write');
  const segments = useSegments();
  const qc = useQueryClient();
  const [source, setSource] = useState(initial ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState(false);
  // A new map starts from a template naming this store's segments.
  useEffect(() => {
    if (!id && !source && segments.data) setSource(mapTemplate(segments.data.map((s) => s.id)));
  }, [id, source, segments.data]);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ map: OfferMapDefinition }>('/v1/offer-maps', { source, file: `${id ?? 'map'}.yaml` });
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'offer-maps' || q.queryKey[0] === 'offer-map' });
      const message = `“${r.map.name ?? r.map.id}” with ${r.map.rules.length} rule(s).`;
      notifications.show({ color: 'teal', title: 'Map saved', message });
      if (r.map.id !== id) navigate({ page: 'maps', id: r.map.id });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    try {
      await del(`/v1/offer-maps/${encodeURIComponent(id!)}`);
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'offer-maps' });
      setDeleting(false);
      navigate({ page: 'maps' });
    } catch (e) {
      setDeleting(false);
      setError(e);
    }
  }

  return (
    <Card withBorder padding="lg" data-testid="map-editor">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={4}>{id ? (map?.name ?? id) : 'New map'}</Title>
          <Text size="sm" c="dimmed">
            YAML or JSON (docs/offer-maps.md). The map's <span className="nb-mono">id</span> names it; saving replaces a map with that id.
          </Text>
        </div>
        {map && (
          <Group gap={4}>
            {map.rules.map((r, i) => (
              <Badge key={i} size="sm" variant="light" tt="none">
                {r.segment}
              </Badge>
            ))}
          </Group>
        )}
      </Group>
      <Stack gap="sm">
        <SourceEditor label="Source" value={source} onChange={setSource} error={error} disabled={!canWrite} testId="map-source" />
        {canWrite && (
          <Group justify="flex-end">
            {id && (
              <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={() => setDeleting(true)}>
                Delete
              </Button>
            )}
            <Button
              leftSection={<IconDeviceFloppy size={16} />}
              onClick={() => void save()}
              loading={busy}
              disabled={!source.trim()}
              data-testid="save-map"
            >
              Save map
            </Button>
          </Group>
        )}
      </Stack>
      <Modal opened={deleting} onClose={() => setDeleting(false)} title={`Delete map ${id}?`}>
        <Text size="sm" mb="md">
          TORs that apply it must stop first; the server refuses otherwise.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setDeleting(false)}>
            Cancel
          </Button>
          <Button color="red" onClick={() => void remove()} data-testid="confirm-delete-map">
            Delete
          </Button>
        </Group>
      </Modal>
    </Card>
  );
}
