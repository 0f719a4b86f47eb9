// Loyalty programme settings: favourite cells per member, auto-fill, the member's lock; run the
// auto-fill now, and write personal offers (from a TOR's results or from recommendations). A
// member's own view is on their customer page.
import { Alert, Button, Card, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconDeviceFloppy, IconWand } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { errorText, patch, post } from '../api/client.ts';
import { useOffers, useTors } from '../api/hooks.ts';
import { useLoyaltySettings, type LoyaltySettings } from '../api/loyalty.ts';
import { ErrorState, Loading, PageHeader } from '../components/common.tsx';
import { formatInt } from '../lib/format.ts';
import { useSession } from '../session.tsx';

export function LoyaltyPage() {
  const q = useLoyaltySettings();
  const canWrite = useSession().may('write');
  return (
    <>
      <PageHeader
        title="Loyalty"
        description="The programme's favourite-product cells and personal offers. Each member's cells are on their customer page."
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder padding="lg" data-testid="loyalty-settings">
          <Title order={4} mb="sm">
            Settings
          </Title>
          {q.isPending ? (
            <Loading h={80} />
          ) : q.isError ? (
            <ErrorState error={q.error} retry={() => q.refetch()} what="the loyalty settings" />
          ) : (
            <SettingsForm key={JSON.stringify(q.data)} initial={q.data} disabled={!canWrite} />
          )}
        </Card>
        {canWrite && (
          <Stack gap="md">
            <AutofillCard />
            <PersonalOffersCard />
          </Stack>
        )}
      </SimpleGrid>
    </>
  );
}

function SettingsForm({ initial, disabled }: { initial: LoyaltySettings; disabled: boolean }) {
  const qc = useQueryClient();
  const [cells, setCells] = useState<number | string>(initial.cells);
  const [lockDays, setLockDays] = useState<number | string>(initial.lockDays);
  const [autofill, setAutofill] = useState(initial.autofill);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(null), [cells, lockDays, autofill]);
  async function save() {
    setBusy(true);
    try {
      await patch('/v1/loyalty/settings', { cells: Number(cells), lockDays: Number(lockDays), autofill });
      await qc.invalidateQueries({ queryKey: ['loyalty'] });
      notifications.show({ color: 'teal', title: 'Loyalty settings saved', message: `${cells} cells per member` });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack gap="sm">
      <Group grow>
        <NumberInput label="Favourite cells per member" min={1} value={cells} onChange={setCells} disabled={disabled} />
        <NumberInput
          label="Member's pick locked for (days)"
          min={0}
          max={366}
          value={lockDays}
          onChange={setLockDays}
          disabled={disabled}
        />
      </Group>
      <Switch
        label="Auto-fill empty cells from last month's purchases, else recommendations"
        checked={autofill}
        onChange={(e) => setAutofill(e.currentTarget.checked)}
        disabled={disabled}
      />
      {error && (
        <Text size="sm" c="red">
          {error}
        </Text>
      )}
      {!disabled && (
        <Group justify="flex-end">
          <Button leftSection={<IconDeviceFloppy size={16} />} loading={busy} onClick={() => void save()}>
            Save settings
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function AutofillCard() {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  type Summary = { members: number; fromPurchases: number; fromRecommendations: number; stillEmpty: number };
  const [result, setResult] = useState<Summary | null>(null);
  async function run() {
    setBusy(true);
    try {
      setResult(await post('/v1/loyalty/autofill', {}));
      await qc.invalidateQueries({ queryKey: ['loyalty'] });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Auto-fill failed', message: errorText(e) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card withBorder padding="lg">
      <Title order={5} mb={4}>
        Auto-fill now
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Fills members' open cells (and earlier auto-filled ones) effective today.
      </Text>
      {result && (
        <Alert color="teal" mb="sm">
          {formatInt(result.members)} members: {formatInt(result.fromPurchases)} cells from purchases,{' '}
          {formatInt(result.fromRecommendations)} from recommendations, {formatInt(result.stillEmpty)} still empty.
        </Alert>
      )}
      <Button leftSection={<IconWand size={16} />} loading={busy} onClick={() => void run()} variant="light">
        Auto-fill
      </Button>
    </Card>
  );
}

/** Personal offers written by the engine: a TOR's assignments, or one offer with each member's recommended products. */
function PersonalOffersCard() {
  const tors = useTors();
  const offers = useOffers();
  const ready = (tors.data ?? []).filter((t) => t.status === 'ready' || t.status === 'exported');
  const [from, setFrom] = useState<'tor' | 'recs'>('tor');
  const [torId, setTorId] = useState<string | null>(null);
  const [offerId, setOfferId] = useState<string | null>(null);
  const [top, setTop] = useState<number | string>(5);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  async function run() {
    setBusy(true);
    setResult(null);
    try {
      const body = from === 'tor' ? { torId } : { offerId, top: Number(top) || 5 };
      const r = await post<{ rows: number; customers: number; offers: number }>('/v1/loyalty/personal-offers/from-engine', body);
      setResult(`${formatInt(r.rows)} personal offers for ${formatInt(r.customers)} members (${r.offers} offers).`);
    } catch (e) {
      setResult(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb={4}>
        <Title order={5}>Personal offers</Title>
        <SegmentedControl
          size="xs"
          value={from}
          onChange={(v) => setFrom(v as 'tor' | 'recs')}
          data={[
            { value: 'tor', label: 'from a TOR' },
            { value: 'recs', label: 'from recommendations' },
          ]}
        />
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {from === 'tor'
          ? "Each member's assigned offers become their personal offers."
          : 'One offer for every member, on the products recommended to each.'}
      </Text>
      <Group align="flex-end">
        {from === 'tor' ? (
          <Select
            label="TOR"
            data={ready.map((t) => ({ value: t.torId, label: t.name }))}
            value={torId}
            onChange={setTorId}
            w={260}
            placeholder={ready.length ? 'a computed TOR' : 'no computed TOR'}
          />
        ) : (
          <>
            <Select
              label="Offer"
              data={(offers.data?.list ?? []).map((o) => ({ value: o.offerId, label: o.name }))}
              value={offerId}
              onChange={setOfferId}
              searchable
              w={220}
            />
            <NumberInput label="Products per member" min={1} max={100} value={top} onChange={setTop} w={150} />
          </>
        )}
        <Button disabled={from === 'tor' ? !torId : !offerId} loading={busy} onClick={() => void run()} variant="light">
          Write
        </Button>
      </Group>
      {result && (
        <Text size="sm" mt="xs">
          {result}
        </Text>
      )}
    </Card>
  );
}
