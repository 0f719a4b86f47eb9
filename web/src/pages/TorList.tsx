// The TOR list (Tinyclues' main page): every TOR with inline rename, status (live progress while
// computing, the message on error), priorities, dates; "+" expands to its offers and the volume
// per priority; actions open, recompute, export, delete.
import { ActionIcon, Anchor, Box, Button, Card, Group, Menu, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconDots, IconDownload, IconEdit, IconPlayerPlay, IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { useActiveJobs, useTor, useTors } from '../api/hooks.ts';
import type { Job, Tor } from '../api/types.ts';
import { Empty, ErrorState, Loading, Num, OfferName, PageHeader, StatusBadge } from '../components/common.tsx';
import { ExportDialog } from '../components/ExportDialog.tsx';
import { ConfirmDelete, InlineName, useTorMutations } from '../components/torActions.tsx';
import { formatAgo, formatDate, formatDateTime, formatInt, plural } from '../lib/format.ts';
import { href } from '../lib/routes.ts';
import { navigate } from '../lib/useRoute.ts';
import { useSession } from '../session.tsx';

export function TorList() {
  const tors = useTors();
  const { may } = useSession();
  const canWrite = may('write');
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [exporting, setExporting] = useState<Tor | null>(null);
  const [deleting, setDeleting] = useState<Tor | null>(null);
  const m = useTorMutations();
  const jobs = useActiveJobs(true);
  const jobOf = useMemo(() => {
    const byTor = new Map<string, Job>();
    for (const j of jobs.data ?? []) if (j.op === 'tor.compute' && typeof j.input.id === 'string') byTor.set(j.input.id, j);
    return byTor;
  }, [jobs.data]);
  // A compute that ends (its job leaves the active list) refreshes the TORs at once.
  const activeKey = [...jobOf.keys()].sort().join(',');
  const lastActive = useRef(activeKey);
  useEffect(() => {
    if (lastActive.current !== activeKey) {
      lastActive.current = activeKey;
      void tors.refetch();
    }
  }, [activeKey, tors]);
  const sorted = useMemo(() => [...(tors.data ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)), [tors.data]);

  const toggle = (id: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <>
      <PageHeader
        title="Top Offer Recommendations"
        description="Each TOR ranks its offers for every customer in its audience. Compute it, check the volumes, export it to your campaign tool."
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={16} />} component="a" href={href({ page: 'tor-new' })}>
              New TOR
            </Button>
          )
        }
      />
      <Card withBorder padding={0} radius="md">
        {tors.isPending ? (
          <Loading label="Loading TORs…" />
        ) : tors.isError ? (
          <Box p="md">
            <ErrorState error={tors.error} retry={() => tors.refetch()} what="the TORs" />
          </Box>
        ) : sorted.length === 0 ? (
          <Empty
            title="No TOR yet"
            description="A TOR picks, for every customer, the offers they are most likely to take — in priority order."
            action={
              canWrite && (
                <Button leftSection={<IconPlus size={16} />} component="a" href={href({ page: 'tor-new' })}>
                  Create your first TOR
                </Button>
              )
            }
          />
        ) : (
          <Table verticalSpacing="sm" horizontalSpacing={8} highlightOnHover className="nb-table" data-testid="tor-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40} aria-label="Expand" />
                <Table.Th>Name</Table.Th>
                <Table.Th style={{ minWidth: 150 }}>Status</Table.Th>
                <Table.Th ta="right">Priorities</Table.Th>
                <Table.Th ta="right">Customers</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th w={100} ta="right">
                  Actions
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((t) => {
                const expanded = open.has(t.torId);
                const job = jobOf.get(t.torId);
                const busy = !!job || t.status === 'computing';
                return (
                  <Fragment key={t.torId}>
                    <Table.Tr data-tor-id={t.torId} className={expanded ? 'nb-row-expanded' : undefined}>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          onClick={() => toggle(t.torId)}
                          aria-expanded={expanded}
                          aria-label={`${expanded ? 'Hide' : 'Show'} offers and volumes of ${t.name}`}
                          data-testid="expand"
                        >
                          {expanded ? <IconChevronDown size={16} /> : <IconPlus size={16} />}
                        </ActionIcon>
                      </Table.Td>
                      <Table.Td>
                        <Box maw={300}>
                          <InlineName value={t.name} disabled={!canWrite || busy} onSave={(name) => m.rename(t, name)}>
                            <Anchor href={href({ page: 'tor', id: t.torId })} fw={600} size="sm" data-testid="tor-name">
                              {t.name}
                            </Anchor>
                          </InlineName>
                          <Tooltip label={t.settings.audience ?? 'all customers'} disabled={!t.settings.audience}>
                            <Text size="xs" c="dimmed" truncate="end">
                              {plural(t.offers.length, 'offer')} ·{' '}
                              {t.settings.selection?.mode === 'auto'
                                ? `auto: ${t.settings.selection.rule} × ${t.settings.selection.count}`
                                : 'manual offers'}
                              {t.settings.audience ? ` · ${t.settings.audience}` : ' · all customers'}
                            </Text>
                          </Tooltip>
                          {t.status === 'error' && t.error && (
                            <Text size="xs" c="red" lineClamp={2} data-testid="tor-error">
                              {t.error}
                            </Text>
                          )}
                        </Box>
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge
                          status={job ? 'computing' : t.status}
                          error={t.error}
                          progress={job?.progress ?? t.progress}
                          stage={job ? (job.status === 'queued' ? 'queued' : job.stage) : null}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Num>{t.settings.perCustomer}</Num>
                      </Table.Td>
                      <Table.Td>
                        <Num>{t.stats ? formatInt(t.stats.customers) : '—'}</Num>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={`created ${formatDateTime(t.createdAt)} · updated ${formatDateTime(t.updatedAt)}`}>
                          <div>
                            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                              {formatDate(t.createdAt)}
                            </Text>
                            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                              updated {formatAgo(t.updatedAt)}
                            </Text>
                          </div>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={2} justify="flex-end" wrap="nowrap">
                          <Tooltip label={canWrite ? 'Edit' : 'Open'}>
                            <ActionIcon
                              variant="subtle"
                              component="a"
                              href={href({ page: 'tor', id: t.torId, tab: canWrite ? 'definition' : undefined })}
                              aria-label={`Edit ${t.name}`}
                            >
                              <IconEdit size={16} />
                            </ActionIcon>
                          </Tooltip>
                          {canWrite && (
                            <Tooltip label={t.status === 'draft' ? 'Compute' : 'Recompute'}>
                              <ActionIcon
                                variant="subtle"
                                disabled={busy}
                                onClick={() => void m.compute(t)}
                                aria-label={`Compute ${t.name}`}
                                data-testid="compute"
                              >
                                {t.status === 'draft' ? <IconPlayerPlay size={16} /> : <IconRefresh size={16} />}
                              </ActionIcon>
                            </Tooltip>
                          )}
                          {canWrite && (
                            <Menu position="bottom-end" withinPortal>
                              <Menu.Target>
                                <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${t.name}`} data-testid="more">
                                  <IconDots size={16} />
                                </ActionIcon>
                              </Menu.Target>
                              <Menu.Dropdown>
                                <Menu.Item
                                  leftSection={<IconDownload size={14} />}
                                  disabled={busy || !(t.status === 'ready' || t.status === 'exported')}
                                  onClick={() => setExporting(t)}
                                >
                                  Export…
                                </Menu.Item>
                                <Menu.Item
                                  leftSection={<IconEdit size={14} />}
                                  onClick={() => navigate({ page: 'tor', id: t.torId, tab: 'definition' })}
                                >
                                  Edit definition
                                </Menu.Item>
                                <Menu.Divider />
                                <Menu.Item color="red" leftSection={<IconTrash size={14} />} disabled={busy} onClick={() => setDeleting(t)}>
                                  Delete…
                                </Menu.Item>
                              </Menu.Dropdown>
                            </Menu>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                    {expanded && (
                      <Table.Tr className="nb-row-expanded">
                        <Table.Td />
                        <Table.Td colSpan={6}>
                          <TorVolumes tor={t} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <ExportDialog tor={exporting} opened={!!exporting} onClose={() => setExporting(null)} />
      <ConfirmDelete tor={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}

/** The expanded row: the selected offers and the volume each gets at each priority. */
function TorVolumes({ tor }: { tor: Tor }) {
  const q = useTor(tor.torId, 0);
  if (q.isPending) return <Loading h={60} />;
  if (q.isError) return <ErrorState error={q.error} retry={() => q.refetch()} what="the volumes" />;
  const k = Math.max(tor.settings.perCustomer, ...q.data.volumes.map((v) => v.volumes.length));
  const computed = q.data.customers > 0;
  return (
    <Stack gap={6} data-testid="tor-volumes">
      <Text size="xs" c="dimmed">
        {computed
          ? `Volumes of the last compute: ${formatInt(q.data.customers)} customers`
          : 'Not computed yet: volumes appear after a compute.'}
        {tor.status === 'draft' && computed ? ' (definition changed since: recompute to refresh)' : ''}
      </Text>
      <Table withRowBorders={false} verticalSpacing={4} layout="fixed" w={280 + 110 * (k + 1)}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={280}>Offer</Table.Th>
            {Array.from({ length: k }, (_, p) => (
              <Table.Th key={p} w={110} ta="right">
                Priority {p + 1}
              </Table.Th>
            ))}
            <Table.Th w={110} ta="right">
              Total
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {q.data.volumes.map((v) => (
            <Table.Tr key={v.offerId}>
              <Table.Td>
                <OfferName offerId={v.offerId} name={v.name} />
              </Table.Td>
              {Array.from({ length: k }, (_, p) => (
                <Table.Td key={p}>
                  <Num>{computed ? formatInt(v.volumes[p] ?? 0) : '—'}</Num>
                </Table.Td>
              ))}
              <Table.Td>
                <Num fw={600}>{computed ? formatInt(v.total) : '—'}</Num>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
