// One TOR: its name (inline rename), status, actions; results (volumes chart, snippet with reasons,
// prediction quality, export history) and its definition (the editor). Also the "new TOR" page.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconChartBar,
  IconDownload,
  IconPlayerPlay,
  IconRefresh,
  IconSettings,
  IconTable,
  IconTrash,
} from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { get } from '../api/client.ts';
import { useActiveJobs, useCurrency, useJob, useOfferNames, useTor } from '../api/hooks.ts';
import { isUpliftQuality, type ExportRecord, type Tor, type TorOverview } from '../api/types.ts';
import { Empty, ErrorState, Loading, Num, OfferName, PageHeader, Stat, StatusBadge } from '../components/common.tsx';
import { ExportDialog } from '../components/ExportDialog.tsx';
import { ConfirmDelete, InlineName, useTorMutations } from '../components/torActions.tsx';
import { TorForm } from '../components/TorForm.tsx';
import { TorExperimentCard } from '../components/TorExperimentCard.tsx';
import { TorResultsSnippet } from '../components/TorResultsSnippet.tsx';
import { UpliftQualityCard } from '../components/UpliftQualityCard.tsx';
import { VolumesChart } from '../components/VolumesChart.tsx';
import {
  formatAgo,
  formatAuc,
  formatDate,
  formatDateTime,
  formatInt,
  formatLift,
  formatMoney,
  formatPercent,
  formatScore,
  formatSeconds,
} from '../lib/format.ts';
import { href } from '../lib/routes.ts';
import { navigate } from '../lib/useRoute.ts';
import { useSession } from '../session.tsx';

/** Job ids of computes started from this tab, so the TOR page follows them live. */
const startedJobs = new Map<string, string>();

export function NewTorPage() {
  const { may } = useSession();
  if (!may('write'))
    return (
      <Alert color="yellow" title="Viewers cannot create TORs">
        Ask an admin for the marketer role.
      </Alert>
    );
  return (
    <>
      <Anchor href={href({ page: 'tors' })} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          All TORs
        </Group>
      </Anchor>
      <PageHeader
        title="New TOR"
        description="Who to target, with which offers, maximising what. Save it as a draft or compute it straight away."
      />
      <TorForm
        onComputeStarted={(t, jobId) => startedJobs.set(t.torId, jobId)}
        onSaved={(t) => navigate({ page: 'tor', id: t.torId, tab: startedJobs.has(t.torId) ? 'results' : 'definition' })}
      />
    </>
  );
}

