// A YAML/JSON text editor for posted sources (offer maps, rule files): a monospace textarea, and
// the server's problems listed by line; clicking a problem selects its line in the text.
import { Alert, Anchor, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useRef } from 'react';
import { ApiError, errorText } from '../api/client.ts';
import { lineOffset, problemLines } from '../lib/textProblems.ts';

export function SourceEditor({
  value,
  onChange,
  error,
  disabled,
  label,
  minRows = 14,
  testId,
}: {
  value: string;
  onChange: (v: string) => void;
  error: unknown;
  disabled?: boolean;
  label: string;
  minRows?: number;
  testId?: string;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const lines = error ? problemLines(error instanceof ApiError ? error.problems : [], errorText(error)) : [];
  const header = error ? errorText(error).split('\n')[0] : '';
  const select = (line: number) => {
    const el = area.current;
    if (!el) return;
    const { start, end } = lineOffset(value, line);
    el.focus();
    el.setSelectionRange(start, end);
  };
  return (
    <Stack gap="sm">
      <Textarea
        ref={area}
        label={label}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        disabled={disabled}
        autosize
        minRows={minRows}
        maxRows={32}
        spellCheck={false}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
        data-testid={testId}
      />
      {error !== null && error !== undefined && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Not saved" data-testid={testId ? `${testId}-error` : undefined}>
          {lines.length > 1 || lines[0]?.line !== null ? (
            <>
              {header && lines.every((l) => l.text !== header) && (
                <Text size="sm" mb={4}>
                  {header}
                </Text>
              )}
              <Stack gap={2}>
                {lines.map((l, i) =>
                  l.line !== null ? (
                    <Anchor
                      key={i}
                      component="button"
                      type="button"
                      size="sm"
                      c="red.9"
                      ta="left"
                      onClick={() => select(l.line!)}
                      title="Select this line in the text"
                    >
                      {l.text}
                    </Anchor>
                  ) : (
                    <Text key={i} size="sm">
                      {l.text}
                    </Text>
                  ),
                )}
              </Stack>
            </>
          ) : (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {lines[0]?.text}
            </Text>
          )}
        </Alert>
      )}
    </Stack>
  );
}
