// Trigger rules: the loaded rule set with firing counts per rule, a rule file to validate / load /
// apply (a dry run shows who would fire), and the recent firings (batch and real time).
import { Anchor, Badge, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useOfferNames } from '../api/hooks.ts';
import { useFirings, useRules } from '../api/rules.ts';
import { Empty, ErrorState, Loading, Num, OfferName, PageHeader } from '../components/common.tsx';
import { FiringsTable } from '../components/FiringsTable.tsx';
import { RuleFileCard } from '../components/RuleFileCard.tsx';
import { formatDateTime, formatInt } from '../lib/format.ts';

export function RulesPage() {
  const q = useRules();
  const names = useOfferNames();
  const [rule, setRule] = useState<string | null>(null);
  const firings = useFirings({ rule, limit: 50 });
  return (
    <>
      <PageHeader
        title="Trigger rules"
        description={
          'Offers fired by what customers do: a purchase, a lapse, an abandoned cart. ' + 'The loaded set also runs on every ingested line.'
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <Card withBorder padding="lg" data-testid="rule-set">
              {q.isPending ? (
                <Loading />
              ) : q.isError ? (
                <ErrorState error={q.error} retry={() => q.refetch()} what="the rules" />
              ) : !q.data.ruleSet ? (
                <Empty title="No rule set loaded" description="Write one in the rule file, validate it, and load it as the active set." />
              ) : (
                <>
                  <Group justify="space-between" mb="sm">
                    <div>
                      <Title order={4}>{q.data.ruleSet.name}</Title>
                      <Text size="sm" c="dimmed">
                        Loaded {formatDateTime(q.data.ruleSet.loadedAt)}
                        {q.data.ruleSet.actor ? ` by ${q.data.ruleSet.actor}` : ''} · {q.data.ruleSet.rules} rule(s)
                      </Text>
                    </div>
                  </Group>
                  <Table verticalSpacing={5} highlightOnHover data-testid="rules">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Rule</Table.Th>
                        <Table.Th>Trigger</Table.Th>
                        <Table.Th>Offer</Table.Th>
                        <Table.Th ta="right">Firings</Table.Th>
                        <Table.Th ta="right">Customers</Table.Th>
                        <Table.Th>Last fired</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {q.data.rules.map((r) => (
                        <Table.Tr key={r.id} bg={rule === r.id ? 'var(--mantine-color-indigo-0)' : undefined}>
                          <Table.Td>
                            <Anchor
                              component="button"
                              size="sm"
                              className="nb-mono"
                              onClick={() => setRule(rule === r.id ? null : r.id)}
                              title="Show this rule's firings"
                            >
                              {r.id}
                            </Anchor>
                            {!r.enabled && (
                              <Badge size="xs" color="gray" ml={6}>
                                disabled
                              </Badge>
                            )}
                            {r.description && (
                              <Text size="xs" c="dimmed" lineClamp={1}>
                                {r.description}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Badge size="sm" variant="light" tt="none" style={{ maxWidth: 'none' }}>
                              {r.trigger}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            <OfferName offerId={r.offer} name={names.get(r.offer)} withContext={false} />
                          </Table.Td>
                          <Table.Td>
                            <Num fw={600}>{formatInt(r.firings)}</Num>
                            {Object.keys(r.bySource).length > 1 && (
                              <Text size="xs" c="dimmed" ta="right">
                                {Object.entries(r.bySource)
                                  .map(([s, n]) => `${s} ${n}`)
                                  .join(' · ')}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Num>{formatInt(r.customers)}</Num>
                          </Table.Td>
                          <Table.Td>
                            <Text size="xs" c="dimmed">
                              {r.lastFiredAt ?? 'never'}
                            </Text>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                  {q.data.otherRules.length > 0 && (
                    <Text size="xs" c="dimmed" mt="xs">
                      Earlier rules with firings: {q.data.otherRules.map((o) => `${o.rule} (${formatInt(o.firings)})`).join(' · ')}
                    </Text>
                  )}
                </>
              )}
            </Card>
            <Card withBorder padding="lg" data-testid="firings">
              <Group justify="space-between" mb="sm">
                <Title order={4}>
                  Recent firings
                  {rule ? (
                    <Text span c="dimmed" size="sm">
                      {' '}
                      · rule {rule}
                    </Text>
                  ) : null}
                </Title>
                {firings.data && (
                  <Text size="xs" c="dimmed">
                    {formatInt(firings.data.total)} recorded
                  </Text>
                )}
              </Group>
              {firings.isPending ? (
                <Loading h={80} />
              ) : firings.isError ? (
                <ErrorState error={firings.error} what="the firings" />
              ) : (
                <FiringsTable firings={firings.data.firings} names={names} />
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <RuleFileCard hasActive={!!q.data?.ruleSet} />
        </Grid.Col>
      </Grid>
    </>
  );
}