export function TorPage({ id, tab }: { id: string; tab?: string }) {
  const q = useTor(id, 0);
  const { may } = useSession();
  const canWrite = may('write');
  const m = useTorMutations();
  const [exporting, setExporting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [jobId, setJobId] = useState<string | null>(startedJobs.get(id) ?? null);
  const tor = q.data?.tor;
  const active = useActiveJobs(tor?.status === 'computing' && !jobId);
  useEffect(() => {
    if (jobId || tor?.status !== 'computing') return;
    const j = active.data?.find((x) => x.op === 'tor.compute' && x.input.id === id);
    if (j) setJobId(j.jobId);
  }, [active.data, jobId, tor?.status, id]);
  const job = useJob(jobId, () => {
    startedJobs.delete(id);
    void q.refetch();
  });
  useEffect(() => {
    if (job.done) setJobId(null);
  }, [job.done]);

  if (q.isPending) return <Loading label="Loading the TOR…" />;
  if (q.isError) return <ErrorState error={q.error} retry={() => q.refetch()} what="this TOR" />;
  const t = q.data.tor;
  const computed = q.data.customers > 0;
  const current = tab ?? (computed || t.status === 'computing' ? 'results' : 'definition');
  const computing = t.status === 'computing' || (!!jobId && !job.done);
  const progress = jobId ? job.progress : (t.progress ?? 0);

  async function compute() {
    const j = await m.compute(t);
    if (j) {
      setJobId(j);
      navigate({ page: 'tor', id, tab: 'results' });
    }
  }

  return (
    <>
      <Anchor href={href({ page: 'tors' })} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          All TORs
        </Group>
      </Anchor>
      <PageHeader
        title={
          <InlineName value={t.name} size="lg" disabled={!canWrite || computing} onSave={(name) => m.rename(t, name)}>
            <span data-testid="tor-title">{t.name}</span>
          </InlineName>
        }
        description={
          <Group gap="xs" component="span">
            <StatusBadge status={computing ? 'computing' : t.status} error={t.error} compact />
            <Text span size="sm" c="dimmed">
              {t.torId} · created {formatDateTime(t.createdAt)} ·{' '}
              {t.computedAt ? `computed ${formatDateTime(t.computedAt)}` : 'not computed yet'}
            </Text>
          </Group>
        }
        actions={
          canWrite && (
            <>
              <Button
                variant="default"
                leftSection={<IconTrash size={16} />}
                color="red"
                disabled={computing}
                onClick={() => setDeleting(true)}
              >
                Delete
              </Button>
              <Button
                variant="default"
                leftSection={<IconDownload size={16} />}
                disabled={computing || !(t.status === 'ready' || t.status === 'exported')}
                onClick={() => setExporting(true)}
                data-testid="export"
              >
                Export
              </Button>
              <Button
                leftSection={t.status === 'draft' ? <IconPlayerPlay size={16} /> : <IconRefresh size={16} />}
                disabled={computing}
                onClick={() => void compute()}
                data-testid="compute"
              >
                {computing ? 'Computing…' : t.status === 'draft' ? 'Compute' : 'Recompute'}
              </Button>
            </>
          )
        }
      />
      {computing && (
        <Card withBorder mb="md" data-testid="compute-progress">
          <Group justify="space-between" mb={6}>
            <Text fw={600}>Computing…</Text>
            <Text size="sm" className="nb-num">
              {formatPercent(progress, { decimals: 0 })}
            </Text>
          </Group>
          <Progress value={Math.max(2, progress * 100)} size="lg" animated aria-label="compute progress" />
          <Text size="sm" c="dimmed" mt={6}>
            {jobId ? job.stage : 'in progress'}
            {job.logs.length ? ` · ${job.logs[job.logs.length - 1]}` : ''}
          </Text>
        </Card>
      )}
      {t.status === 'error' && !computing && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The last compute failed" mb="md" data-testid="tor-error">
          {t.error}
          {computed ? ' — the results below are from the last successful compute.' : ''}
        </Alert>
      )}
      {t.status === 'draft' && computed && !computing && (
        <Alert color="yellow" mb="md" title="The definition changed since the last compute">
          Recompute to refresh the results below.
        </Alert>
      )}
      <Tabs value={current} onChange={(v) => v && navigate({ page: 'tor', id, tab: v })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="results" leftSection={<IconChartBar size={16} />}>
            Results
          </Tabs.Tab>
          <Tabs.Tab value="definition" leftSection={<IconSettings size={16} />}>
            Definition
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="results">
          {computed ? (
            <TorResults overview={q.data} />
          ) : (
            <Card withBorder>
              <Empty
                title={computing ? 'Computing the first results…' : 'Not computed yet'}
                description={
                  computing
                    ? 'Volumes, a results sample and the prediction quality appear here when the compute ends.'
                    : 'Compute the TOR to see who gets which offer.'
                }
                action={
                  !computing &&
                  canWrite && (
                    <Button leftSection={<IconPlayerPlay size={16} />} onClick={() => void compute()}>
                      Compute now
                    </Button>
                  )
                }
              />
            </Card>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="definition">
          <TorForm
            key={t.updatedAt}
            tor={t}
            disabled={!canWrite || computing}
            onComputeStarted={(_t, j) => {
              setJobId(j);
            }}
            onSaved={() => {
              void q.refetch();
              navigate({ page: 'tor', id, tab: 'results' });
            }}
          />
        </Tabs.Panel>
      </Tabs>
      <ExportDialog tor={exporting ? t : null} opened={exporting} onClose={() => setExporting(false)} />
      <ConfirmDelete tor={deleting ? t : null} onClose={() => setDeleting(false)} onDeleted={() => navigate({ page: 'tors' })} />
    </>
  );
}

function TorResults({ overview }: { overview: TorOverview }) {
  const t = overview.tor;
  const s = t.stats;
  const currency = useCurrency();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const k = Math.max(t.settings.perCustomer, ...overview.volumes.map((v) => v.volumes.length));
  return (
    <Stack gap="md">
      <Card withBorder padding="lg">
        <SimpleGrid cols={{ base: 2, md: 5 }}>
          <Stat
            label="Customers reached"
            value={formatInt(overview.customers)}
            hint={
              s
                ? `of ${formatInt(s.addressable)} addressable (${formatPercent(s.addressable ? overview.customers / s.addressable : 0, { decimals: 0 })})`
                : undefined
            }
          />
          <Stat
            label="Offers assigned"
            value={formatInt(s?.assignments ?? null)}
            hint={`${t.settings.perCustomer} per customer, ${t.offers.length} offers`}
          />
          <Stat
            label={objectiveLabel(t.settings.objective, t.quality !== null)}
            value={
              t.quality !== null && ['revenue', 'margin', 'uplift'].includes(t.settings.objective)
                ? formatMoney(s?.objective ?? null, currency)
                : formatScore(s?.objective ?? null)
            }
            hint={
              s && s.lost > 0
                ? `${formatPercent(s.lost / (s.unconstrained || 1))} given up to volume limits`
                : t.quality !== null
                  ? 'nothing given up to volume limits'
                  : 'sum of the assigned scores; no loss to limits'
            }
          />
          <Stat
            label="Computed"
            value={
              <Text fw={650} size="md" component="span">
                {formatAgo(t.computedAt)}
              </Text>
            }
            hint={s ? `${formatDateTime(t.computedAt)} in ${formatSeconds(s.seconds)}; history to ${formatDate(s.asOf)}` : undefined}
          />
          <Stat
            label="Scoring"
            value={t.settings.model}
            hint={
              <>
                {t.settings.audience ? <span className="nb-mono">{t.settings.audience}</span> : 'all customers'}
                {t.settings.offerMap && (
                  <>
                    {' '}
                    · map{' '}
                    <Anchor href={href({ page: 'maps', id: t.settings.offerMap })} size="xs">
                      {t.settings.offerMap}
                    </Anchor>
                  </>
                )}
              </>
            }
          />
        </SimpleGrid>
        {s && s.unmetMinimums.length > 0 && (
          <Alert color="yellow" mt="md" title="Minimum volumes not met">
            {s.unmetMinimums.map((u) => `${u.offerId}: ${formatInt(u.assigned)} of ${formatInt(u.required)}`).join(' · ')}
          </Alert>
        )}
      </Card>

      <TorExperimentCard tor={t} />

      <Card withBorder padding="lg" data-testid="volumes">
        <Group justify="space-between" mb="sm">
          <div>
            <Title order={4}>Volume per offer and priority</Title>
            <Text size="sm" c="dimmed">
              How many customers get each offer at each priority.
            </Text>
          </div>
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            data={[
              {
                value: 'chart',
                label: (
                  <Group gap={4} wrap="nowrap">
                    <IconChartBar size={14} />
                    Chart
                  </Group>
                ),
              },
              {
                value: 'table',
                label: (
                  <Group gap={4} wrap="nowrap">
                    <IconTable size={14} />
                    Table
                  </Group>
                ),
              },
            ]}
          />
        </Group>
        {view === 'chart' ? (
          <VolumesChart volumes={overview.volumes} />
        ) : (
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Offer</Table.Th>
                {Array.from({ length: k }, (_, p) => (
                  <Table.Th key={p} ta="right">
                    Priority {p + 1}
                  </Table.Th>
                ))}
                <Table.Th ta="right">Total</Table.Th>
                <Table.Th ta="right">Share</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...overview.volumes]
                .sort((a, b) => b.total - a.total)
                .map((v) => (
                  <Table.Tr key={v.offerId}>
                    <Table.Td>
                      <OfferName offerId={v.offerId} name={v.name} />
                    </Table.Td>
                    {Array.from({ length: k }, (_, p) => (
                      <Table.Td key={p}>
                        <Num>{formatInt(v.volumes[p] ?? 0)}</Num>
                      </Table.Td>
                    ))}
                    <Table.Td>
                      <Num fw={600}>{formatInt(v.total)}</Num>
                    </Table.Td>
                    <Table.Td>
                      <Num c="dimmed">{formatPercent(overview.customers ? v.total / overview.customers : 0, { decimals: 0 })}</Num>
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>

      <TorResultsSnippet tor={t} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {isUpliftQuality(t.quality) ? <UpliftQualityCard quality={t.quality} /> : <QualityCard tor={t} />}
        <ExportHistory torId={t.torId} />
      </SimpleGrid>
    </Stack>
  );
}

/** With calibrated probabilities (a model that measures its quality) the objective is an expectation; otherwise a score sum. */
function objectiveLabel(o: string, probabilities: boolean): string {
  if (!probabilities)
    return o === 'revenue'
      ? 'Revenue score'
      : o === 'margin'
        ? 'Margin score'
        : o === 'acquisition'
          ? 'Acquisition score'
          : o === 'uplift'
            ? 'Uplift score'
            : 'Purchase score';
  return o === 'revenue'
    ? 'Expected revenue'
    : o === 'margin'
      ? 'Expected margin'
      : o === 'acquisition'
        ? 'Expected new buyers'
        : o === 'uplift'
          ? 'Expected incremental revenue'
          : 'Expected purchases';
}

function QualityCard({ tor }: { tor: Tor }) {
  const names = useOfferNames();
  const q = isUpliftQuality(tor.quality) ? null : tor.quality;
  const rows = useMemo(() => [...(q?.offers ?? [])].sort((a, b) => (b.auc ?? -1) - (a.auc ?? -1)), [q]);
  return (
    <Card withBorder padding="lg" data-testid="quality">
      <Title order={4}>Prediction quality</Title>
      <Text size="sm" c="dimmed" mb="sm">
        How well the scores ranked the customers who then bought each offer (backtest on the last horizon).
      </Text>
      {!q ? (
        <Alert color="gray" variant="light">
          Prediction quality was not measured for this compute: no audience customer bought in an offer's scope during the backtest window
          (the horizon before the as-of date), or the TOR was computed before quality was measured for every model.
        </Alert>
      ) : (
        <>
          <Text size="sm" mb="xs">
            {q.method}
          </Text>
          <Group gap="xl" mb="sm">
            {typeof q.ndcg === 'number' && (
              <Stat label={`NDCG@${q.k}`} value={formatAuc(q.ndcg)} hint="ranking of the offers bought, 1 = perfect" />
            )}
            <Stat label="Mean AUC" value={formatAuc(q.meanAuc)} hint="0.5 = chance, 1 = perfect" />
            <Stat label="Mean lift at 10 %" value={formatLift(q.meanLift10)} hint="buyers in the top 10 % vs. average" />
          </Group>
          {q.candidates && (
            <Text size="sm" c="dimmed" mb="sm" data-testid="auto-candidates">
              Auto compared on the same backtest: {q.candidates.map((c) => `${c.model} ${formatAuc(c.ndcg)}`).join(' · ')} (NDCG@{q.k})
            </Text>
          )}
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Offer</Table.Th>
                <Table.Th ta="right">AUC</Table.Th>
                <Table.Th ta="right">Lift @10 %</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.offerId}>
                  <Table.Td>
                    <OfferName offerId={r.offerId} name={names.get(r.offerId)} withContext={false} />
                  </Table.Td>
                  <Table.Td>
                    <Num c={r.auc !== null && r.auc >= 0.7 ? 'teal.7' : undefined}>{formatAuc(r.auc)}</Num>
                  </Table.Td>
                  <Table.Td>
                    <Num>{formatLift(r.lift10)}</Num>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Card>
  );
}

function ExportHistory({ torId }: { torId: string }) {
  const q = useQuery({
    queryKey: ['exports', torId],
    queryFn: ({ signal }) => get<ExportRecord[]>(`/v1/tors/${encodeURIComponent(torId)}/exports`, undefined, signal),
  });
  return (
    <Card withBorder padding="lg" data-testid="export-history">
      <Title order={4} mb="sm">
        Exports
      </Title>
      {q.isPending ? (
        <Loading h={60} />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => q.refetch()} what="the export history" />
      ) : q.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not exported yet.
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Destination</Table.Th>
              <Table.Th>Format</Table.Th>
              <Table.Th ta="right">Rows</Table.Th>
              <Table.Th>Outcome</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.map((r) => (
              <Table.Tr key={r.exportId}>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(r.startedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" className="nb-mono" truncate="end" maw={380}>
                    {r.target}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {r.format.toUpperCase()}
                    {r.layout ? ` · ${r.layout}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Num>{formatInt(r.rows)}</Num>
                </Table.Td>
                <Table.Td>
                  {r.status === 'ok' ? (
                    <Badge color="teal" variant="light" tt="none">
                      written
                    </Badge>
                  ) : (
                    <Tooltip label={r.error ?? r.status}>
                      <Badge color="red" variant="light" tt="none">
                        failed
                      </Badge>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
