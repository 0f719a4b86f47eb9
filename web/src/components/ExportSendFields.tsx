// A TOR export is the send: these options say whether the control rows go into the file, whether
// the rows are recorded as the campaign's contacts (what the campaign report measures) and on which
// date; ExportSendSummary says what the finished export recorded.
import { Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import type { TorExportSend } from '../api/types.ts';
import { formatDate, formatInt } from '../lib/format.ts';

export interface SendOptions {
  includeControl: boolean;
  recordContacts: boolean;
  /** YYYY-MM-DD, or '' for the TOR's send date (else its as-of date). */
  sentAt: string;
}

export const DEFAULT_SEND: SendOptions = { includeControl: false, recordContacts: true, sentAt: '' };

/** The export body's send fields. */
export function sendBody(o: SendOptions): Record<string, unknown> {
  return {
    includeControl: o.includeControl,
    recordContacts: o.recordContacts,
    ...(o.recordContacts && o.sentAt ? { sentAt: o.sentAt } : {}),
  };
}

export function ExportSendFields({
  value,
  onChange,
  hasControl,
  errors,
  disabled,
}: {
  value: SendOptions;
  onChange: (o: SendOptions) => void;
  /** Whether the TOR holds out a control group (otherwise there are no control rows to include). */
  hasControl: boolean;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  const set = (p: Partial<SendOptions>) => onChange({ ...value, ...p });
  return (
    <Stack gap={8} data-testid="export-send">
      {hasControl && (
        <Checkbox
          label="Include control rows (flagged in the group column, for measuring outside nextbest)"
          checked={value.includeControl}
          onChange={(e) => set({ includeControl: e.currentTarget.checked })}
          disabled={disabled}
          data-testid="include-control"
        />
      )}
      <Group align="flex-end" gap="md">
        <Checkbox
          label="Record as a send (contacts of this campaign, both groups)"
          checked={value.recordContacts}
          onChange={(e) => set({ recordContacts: e.currentTarget.checked })}
          disabled={disabled}
          data-testid="record-contacts"
        />
        {value.recordContacts && (
          <TextInput
            type="date"
            size="xs"
            label="Send date (optional)"
            description="default: the TOR's send date, else its as-of date"
            value={value.sentAt}
            onChange={(e) => set({ sentAt: e.currentTarget.value })}
            error={errors.sentAt}
            disabled={disabled}
            data-testid="sent-at"
          />
        )}
      </Group>
    </Stack>
  );
}

export function ExportSendSummary({ result }: { result: TorExportSend | null }) {
  if (!result) return null;
  const c = result.contacts;
  return (
    <Stack gap={2} mt={6}>
      <Text size="sm" data-testid="export-contacts">
        {c
          ? `Recorded as a send on ${formatDate(c.sentAt)}: ` +
            `${formatInt(c.treatment)} treated and ${formatInt(c.control)} control customers.`
          : 'Not recorded as a send (no contacts).'}
      </Text>
      {result.manifest && (
        <Text size="sm" data-testid="export-manifest">
          Manifest: <span className="nb-mono">{result.manifest}</span>
        </Text>
      )}
    </Stack>
  );
}
