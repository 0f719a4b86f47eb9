// The TOR editor: name, objective, scoring, offers per customer, audience (live count), offers
// chosen by hand or by an automatic rule, volume limits. Creates (POST /v1/tors) or edits
// (PATCH /v1/tors/:id); "Save and compute" starts the compute job.
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Breadcrumbs,
  Button,
  Card,
  Collapse,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconAdjustments, IconChevronDown, IconChevronRight, IconPlayerPlay, IconSparkles } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { ApiError, errorText, patch, post } from '../api/client.ts';
import { useCurrency, useHierarchy, useOfferNames } from '../api/hooks.ts';
import { useOfferMaps } from '../api/offerMaps.ts';
import type { AutoRule, AutoSelectPreview, JobAccepted, Objective, Tor, TorLimits } from '../api/types.ts';
import type { CountState } from '../lib/audience.ts';
import { AudienceField } from './AudienceField.tsx';
import { OfferName } from './common.tsx';
import { InsightCells, InsightHeaders, MAX_OFFERS, OfferPicker, useInsightMap } from './OfferPicker.tsx';
import { TorControlFields } from './TorControlFields.tsx';
import { controlBody, controlChange, controlDraftFrom } from './torControlDraft.ts';

const OBJECTIVES: { value: Objective; label: string; about: string }[] = [
  { value: 'purchase', label: 'Purchases', about: 'the most likely purchases' },
  { value: 'revenue', label: 'Revenue', about: 'expected revenue: likelihood × spend' },
  { value: 'acquisition', label: 'New buyers', about: 'customers who never bought the offer' },
  { value: 'margin', label: 'Margin', about: 'expected margin (needs offer costs)' },
  { value: 'uplift', label: 'Uplift', about: 'incremental revenue (uplift; learns from past control groups)' },
];

const MODELS = [
  { value: 'auto', label: 'Auto (the best model by backtest on your history)' },
  { value: 'baseline', label: 'Affinity (transparent baseline)' },
  { value: 'propensity', label: 'Propensity model (learned, with prediction quality)' },
  { value: 'frequency', label: 'Purchase frequency' },
  { value: 'popularity', label: 'Popularity' },
];

const RULES: { value: AutoRule; label: string }[] = [
  { value: 'top-revenue', label: 'Top revenue' },
  { value: 'top-niche', label: 'Top niche' },
  { value: 'low-velocity', label: 'Low velocity (to revive)' },
  { value: 'top-aov', label: 'Top average order value' },
];

const WINDOWS = [
  { value: '30d', label: 'last 30 days' },
  { value: '90d', label: 'last 90 days' },
  { value: '365d', label: 'last 365 days' },
  { value: 'all', label: 'all history' },
];

interface LimitDraft {
  min: number | '';
  max: number | '';
}

