// How a report is read: the attribution window (14d, 4w…), first or last touch, after how many days
// without a purchase a customer counts as churned, and (for a campaign that does not record its
// split, e.g. an imported file) the planned control share the sample-ratio check compares with. Typed values are applied after a pause, so
// the report is not recomputed on every key; the server checks them and its reasons show here.
import { Group, Input, NumberInput, SegmentedControl, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { Attribution, ReportSettings } from '../../api/campaigns.ts';

export function ReportControls({
  settings,
  onChange,
  errors,
  askControl,
}: {
  settings: ReportSettings;
  onChange: (s: ReportSettings) => void;
  errors: { window?: string | null; churnDays?: string | null; controlPct?: string | null };
  askControl: boolean;
}) {
  const [windowText, setWindowText] = useState(settings.window);
  const [churnText, setChurnText] = useState<string | number>(settings.churnDays);
  useEffect(() => setWindowText(settings.window), [settings.window]);
  useEffect(() => setChurnText(settings.churnDays), [settings.churnDays]);
  const [controlText, setControlText] = useState<string | number>(settings.controlPct ?? '');
  useEffect(() => setControlText(settings.controlPct ?? ''), [settings.controlPct]);
  const applyWindow = useDebouncedCallback((w: string) => {
    if (w.trim()) onChange({ ...settings, window: w.trim() });
  }, 500);
  const applyChurn = useDebouncedCallback((v: string | number) => {
    const n = typeof v === 'number' ? v : Number(v);
    if (Number.isInteger(n) && n > 0) onChange({ ...settings, churnDays: n });
  }, 500);
  const applyControl = useDebouncedCallback((v: string | number) => {
    const n = v === '' ? null : Number(v);
    if (n === null || (n > 0 && n <= 50)) onChange({ ...settings, controlPct: n });
  }, 500);
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap" data-testid="report-controls">
      <TextInput
        size="sm"
        w={110}
        label="Window"
        value={windowText}
        onChange={(e) => {
          setWindowText(e.currentTarget.value);
          applyWindow(e.currentTarget.value);
        }}
        error={errors.window ?? undefined}
        data-testid="report-window"
      />
      <Input.Wrapper label="Attribution" size="sm">
        <SegmentedControl
          size="sm"
          display="flex"
          value={settings.attribution}
          onChange={(v) => onChange({ ...settings, attribution: v as Attribution })}
          data={[
            { value: 'last', label: 'Last touch' },
            { value: 'first', label: 'First touch' },
          ]}
          aria-label="Attribution"
          data-testid="report-attribution"
        />
      </Input.Wrapper>
      <NumberInput
        size="sm"
        w={120}
        label="Churn (days)"
        min={1}
        allowDecimal={false}
        value={churnText}
        onChange={(v) => {
          setChurnText(v);
          applyChurn(v);
        }}
        error={errors.churnDays ?? undefined}
        data-testid="report-churn-days"
      />
      {askControl && (
        <NumberInput
          size="sm"
          w={110}
          label="Control %"
          placeholder="planned"
          min={1}
          max={50}
          value={controlText}
          onChange={(v) => {
            setControlText(v);
            applyControl(v);
          }}
          error={errors.controlPct ?? undefined}
          data-testid="report-control-pct"
        />
      )}
    </Group>
  );
}
