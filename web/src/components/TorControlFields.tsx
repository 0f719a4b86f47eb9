// The TOR form's "Control group" card: a random share of the audience held out (computed but not
// sent) so a campaign report can measure what the sends earned. Errors come keyed by the API's
// field paths (control.pct, control.seed, …) and show at their field.
import { Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import type { ControlStratify } from '../api/types.ts';
import type { ControlDraft } from './torControlDraft.ts';

const STRATA: { value: ControlStratify; label: string }[] = [
  { value: 'none', label: 'None (one random draw)' },
  { value: 'segment', label: 'Segment (exact share in each)' },
  { value: 'priority', label: 'First-priority offer (exact share per offer)' },
];

export function TorControlFields({
  value,
  onChange,
  errors,
  disabled,
  torId,
}: {
  value: ControlDraft;
  onChange: (d: ControlDraft) => void;
  errors: Record<string, string>;
  disabled?: boolean;
  /** The experiment id used when none is given (absent for a new TOR). */
  torId?: string;
}) {
  const set = (patch: Partial<ControlDraft>) => onChange({ ...value, ...patch });
  return (
    <Stack gap="md" data-testid="tor-control">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={4}>Control group</Title>
          <Text size="sm" c="dimmed" maw={640}>
            Hold out a random share of the audience: they get no send, so the campaign report can compare them with the treated customers
            and show what the campaign earned. A customer keeps their group across recomputes.
          </Text>
        </div>
        <Switch
          label="Hold out a control group"
          checked={value.on}
          onChange={(e) => set({ on: e.currentTarget.checked })}
          disabled={disabled}
          data-testid="control-switch"
        />
      </Group>
      {value.on && (
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <NumberInput
            label="Hold out % (0–50)"
            min={0}
            max={50}
            // No clamping: an out-of-range value goes to the server, which names the field and the range.
            clampBehavior="none"
            decimalScale={2}
            suffix=" %"
            value={value.pct}
            onChange={(v) => set({ pct: v === '' ? '' : Number(v) })}
            error={errors['control.pct'] ?? errors.control}
            disabled={disabled}
            data-testid="control-pct"
          />
          <TextInput
            label="Seed"
            description="a new seed draws a new split"
            value={value.seed}
            onChange={(e) => set({ seed: e.currentTarget.value })}
            error={errors['control.seed']}
            disabled={disabled}
            data-testid="control-seed"
          />
          <Select
            label="Stratify"
            description="exact control share within each group"
            data={STRATA}
            value={value.stratify}
            onChange={(v) => v && set({ stratify: v as ControlStratify })}
            allowDeselect={false}
            error={errors['control.stratify']}
            disabled={disabled}
            data-testid="control-stratify"
          />
          <TextInput
            label="Experiment id (optional)"
            description="share one id across campaigns to keep customers in one group"
            placeholder={torId ?? 'the TOR id'}
            value={value.experiment}
            onChange={(e) => set({ experiment: e.currentTarget.value })}
            error={errors['control.experiment']}
            disabled={disabled}
            data-testid="control-experiment"
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}