export function TorForm({
  tor,
  onSaved,
  onComputeStarted,
  disabled,
}: {
  tor?: Tor;
  onSaved: (tor: Tor) => void;
  onComputeStarted?: (tor: Tor, jobId: string) => void;
  disabled?: boolean;
}) {
  const editing = !!tor;
  const hierarchy = useHierarchy();
  const names = useOfferNames();
  const currency = useCurrency();
  const [name, setName] = useState(tor?.name ?? '');
  const [objective, setObjective] = useState<Objective>(tor?.settings.objective ?? 'purchase');
  const [model, setModel] = useState(tor?.settings.model ?? 'auto');
  const [perCustomer, setPerCustomer] = useState(String(tor?.settings.perCustomer ?? 3));
  const [audience, setAudience] = useState(tor?.settings.audience ?? '');
  const [audienceState, setAudienceState] = useState<CountState>({ kind: 'idle' });
  const [offerMap, setOfferMap] = useState<string>(tor?.settings.offerMap ?? '');
  const maps = useOfferMaps();
  const sel = tor?.settings.selection;
  const [mode, setMode] = useState<'manual' | 'auto'>(sel?.mode === 'auto' ? 'auto' : editing ? 'manual' : 'auto');
  const [offers, setOffers] = useState<string[]>(tor?.offers ?? []);
  const [rule, setRule] = useState<AutoRule>(sel?.mode === 'auto' ? sel.rule : 'top-revenue');
  const [count, setCount] = useState<number | string>(sel?.mode === 'auto' ? sel.count : 8);
  const [window, setWindow] = useState(sel?.mode === 'auto' ? sel.window : '30d');
  const [type, setType] = useState<string | null>(sel?.mode === 'auto' ? (sel.type ?? null) : null);
  const [limits, setLimits] = useState<Record<string, LimitDraft>>(() => limitDrafts(tor?.settings.limits));
  const [showLimits, setShowLimits] = useState(Object.keys(limitDrafts(tor?.settings.limits)).length > 0);
  const [control, setControl] = useState(() => controlDraftFrom(tor?.settings.control));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'compute'>(null);
  // An auto TOR being edited keeps its rule; changing it means picking offers by hand (the API edits offers, not rules).
  const autoLocked = editing && sel?.mode === 'auto';

  const countN = typeof count === 'number' ? count : Number(count) || 0;
  // Only top revenue takes any window; the other indicators compare 30-day windows.
  const windowUsed = rule === 'top-revenue' ? window : '30d';
  const [previewKey] = useDebouncedValue(JSON.stringify({ rule, count: countN, window: windowUsed, type }), 300);
  const preview = useQuery({
    queryKey: ['auto-select', previewKey],
    enabled: mode === 'auto' && countN >= 1 && countN <= MAX_OFFERS,
    queryFn: () => {
      const p = JSON.parse(previewKey) as { rule: AutoRule; count: number; window: string; type: string | null };
      return post<AutoSelectPreview>('/v1/offers/auto-select', {
        rule: p.rule,
        count: p.count,
        window: p.window,
        ...(p.type ? { type: p.type } : {}),
      });
    },
    staleTime: 60_000,
    placeholderData: (prev) => prev,
  });
  const chosen =
    mode === 'auto'
      ? autoLocked && !previewTouched(sel, rule, countN, windowUsed, type)
        ? tor!.offers
        : (preview.data?.offerIds ?? [])
      : offers;
  const autoInsights = useInsightMap(mode === 'auto' ? chosen : [], mode === 'auto');

  const typeChain = useMemo(() => (type ? hierarchy.slice(0, hierarchy.indexOf(type) + 1) : []), [type, hierarchy]);

  function validate(): Record<string, string> {
    const e: Record<string, string> = {};
    if (!name.trim()) e.name = 'Give the TOR a name';
    if (mode === 'manual' && offers.length === 0) e.offers = 'Select at least one offer';
    if (mode === 'auto' && (countN < 1 || countN > MAX_OFFERS)) e.count = `Between 1 and ${MAX_OFFERS}`;
    for (const [id, l] of Object.entries(limits))
      if (l.min !== '' && l.max !== '' && l.min > l.max) e[`limit:${id}`] = 'minimum above maximum';
    if (audienceState.kind === 'invalid') e.audience = 'Fix the audience filter first';
    if (control.on && control.pct === '') e['control.pct'] = 'Give the share to hold out, 0 to 50 %';
    return e;
  }

  function limitsBody(): TorLimits | undefined {
    const min: Record<string, number> = {},
      max: Record<string, number> = {};
    for (const [id, l] of Object.entries(limits)) {
      if (!chosen.includes(id)) continue;
      if (l.min !== '') min[id] = l.min;
      if (l.max !== '') max[id] = l.max;
    }
    if (!Object.keys(min).length && !Object.keys(max).length) return editing ? undefined : undefined;
    return { ...(Object.keys(min).length ? { min } : {}), ...(Object.keys(max).length ? { max } : {}) };
  }

  async function submit(andCompute: boolean) {
    const v = validate();
    setErrors(v);
    setFormError(null);
    if (Object.keys(v).length) return;
    setBusy(andCompute ? 'compute' : 'save');
    try {
      const settings = {
        objective,
        model,
        perCustomer: Number(perCustomer),
        audience: audience.trim() || null,
        ...(limitsBody() ? { limits: limitsBody() } : {}),
        ...(offerMap ? { offerMap } : {}),
        ...(control.on ? { control: controlBody(control) } : {}),
      };
      let saved: Tor;
      if (!editing) {
        saved = await post<Tor>('/v1/tors', {
          name: name.trim(),
          ...settings,
          ...(mode === 'auto' ? { auto: { rule, count: countN, window: windowUsed, ...(type ? { type } : {}) } } : { offers }),
        });
      } else {
        const body: Record<string, unknown> = { name: name.trim() !== tor!.name ? name.trim() : undefined };
        if (objective !== tor!.settings.objective) body.objective = objective;
        if (model !== tor!.settings.model) body.model = model;
        if (Number(perCustomer) !== tor!.settings.perCustomer) body.perCustomer = Number(perCustomer);
        if ((audience.trim() || null) !== (tor!.settings.audience ?? null)) body.audience = audience.trim() || null;
        if ((offerMap || null) !== (tor!.settings.offerMap ?? null)) body.offerMap = offerMap || null;
        const limitsPatch = limitsChange(tor!.settings.limits, settings.limits);
        if (limitsPatch) body.limits = limitsPatch;
        const controlPatch = controlChange(tor!.settings.control, control);
        if (controlPatch !== undefined) body.control = controlPatch;
        if (mode === 'manual' && JSON.stringify(offers) !== JSON.stringify(tor!.offers)) body.offers = offers;
        // A new or changed rule: the server re-selects the offers and the TOR stays automatic.
        if (mode === 'auto' && (!autoLocked || previewTouched(sel, rule, countN, windowUsed, type))) {
          body.auto = { rule, count: countN, window: windowUsed, ...(type ? { type } : {}) };
        }
        const changed = Object.entries(body).filter(([, x]) => x !== undefined);
        saved = changed.length ? await patch<Tor>(`/v1/tors/${encodeURIComponent(tor!.torId)}`, Object.fromEntries(changed)) : tor!;
      }
      if (andCompute) {
        const r = await post<JobAccepted>(`/v1/tors/${encodeURIComponent(saved.torId)}/compute`, {});
        onComputeStarted?.(saved, r.job.jobId);
      }
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.details.length) {
        const fe: Record<string, string> = {};
        for (const d of e.details) {
          // Keyed by the top field and by the full path, so nested fields (control.pct) show at their input.
          const path = d.field.replace(/^body\./, '');
          fe[path.split('.')[0]] = fe[path] = d.problem;
        }
        setErrors(fe);
        setFormError(e.message);
      } else if (e instanceof ApiError && /^audience:/.test(e.message)) {
        setErrors({ audience: e.message });
      } else {
        setFormError(errorText(e));
      }
    } finally {
      setBusy(null);
    }
  }

  const setLimit = (id: string, key: 'min' | 'max', v: number | string) =>
    setLimits((l) => ({ ...l, [id]: { ...(l[id] ?? { min: '', max: '' }), [key]: v === '' ? '' : Number(v) } }));

  return (
    <Stack gap="lg" data-testid="tor-form">
      <Card withBorder padding="lg">
        <Title order={4} mb="md">
          Campaign
        </Title>
        <Stack gap="md">
          <TextInput
            label="Name"
            placeholder="e.g. Spring mailing — loyal customers"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            disabled={disabled}
            required
            maw={520}
            data-testid="tor-name-input"
          />
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Objective
            </Text>
            <SegmentedControl
              value={objective}
              onChange={(v) => setObjective(v as Objective)}
              data={OBJECTIVES.map((o) => ({ value: o.value, label: o.label }))}
              disabled={disabled}
              maw={560}
            />
            <Text size="xs" c="dimmed">
              Maximise {OBJECTIVES.find((o) => o.value === objective)?.about}.
            </Text>
            {errors.objective && (
              <Text size="xs" c="red">
                {errors.objective}
              </Text>
            )}
          </Stack>
          <SimpleGrid cols={2} maw={760}>
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                Offers per customer
              </Text>
              <SegmentedControl
                value={perCustomer}
                onChange={setPerCustomer}
                data={['1', '2', '3', '4']}
                disabled={disabled}
                aria-label="Offers per customer"
              />
              <Text size="xs" c="dimmed">
                Each customer gets this many offers, by priority.
              </Text>
            </Stack>
            <Select
              label="Scoring"
              data={MODELS}
              value={model}
              onChange={(v) => v && setModel(v)}
              disabled={disabled}
              allowDeselect={false}
              error={errors.model}
            />
            <Select
              label="Segment → offer map"
              data={[{ value: '', label: 'None (the model alone)' }, ...(maps.data ?? []).map((m) => ({ value: m.id, label: m.name }))]}
              value={offerMap}
              onChange={(v) => setOfferMap(v ?? '')}
              disabled={disabled}
              allowDeselect={false}
              error={errors.offerMap}
              data-testid="tor-offer-map"
              description={
                <>
                  Allow, push or forbid offers per segment (
                  <Anchor href="#/maps" size="xs">
                    maps
                  </Anchor>
                  )
                </>
              }
            />
          </SimpleGrid>
        </Stack>
      </Card>

      <Card withBorder padding="lg">
        <Title order={4} mb="md">
          Audience
        </Title>
        <AudienceField
          value={audience}
          onChange={setAudience}
          asOf={tor?.settings.asOf}
          knownTotal={tor?.stats?.addressable ?? null}
          disabled={disabled}
          onState={setAudienceState}
        />
        {errors.audience && audienceState.kind !== 'invalid' && (
          <Text size="sm" c="red">
            {errors.audience}
          </Text>
        )}
      </Card>

      <Card withBorder padding="lg">
        <Group justify="space-between" mb="md">
          <Title order={4}>Offers</Title>
          <SegmentedControl
            value={mode}
            onChange={(v) => setMode(v as 'manual' | 'auto')}
            disabled={disabled}
            data={[
              { value: 'auto', label: 'Automatic selection' },
              { value: 'manual', label: 'Choose by hand' },
            ]}
            data-testid="selection-mode"
          />
        </Group>
        {mode === 'manual' ? (
          <>
            <OfferPicker selected={offers} onChange={setOffers} names={names} disabled={disabled} />
            {errors.offers && (
              <Text size="sm" c="red" mt="xs">
                {errors.offers}
              </Text>
            )}
          </>
        ) : (
          <Stack gap="md">
            {autoLocked && (
              <Alert color="blue" variant="light" icon={<IconSparkles size={18} />}>
                This TOR picks its offers by rule ({sel?.mode === 'auto' ? `${sel.rule} × ${sel.count}` : ''}). Changing the rule below
                re-selects the offers by the new rule when you save.
              </Alert>
            )}
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              <Select
                label="Indicator"
                data={RULES}
                value={rule}
                onChange={(v) => v && setRule(v as AutoRule)}
                allowDeselect={false}
                disabled={disabled}
                data-testid="auto-rule"
              />
              <NumberInput
                label="How many offers"
                min={1}
                max={MAX_OFFERS}
                value={count}
                onChange={setCount}
                error={errors.count}
                disabled={disabled}
                data-testid="auto-count"
              />
              <Select
                label="Measured over"
                data={WINDOWS}
                value={rule === 'top-revenue' ? window : '30d'}
                onChange={(v) => v && setWindow(v)}
                allowDeselect={false}
                disabled={disabled || rule !== 'top-revenue'}
                description={rule === 'top-revenue' ? undefined : 'this indicator compares 30-day windows'}
              />
              <Select
                label="Offer type"
                placeholder="any level"
                data={hierarchy.map((h) => ({ value: h, label: h }))}
                value={type}
                onChange={setType}
                clearable
                disabled={disabled}
                description={undefined}
                data-testid="auto-type"
              />
            </SimpleGrid>
            {typeChain.length > 0 && (
              <Group gap={6}>
                <Text size="xs" c="dimmed">
                  Hierarchy:
                </Text>
                <Breadcrumbs separator="›" separatorMargin={4}>
                  {typeChain.map((h, i) => (
                    <Badge key={h} size="sm" variant={i === typeChain.length - 1 ? 'filled' : 'light'}>
                      {h}
                    </Badge>
                  ))}
                </Breadcrumbs>
                <Text size="xs" c="dimmed">
                  each {type} offer covers its {typeChain.slice(0, -1).join(' and ') || 'own'} context
                </Text>
              </Group>
            )}
            <Box>
              <Group gap={8} mb={6}>
                <Text size="sm" fw={500}>
                  Offers this rule picks now
                </Text>
                <Text size="xs" c="dimmed">
                  {RULES.find((r) => r.value === rule)?.label.toLowerCase()}, measured over{' '}
                  {WINDOWS.find((w) => w.value === windowUsed)?.label}
                  {type ? `, ${type} offers only` : ''}
                </Text>
              </Group>
              {preview.isError ? (
                <Text size="sm" c="red">
                  {errorText(preview.error)}
                </Text>
              ) : (
                <Table verticalSpacing={6} data-testid="auto-preview">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={40}>#</Table.Th>
                      <Table.Th>Offer</Table.Th>
                      <InsightHeaders />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.isPending && (
                      <Table.Tr>
                        <Table.Td colSpan={6}>
                          <Text size="sm" c="dimmed">
                            Picking offers…
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    )}
                    {chosen.map((id, i) => (
                      <Table.Tr key={id} data-offer-row>
                        <Table.Td>
                          <Text size="sm" c="dimmed">
                            {i + 1}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <OfferName offerId={id} name={names.get(id)} />
                        </Table.Td>
                        <InsightCells insight={autoInsights.map.get(id)} loading={autoInsights.loading} currency={currency} />
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Box>
          </Stack>
        )}
      </Card>

      <Card withBorder padding="lg">
        <Anchor component="button" type="button" onClick={() => setShowLimits((s) => !s)} c="dark" aria-expanded={showLimits}>
          <Group gap={6}>
            {showLimits ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
            <IconAdjustments size={18} />
            <Title order={4}>Volume limits</Title>
            <Text size="sm" c="dimmed">
              optional: at least / at most so many customers per offer
            </Text>
          </Group>
        </Anchor>
        <Collapse expanded={showLimits}>
          {chosen.length === 0 ? (
            <Text size="sm" c="dimmed" mt="md">
              Select offers first.
            </Text>
          ) : (
            <Table mt="md" verticalSpacing={4} maw={640} data-testid="limits">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Offer</Table.Th>
                  <Table.Th>At least</Table.Th>
                  <Table.Th>At most</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {chosen.map((id) => (
                  <Table.Tr key={id}>
                    <Table.Td>
                      <OfferName offerId={id} name={names.get(id)} withContext={false} />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        size="xs"
                        min={0}
                        thousandSeparator=","
                        placeholder="no minimum"
                        value={limits[id]?.min ?? ''}
                        onChange={(v) => setLimit(id, 'min', v)}
                        disabled={disabled}
                        aria-label={`Minimum customers for ${id}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        size="xs"
                        min={0}
                        thousandSeparator=","
                        placeholder="no maximum"
                        value={limits[id]?.max ?? ''}
                        onChange={(v) => setLimit(id, 'max', v)}
                        disabled={disabled}
                        error={errors[`limit:${id}`]}
                        aria-label={`Maximum customers for ${id}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Collapse>
      </Card>

      <Card withBorder padding="lg">
        <TorControlFields value={control} onChange={setControl} errors={errors} disabled={disabled} torId={tor?.torId} />
      </Card>

      {formError && (
        <Alert color="red" title="Not saved">
          {formError}
        </Alert>
      )}
      {!disabled && (
        <Group justify="flex-end" pb="xl">
          {editing && (
            <Button variant="default" component="a" href={`#/tors/${encodeURIComponent(tor!.torId)}`}>
              Cancel
            </Button>
          )}
          <Button variant="default" onClick={() => void submit(false)} loading={busy === 'save'} disabled={!!busy} data-testid="save-tor">
            {editing ? 'Save changes' : 'Save as draft'}
          </Button>
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            onClick={() => void submit(true)}
            loading={busy === 'compute'}
            disabled={!!busy}
            data-testid="save-compute"
          >
            {editing ? 'Save and compute' : 'Create and compute'}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function limitDrafts(l: TorLimits | undefined): Record<string, LimitDraft> {
  const out: Record<string, LimitDraft> = {};
  for (const [id, n] of Object.entries(l?.min ?? {})) out[id] = { ...(out[id] ?? { min: '', max: '' }), min: n };
  for (const [id, n] of Object.entries(l?.max ?? {})) out[id] = { ...(out[id] ?? { min: '', max: '' }), max: n };
  return out;
}

function previewTouched(sel: Tor['settings']['selection'], rule: string, count: number, window: string, type: string | null): boolean {
  if (!sel || sel.mode !== 'auto') return true;
  return sel.rule !== rule || sel.count !== count || sel.window !== window || (sel.type ?? null) !== type;
}

/**
 * The PATCH body for volume limits: new or changed values, and null for each limit removed (the
 * server merges limits onto the current ones, so a removal must be said). Undefined when unchanged.
 */
function limitsChange(
  before: TorLimits | undefined,
  after: TorLimits | undefined,
): Record<string, Record<string, number | null>> | undefined {
  const out: Record<string, Record<string, number | null>> = {};
  for (const k of ['min', 'max'] as const) {
    const b = before?.[k] ?? {},
      a = after?.[k] ?? {};
    const part: Record<string, number | null> = {};
    for (const [id, v] of Object.entries(a)) if (b[id] !== v) part[id] = v;
    for (const id of Object.keys(b)) if (!(id in a)) part[id] = null;
    if (Object.keys(part).length) out[k] = part;
  }
  return Object.keys(out).length ? out : undefined;
}
