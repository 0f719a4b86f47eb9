// Product recommendations: the models with their measured quality (evaluate), actions to measure
// them and to compute everyone's lists, and a customer lookup: purchases beside their top 10.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChartLine, IconPlayerPlay, IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, errorText, post } from '../api/client.ts';
import { useAutoChoice, useJob, useModels } from '../api/hooks.ts';
import { useProducts } from '../api/products.ts';
import type { AutoChoice, JobAccepted } from '../api/types.ts';
import { ErrorState, Loading, Num, PageHeader } from '../components/common.tsx';
import { formatDateTime, formatPercent, formatSeconds } from '../lib/format.ts';
import { href } from '../lib/routes.ts';
import { navigate } from '../lib/useRoute.ts';
import { useSession } from '../session.tsx';
import { NoRecsYet, PurchaseHistory, RecsTable, useCustomerRecs } from './CustomersPage.tsx';

interface B1Row {
  model: string;
  variant: string;
  users: number;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hit: number;
  coverage: number;
  fitSeconds: number;
}
interface ModelQuality {
  measuredAt: string;
  asOf: string;
  end: string;
  k: number;
  rows: B1Row[];
}

const MODEL_ABOUT: Record<string, string> = {
  'top-frequency': "the customer's own most-bought products, then best sellers",
  'als-repurchase': 'matrix factorisation blended with repurchase cycles',
  als: 'matrix factorisation (implicit ALS)',
  ease: 'linear item-to-item autoencoder',
  popularity: 'best sellers',
  repurchase: 'products the customer buys again, on their cycle',
  itemKnn: 'bought together with what the customer bought',
  userKnn: 'what similar customers buy',
  blend: 'a weighted blend of the models above',
};

