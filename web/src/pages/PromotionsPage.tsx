// Promotions: the pool (mechanism, scope, validity, limits), the latest computed run, a customer's
// list; marketers build the pool from sales and compute the lists (a job with live progress).
import { Anchor, Badge, Button, Card, Grid, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { mechanismText, noListsYet, useCustomerPromotions, usePromotions, type Promotion } from '../api/promotions.ts';
import { Empty, ErrorState, Loading, Num, PageHeader, Stat } from '../components/common.tsx';
import { BuildPoolCard, ComputeListsCard } from '../components/PromotionActions.tsx';
import { PromotionsCustomerTable } from '../components/PromotionsCustomerTable.tsx';
import { formatDate, formatDateTime, formatInt, formatScore, formatSeconds } from '../lib/format.ts';
import { href } from '../lib/routes.ts';
import { useSession } from '../session.tsx';

const scopeText = (p: Promotion) =>
  p.scope.kind === 'attribute' ? `${p.scope.attribute}=${p.scope.value}` : `${p.scope.productIds.length} product(s)`;

export function PromotionsPage() {
  const q = usePromotions();
  const canWrite = useSession().may('write');
  const run = q.data?.latestRun;
  return (
    <>
      <PageHeader title="Promotions" description="A pool of promotions and each customer's personal list, ranked by expected value." />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Card withBorder padding="lg" data-testid="promotion-run">
              <Title order={4} mb="sm">
                Latest lists
              </Title>
              {q.isPending ? (
                <Loading h={80} />
              ) : q.isError ? (
                <ErrorState error={q.error} retry={() => q.refetch()} what="the promotions" />
              ) : !run ? (
                <Text size="sm" c="dimmed">
                  Not computed yet{canWrite ? ': compute the lists on the right.' : '.'}
                </Text>
              ) : (
                <SimpleGrid cols={{ base: 2, md: 4 }}>
                  <Stat
                    label="Customers with a list"
                    value={formatInt(run.summary.customersWithPromotions)}
                    hint={`of ${formatInt(run.summary.addressable)} addressable`}
                  />
                  <Stat
                    label="Assignments"
                    value={formatInt(run.summary.assignments)}
                    hint={`${run.summary.promotions} promotions in the pool`}
                  />
                  <Stat
                    label="Expected value"
                    value={formatScore(run.summary.expectedValue)}
                    hint={`${run.summary.objective}, ${run.summary.model}${run.summary.calibrated ? '' : ' (not calibrated)'}`}
                  />
                  <Stat
                    label="Computed"
                    value={
                      <Text fw={650} size="md" component="span">
                        {formatDateTime(run.createdAt)}
                      </Text>
                    }
                    hint={`history to ${formatDate(run.summary.asOf)} · ${formatSeconds(run.summary.seconds)}`}
                  />
                </SimpleGrid>
              )}
            </Card>
            <Card withBorder padding="lg">
              <Title order={4} mb="sm">
                Pool
              </Title>
              {q.isPending ? (
                <Loading />
              ) : q.isError ? null : q.data.promotions.length === 0 ? (
                <Empty
                  title="The pool is empty"
                  description={
                    <>
                      Build one from sales{canWrite ? ' (right)' : ''}, or import a file:{' '}
                      <span className="nb-mono">nextbest promotions import FILE</span>.
                    </>
                  }
                />
              ) : (
                <Table verticalSpacing={5} data-testid="promotions">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Promotion</Table.Th>
                      <Table.Th>Mechanism</Table.Th>
                      <Table.Th>Scope</Table.Th>
                      <Table.Th>Channel</Table.Th>
                      <Table.Th>Valid</Table.Th>
                      <Table.Th ta="right">Stock</Table.Th>
                      <Table.Th>Source</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {q.data.promotions.map((p) => (
                      <Table.Tr key={p.promotionId}>
                        <Table.Td>
                          <Text size="sm">{p.name}</Text>
                          <Text size="xs" c="dimmed" className="nb-mono">
                            {p.promotionId}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{mechanismText(p.mechanism, p.value)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs" className="nb-mono">
                            {scopeText(p)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{p.channel}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs">
                            {p.validFrom || p.validTo ? `${formatDate(p.validFrom)} – ${formatDate(p.validTo)}` : 'always'}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Num>{p.stock === null ? '—' : formatInt(p.stock)}</Num>
                        </Table.Td>
                        <Table.Td>
                          <Badge size="sm" variant="light" color="gray" tt="none">
                            {p.source}
                          </Badge>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            {canWrite && <ComputeListsCard />}
            <CustomerLookup />
            {canWrite && <BuildPoolCard />}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function CustomerLookup() {
  const [text, setText] = useState('');
  const [id, setId] = useState<string | null>(null);
  const q = useCustomerPromotions(id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setId(text.trim() || null);
  };
  return (
    <Card withBorder padding="lg" data-testid="promotions-customer">
      <Title order={5} mb="xs">
        A customer's list
      </Title>
      <form onSubmit={submit}>
        <Group gap="xs" mb="sm">
          <TextInput
            size="xs"
            leftSection={<IconSearch size={14} />}
            placeholder="Customer id"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            aria-label="Customer id for promotions"
          />
          <Button size="xs" type="submit" variant="light" disabled={!text.trim()}>
            Show
          </Button>
        </Group>
      </form>
      {!id ? null : q.isPending ? (
        <Loading h={60} />
      ) : noListsYet(q.error) ? (
        <Text size="sm" c="dimmed">
          No lists computed yet.
        </Text>
      ) : q.isError ? (
        <ErrorState error={q.error} what="the list" />
      ) : (
        <>
          <Anchor href={href({ page: 'customer', id })} size="xs" className="nb-mono">
            {id}
          </Anchor>
          <PromotionsCustomerTable rows={q.data.promotions} />
        </>
      )}
    </Card>
  );
}
