// Marketer actions on promotions: build a pool from sales (best sellers, trending, new, phasing
// out), and compute each customer's list — a job followed live like a TOR compute.
import { Button, Card, Group, NumberInput, Progress, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconHammer, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { errorText, post } from '../api/client.ts';
import { useJob } from '../api/hooks.ts';
import { MECHANISMS } from '../api/promotions.ts';
import type { JobAccepted } from '../api/types.ts';
import { formatPercent } from '../lib/format.ts';

const num = (v: number | string, d: number) => (typeof v === 'number' ? v : Number(v) || d);

export function BuildPoolCard() {
  const qc = useQueryClient();
  const [counts, setCounts] = useState<Record<'bestSellers' | 'trending' | 'new' | 'phaseOut', number | string>>({
    bestSellers: 5,
    trending: 3,
    new: 2,
    phaseOut: 2,
  });
  const [perCategory, setPerCategory] = useState<number | string>(2);
  const [mechanism, setMechanism] = useState<string>('percent_off');
  const [value, setValue] = useState<number | string>(15);
  const [busy, setBusy] = useState(false);
  async function build() {
    setBusy(true);
    try {
      const r = await post<{ promotions: unknown[] }>('/v1/promotions/build', {
        bestSellers: num(counts.bestSellers, 0),
        trending: num(counts.trending, 0),
        new: num(counts.new, 0),
        phaseOut: num(counts.phaseOut, 0),
        ...(perCategory === '' ? {} : { perCategory: num(perCategory, 1) }),
        mechanism,
        ...(value === '' ? {} : { value: num(value, 0) }),
      });
      await qc.invalidateQueries({ queryKey: ['promotions'] });
      notifications.show({ color: 'teal', title: 'Pool built', message: `${r.promotions.length} promotion(s) added to the pool.` });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not build the pool', message: errorText(e) });
    } finally {
      setBusy(false);
    }
  }
  const count = (k: keyof typeof counts, label: string) => (
    <NumberInput size="xs" label={label} min={0} max={1000} value={counts[k]} onChange={(v) => setCounts((c) => ({ ...c, [k]: v }))} />
  );
  return (
    <Card withBorder padding="lg" data-testid="build-pool">
      <Title order={5} mb="xs">
        Build from sales
      </Title>
      <SimpleGrid cols={4} spacing="xs">
        {count('bestSellers', 'Best sellers')}
        {count('trending', 'Trending')}
        {count('new', 'New')}
        {count('phaseOut', 'Phasing out')}
      </SimpleGrid>
      <SimpleGrid cols={3} spacing="xs" mt="xs">
        <NumberInput size="xs" label="Per category at most" min={1} value={perCategory} onChange={setPerCategory} />
        <Select
          size="xs"
          label="Mechanism"
          data={[...MECHANISMS]}
          value={mechanism}
          onChange={(v) => v && setMechanism(v)}
          allowDeselect={false}
        />
        <NumberInput
          size="xs"
          label="Value"
          value={value}
          onChange={setValue}
          description={mechanism === 'percent_off' ? 'percent' : undefined}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
        <Button size="xs" leftSection={<IconHammer size={14} />} loading={busy} onClick={() => void build()}>
          Build
        </Button>
      </Group>
    </Card>
  );
}

export function ComputeListsCard() {
  const [perCustomer, setPerCustomer] = useState<number | string>(3);
  const [objective, setObjective] = useState('purchase');
  const [model, setModel] = useState('baseline');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJob(jobId, (j) => {
    if (j.status === 'succeeded') {
      notifications.show({ color: 'teal', title: 'Promotion lists computed', message: "Every customer's list is stored." });
    } else setError(j.error ?? j.status);
  });
  const running = !!jobId && !job.done;
  async function compute() {
    setError(null);
    try {
      const r = await post<JobAccepted>('/v1/promotions/compute', { perCustomer: num(perCustomer, 3), objective, model });
      setJobId(r.job.jobId);
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <Card withBorder padding="lg" data-testid="compute-promotions">
      <Title order={5} mb="xs">
        Compute personalised lists
      </Title>
      <SimpleGrid cols={3} spacing="xs">
        <NumberInput size="xs" label="Per customer" min={1} max={20} value={perCustomer} onChange={setPerCustomer} />
        <Select
          size="xs"
          label="Objective"
          data={[
            { value: 'purchase', label: 'Purchases' },
            { value: 'margin', label: 'Margin' },
          ]}
          value={objective}
          onChange={(v) => v && setObjective(v)}
          allowDeselect={false}
        />
        <Select
          size="xs"
          label="Scoring"
          data={['baseline', 'auto', 'propensity', 'frequency', 'popularity']}
          value={model}
          onChange={(v) => v && setModel(v)}
          allowDeselect={false}
        />
      </SimpleGrid>
      {running && (
        <Stack gap={4} mt="sm" data-testid="promotions-progress">
          <Progress value={Math.max(2, job.progress * 100)} animated aria-label="promotions compute progress" />
          <Text size="xs" c="dimmed">
            {job.stage} · {formatPercent(job.progress, { decimals: 0 })}
          </Text>
        </Stack>
      )}
      {error && (
        <Text size="sm" c="red" mt="xs">
          {error}
        </Text>
      )}
      <Group justify="flex-end" mt="sm">
        <Button
          size="xs"
          leftSection={<IconPlayerPlay size={14} />}
          loading={running}
          onClick={() => void compute()}
          data-testid="compute-lists"
        >
          Compute
        </Button>
      </Group>
    </Card>
  );
}