export function RecommendationsPage({ customer }: { customer?: string }) {
  const models = useModels();
  const auto = useAutoChoice();
  const { may } = useSession();
  const [evalJob, setEvalJob] = useState<string | null>(null);
  const [recJob, setRecJob] = useState<string | null>(null);
  const [model, setModel] = useState<string | null>(null);
  const [top, setTop] = useState<number | string>(10);
  const ev = useJob(evalJob, (j) => {
    if (j.status !== 'succeeded') notifications.show({ color: 'red', title: 'Evaluation failed', message: j.error ?? j.status });
    void models.refetch();
  });
  const rec = useJob(recJob, (j) => {
    void auto.refetch();
    notifications.show(
      j.status === 'succeeded'
        ? {
            color: 'teal',
            title: 'Recommendations computed',
            message: "Every customer's list is in the product_recommendations table and served in real time.",
          }
        : { color: 'red', title: 'Recommendations failed', message: j.error ?? j.status },
    );
  });

  const rowsOf = (q: unknown) => (q as ModelQuality | null)?.rows ?? [];
  const measured = (models.data ?? []).filter((m) => rowsOf(m.quality).length > 0);
  const best = measured.length ? measured.reduce((a, b) => (bestNdcg(rowsOf(a.quality)) >= bestNdcg(rowsOf(b.quality)) ? a : b)) : null;

  return (
    <>
      <PageHeader
        title="Product recommendations"
        description="Which products each customer is most likely to buy next, and how well each model predicts them."
      />
      <Stack gap="md">
        <Card withBorder padding="lg">
          <Group justify="space-between" mb="sm">
            <div>
              <Title order={4}>Models</Title>
              <Text size="sm" c="dimmed">
                Quality from the last backtest: trained before a cut-off, scored on the purchases after it.
              </Text>
            </div>
            {may('write') && (
              <Group gap="xs">
                <Button
                  variant="default"
                  leftSection={<IconChartLine size={16} />}
                  loading={!!evalJob && !ev.done}
                  onClick={async () => {
                    try {
                      setEvalJob((await post<JobAccepted>('/v1/models/evaluate', {})).job.jobId);
                    } catch (e) {
                      notifications.show({ color: 'red', title: 'Could not start', message: errorText(e) });
                    }
                  }}
                >
                  Measure quality
                </Button>
              </Group>
            )}
          </Group>
          {evalJob && !ev.done && (
            <Stack gap={4} mb="sm">
              <Progress value={Math.max(3, ev.progress * 100)} animated />
              <Text size="xs" c="dimmed">
                {ev.stage}
              </Text>
            </Stack>
          )}
          {models.isPending ? (
            <Loading h={100} />
          ) : models.isError ? (
            <ErrorState error={models.error} retry={() => models.refetch()} what="the models" />
          ) : (
            <Table verticalSpacing={6} data-testid="models">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Model</Table.Th>
                  <Table.Th ta="right">
                    <Tooltip label="Ranking quality of the top k (1 = perfect order)">
                      <span>NDCG@k</span>
                    </Tooltip>
                  </Table.Th>
                  <Table.Th ta="right">
                    <Tooltip label="Share of the top k the customer then bought">
                      <span>Precision@k</span>
                    </Tooltip>
                  </Table.Th>
                  <Table.Th ta="right">
                    <Tooltip label="Share of what the customer then bought that was in the top k">
                      <span>Recall@k</span>
                    </Tooltip>
                  </Table.Th>
                  <Table.Th ta="right">
                    <Tooltip label="Customers who bought at least one of their top k">
                      <span>Hit rate</span>
                    </Tooltip>
                  </Table.Th>
                  <Table.Th ta="right">Coverage</Table.Th>
                  <Table.Th>Measured</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {models.data.map((m) => {
                  const q = m.quality as ModelQuality | null;
                  const r = q ? [...q.rows].sort((a, b) => b.ndcg - a.ndcg)[0] : null;
                  return (
                    <Table.Tr key={m.name}>
                      <Table.Td>
                        <Group gap={6}>
                          <Text size="sm" fw={600}>
                            {m.name}
                          </Text>
                          {best?.name === m.name && (
                            <Badge size="xs" color="teal">
                              best
                            </Badge>
                          )}
                          {m.config ? (
                            <Badge size="xs" variant="light">
                              tuned
                            </Badge>
                          ) : null}
                        </Group>
                        <Text size="xs" c="dimmed">
                          {MODEL_ABOUT[m.name] ?? ''}
                          {r && q && q.rows.length > 1 ? ` · best variant: ${r.variant}` : ''}
                        </Text>
                      </Table.Td>
                      {r ? (
                        <>
                          <Table.Td>
                            <Num fw={600}>{r.ndcg.toFixed(3)}</Num>
                          </Table.Td>
                          <Table.Td>
                            <Num>{formatPercent(r.precision)}</Num>
                          </Table.Td>
                          <Table.Td>
                            <Num>{formatPercent(r.recall)}</Num>
                          </Table.Td>
                          <Table.Td>
                            <Num>{formatPercent(r.hit)}</Num>
                          </Table.Td>
                          <Table.Td>
                            <Num>{formatPercent(r.coverage, { decimals: 0 })}</Num>
                          </Table.Td>
                          <Table.Td>
                            <Text size="xs">
                              {formatDateTime(q!.measuredAt)}
                              <Text span c="dimmed">
                                {' '}
                                · k={q!.k} · fit {formatSeconds(r.fitSeconds)}
                              </Text>
                            </Text>
                          </Table.Td>
                        </>
                      ) : (
                        <Table.Td colSpan={6}>
                          <Text size="xs" c="dimmed">
                            not measured yet{may('write') ? ' — “Measure quality” runs the backtest' : ''}
                          </Text>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
          {may('write') && (
            <Group mt="md" align="flex-end">
              <Select
                label="Model for everyone's lists"
                data={['auto', ...(models.data ?? []).map((m) => m.name)]}
                value={model ?? 'auto'}
                onChange={setModel}
                w={220}
              />
              <NumberInput label="Products each" min={1} max={100} value={top} onChange={setTop} w={130} />
              <Button
                leftSection={<IconPlayerPlay size={16} />}
                loading={!!recJob && !rec.done}
                onClick={async () => {
                  try {
                    const m = model ?? 'auto';
                    setRecJob(
                      (
                        await post<JobAccepted>('/v1/recommendations', {
                          target: 'table',
                          top: Number(top) || 10,
                          ...(m ? { model: m } : {}),
                        })
                      ).job.jobId,
                    );
                  } catch (e) {
                    notifications.show({ color: 'red', title: 'Could not start', message: errorText(e) });
                  }
                }}
              >
                Compute recommendations
              </Button>
              {recJob && !rec.done && (
                <Text size="xs" c="dimmed">
                  {rec.stage} · {formatPercent(rec.progress, { decimals: 0 })}
                </Text>
              )}
            </Group>
          )}
        </Card>
        <AutoChoiceCard choices={auto.data?.auto ?? null} />
        <CustomerLookup initial={customer} />
      </Stack>
    </>
  );
}

/** What auto chose for everyone's lists, and the backtest that decided it (as DinMo shows prediction quality). */
function AutoChoiceCard({ choices }: { choices: { all: AutoChoice | null; new: AutoChoice | null } | null }) {
  const list = [choices?.all, choices?.new].filter((c): c is AutoChoice => !!c);
  return (
    <Card withBorder padding="lg" data-testid="auto-choice">
      <Title order={4}>Automatic model choice</Title>
      <Text size="sm" c="dimmed" mb="sm">
        The default (auto) tries every model on your own history — trained before a cut, scored on the purchases after it — and keeps the
        best.
      </Text>
      {list.length === 0 ? (
        <Text size="sm" c="dimmed">
          No choice yet: compute recommendations with the auto model.
        </Text>
      ) : (
        list.map((c) => {
          const chosen = c.rows.find((r) => r.model === c.chosen && r.stage === 'validation');
          return (
            <Stack key={c.variant} gap={4} mb="sm">
              <Group gap="xs">
                <Text fw={600}>{c.variant === 'all' ? 'All products' : 'New products only'}:</Text>
                <Badge variant="light">{c.chosen}</Badge>
                {chosen && (
                  <Text size="sm">
                    NDCG@{c.k} <Num>{chosen.ndcg.toFixed(3)}</Num>
                  </Text>
                )}
                {c.baseline && c.baseline.model !== c.chosen && (
                  <Text size="sm" c="dimmed">
                    vs {c.baseline.model} {c.baseline.ndcg.toFixed(3)}
                  </Text>
                )}
                {c.variant === 'all' && c.excludeSeen && (
                  <Text size="sm" c="dimmed" data-testid="auto-excludes-seen">
                    lists leave out past purchases (repeats did not pay in the backtest)
                  </Text>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {c.note ??
                  `backtest on ${c.users.toLocaleString('en-GB')} customers${c.sample ? ` (sample of ${c.sample.customers.toLocaleString('en-GB')} of ${c.sample.of.toLocaleString('en-GB')})` : ''}, ${c.validation === 'holdout' ? "each one's last purchase held out" : `${c.validationFrom} – ${c.validationTo} (${c.horizonDays}-day horizon)`}, ${formatSeconds(c.seconds)}`}
              </Text>
              {c.tooSlow && c.tooSlow.length > 0 && (
                <Text size="xs" c="dimmed">
                  Passed over as too slow to fit on every customer:{' '}
                  {c.tooSlow.map((t) => `${t.model} (about ${Math.round(t.predictedSeconds / 60)} min)`).join(', ')}
                </Text>
              )}
              {c.rows.length > 0 && (
                <Table verticalSpacing={2} fz="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Model</Table.Th>
                      <Table.Th>Stage</Table.Th>
                      <Table.Th ta="right">NDCG@{c.k}</Table.Th>
                      <Table.Th ta="right">Recall</Table.Th>
                      <Table.Th ta="right">Fit</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {c.rows.map((r) => (
                      <Table.Tr key={`${r.stage}-${r.model}`} fw={r.model === c.chosen && r.stage === 'validation' ? 600 : undefined}>
                        <Table.Td>{r.model}</Table.Td>
                        <Table.Td>{r.stage}</Table.Td>
                        <Table.Td>
                          <Num>{r.ndcg.toFixed(3)}</Num>
                        </Table.Td>
                        <Table.Td>
                          <Num>{r.recall.toFixed(3)}</Num>
                        </Table.Td>
                        <Table.Td>
                          <Num>{formatSeconds(r.fitSeconds)}</Num>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          );
        })
      )}
    </Card>
  );
}

function bestNdcg(rows: B1Row[]): number {
  return rows.reduce((m, r) => Math.max(m, r.ndcg), -1);
}

function CustomerLookup({ initial }: { initial?: string }) {
  const [input, setInput] = useState(initial ?? '');
  const [id, setId] = useState<string | null>(initial ?? null);
  useEffect(() => {
    if (initial) {
      setInput(initial);
      setId(initial);
    }
  }, [initial]);
  const recs = useCustomerRecs(id, 10);
  const products = useProducts();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = input.trim();
    if (v) {
      setId(v);
      navigate({ page: 'recommendations', customer: v });
    }
  };
  const noneYet = recs.error instanceof ApiError && recs.error.status === 404 && /recommendations computed/.test(recs.error.message);
  return (
    <Card withBorder padding="lg" data-testid="recs-lookup">
      <Title order={4} mb="sm">
        Look a customer up
      </Title>
      <form onSubmit={submit}>
        <Group mb="md">
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder="Customer id, e.g. C0000042"
            value={input}
            onChange={(e) => setInput(e.currentTarget.value)}
            w={300}
            aria-label="Customer id for recommendations"
          />
          <Button type="submit" variant="light">
            Show
          </Button>
          {id && (
            <Anchor href={href({ page: 'customer', id })} size="sm">
              Open the customer page →
            </Anchor>
          )}
        </Group>
      </form>
      {!id ? (
        <Text size="sm" c="dimmed">
          Enter a customer id to see what they bought beside what they are recommended next.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <PurchaseHistory id={id} compact />
          <Card withBorder padding="lg">
            <Title order={5} mb="sm">
              Top 10 next
            </Title>
            {recs.isPending ? (
              <Loading h={80} />
            ) : noneYet ? (
              <Alert color="gray" variant="light">
                <NoRecsYet />
              </Alert>
            ) : recs.isError ? (
              <ErrorState error={recs.error} what="the recommendations" />
            ) : recs.data.recommendations.length === 0 ? (
              <Text size="sm" c="dimmed">
                {recs.data.note ?? 'No recommendation for this customer.'}
              </Text>
            ) : (
              <RecsTable rows={recs.data.recommendations} products={products.data} />
            )}
          </Card>
        </SimpleGrid>
      )}
    </Card>
  );
}
