// A rule file to check, load or apply: the text is posted as `source` (rules.validate,
// rules.load, rules.apply); problems are listed at their line. Apply (as of a date, optionally a
// dry run) shows per rule how many fired, and who.
import { Alert, Button, Card, Checkbox, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconCheck, IconPlayerPlay, IconUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { post } from '../api/client.ts';
import { useOfferNames, useOffers } from '../api/hooks.ts';
import type { ApplyResult, RuleSummary } from '../api/rules.ts';
import { isDateText } from '../lib/dates.ts';
import { formatInt } from '../lib/format.ts';
import { ruleTemplate } from '../lib/ruleTemplate.ts';
import { useSession } from '../session.tsx';
import { Num } from './common.tsx';
import { FiringsTable } from './FiringsTable.tsx';
import { SourceEditor } from './SourceEditor.tsx';

export function RuleFileCard({ hasActive }: { hasActive: boolean }) {
  const canWrite = useSession().may('write');
  const qc = useQueryClient();
  const offers = useOffers();
  const names = useOfferNames();
  const [source, setSource] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [checked, setChecked] = useState<RuleSummary[] | null>(null);
  const [busy, setBusy] = useState<null | 'validate' | 'load' | 'apply'>(null);
  const [what, setWhat] = useState<'text' | 'loaded'>('text');
  const [asOf, setAsOf] = useState('');
  const [dryRun, setDryRun] = useState(true);
  const [applied, setApplied] = useState<ApplyResult | null>(null);
  useEffect(() => {
    // The template names the best-selling offer, so it validates as it stands.
    if (!source && offers.data) {
      const best = [...offers.data.list].sort((a, b) => (b.revenue ?? 0) - (a.revenue ?? 0))[0];
      setSource(ruleTemplate(best?.offerId ?? null));
    }
  }, [source, offers.data]);

  async function run<T>(kind: 'validate' | 'load' | 'apply', path: string, body: Record<string, unknown>, then: (r: T) => void) {
    setBusy(kind);
    setError(null);
    try {
      then(await post<T>(path, body));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }
  const text = { source, fileLabel: 'rules.yaml' };
  const validate = () => run<{ rules: RuleSummary[] }>('validate', '/v1/rules/validate', text, (r) => setChecked(r.rules));
  const load = () =>
    run<{ rules: RuleSummary[] }>('load', '/v1/rules/sets', text, (r) => {
      setChecked(r.rules);
      void qc.invalidateQueries({ queryKey: ['rules'] });
      const message = `${r.rules.length} rule(s) are now active (apply, and real time on every ingest).`;
      notifications.show({ color: 'teal', title: 'Rules loaded', message });
    });
  const apply = () =>
    run<ApplyResult>(
      'apply',
      '/v1/rules/apply',
      {
        ...(what === 'text' ? text : {}),
        dryRun,
        limit: 25,
        ...(isDateText(asOf.trim()) ? { asOf: asOf.trim() } : {}),
      },
      (r) => {
        setApplied(r);
        if (!r.dryRun) void qc.invalidateQueries({ queryKey: ['rules'] });
      },
    );

  return (
    <Card withBorder padding="lg" data-testid="rule-file">
      <Title order={4}>Rule file</Title>
      <Text size="sm" c="dimmed" mb="sm">
        YAML or JSON (docs/rules.md). Validate checks offers, scopes and audiences against this store.
      </Text>
      <Stack gap="sm">
        <SourceEditor
          label="Rules"
          value={source}
          onChange={(v) => {
            setSource(v);
            setChecked(null);
          }}
          error={error}
          testId="rule-source"
          minRows={10}
        />
        {checked && !error && (
          <Alert color="teal" icon={<IconCheck size={18} />} data-testid="rules-valid">
            Valid:{' '}
            {checked.map((r) => `${r.id} (${r.trigger} → ${names.get(r.offer) ?? r.offer}${r.enabled ? '' : ', disabled'})`).join(' · ')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            variant="default"
            leftSection={<IconCheck size={16} />}
            loading={busy === 'validate'}
            disabled={!source.trim() || !!busy}
            onClick={() => void validate()}
            data-testid="validate-rules"
          >
            Validate
          </Button>
          {canWrite && (
            <Button
              leftSection={<IconUpload size={16} />}
              loading={busy === 'load'}
              disabled={!source.trim() || !!busy}
              onClick={() => void load()}
              data-testid="load-rules"
            >
              Load as active set
            </Button>
          )}
        </Group>
        {canWrite && (
          <Card withBorder padding="sm" bg="var(--mantine-color-gray-0)">
            <Group align="flex-end" gap="sm">
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  Apply
                </Text>
                <SegmentedControl
                  size="xs"
                  value={what}
                  onChange={(v) => setWhat(v as 'text' | 'loaded')}
                  data={[
                    { value: 'text', label: 'the text above' },
                    { value: 'loaded', label: 'the loaded set', disabled: !hasActive },
                  ]}
                />
              </Stack>
              <TextInput
                size="xs"
                label="As of"
                placeholder="latest data"
                value={asOf}
                w={130}
                onChange={(e) => setAsOf(e.currentTarget.value)}
                error={asOf.trim() && !isDateText(asOf.trim()) ? 'YYYY-MM-DD' : undefined}
              />
              <Checkbox label="Dry run (record nothing)" checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} mb={6} />
              <Button
                size="xs"
                leftSection={<IconPlayerPlay size={14} />}
                loading={busy === 'apply'}
                disabled={!!busy}
                onClick={() => void apply()}
                data-testid="apply-rules"
              >
                Apply
              </Button>
            </Group>
          </Card>
        )}
        {applied && <ApplyOutcome result={applied} names={names} />}
      </Stack>
    </Card>
  );
}

function ApplyOutcome({ result, names }: { result: ApplyResult; names: Map<string, string> }) {
  return (
    <Stack gap="xs" data-testid="apply-result">
      <Text size="sm" fw={600}>
        {result.dryRun ? 'Would fire' : 'Fired and recorded'}: {formatInt(result.fired)} as of {result.asOf}
      </Text>
      <Table verticalSpacing={3} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Offer</Table.Th>
            <Table.Th ta="right">Fired</Table.Th>
            <Table.Th>Held back</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.rules.map((r) => (
            <Table.Tr key={r.rule}>
              <Table.Td className="nb-mono">{r.rule}</Table.Td>
              <Table.Td>{names.get(r.offer) ?? r.offer}</Table.Td>
              <Table.Td>
                <Num>{formatInt(r.fired)}</Num>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {r.skipped ?? '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {result.firings.length > 0 && <FiringsTable firings={result.firings} names={names} />}
      {result.fired > result.firings.length && (
        <Text size="xs" c="dimmed">
          First {result.firings.length} of {formatInt(result.fired)} shown.
        </Text>
      )}
    </Stack>
  );
}
