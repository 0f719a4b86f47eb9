// The audience filter: an expression with a live "N of M customers" count (debounced, latest
// answer only) and the error pointed at its column.
import { Anchor, Box, Group, Loader, Popover, Progress, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconAlertCircle, IconUsers } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { ApiError, post } from '../api/client.ts';
import type { AudienceCountAnswer } from '../api/types.ts';
import { AudienceCounter, audienceMessage, markAtColumn, type CountState } from '../lib/audience.ts';
import { formatInt, formatPercent } from '../lib/format.ts';

const FIELDS: [string, string][] = [
  ['recency_days', 'days since the last purchase'],
  ['frequency', 'distinct orders'],
  ['monetary', 'total net spend'],
  ['aov', 'average order value'],
  ['tenure_days', 'days since the first purchase'],
  ['clv_tier', "'low', 'mid' or 'high'"],
  ['segment', 'RFM segment name'],
  ['is_member', 'loyalty member (true/false)'],
  ['dormancy_ratio', 'days since the last purchase ÷ own cycle; > 1 = overdue'],
  ['purchase_cycle_days', "median days between the customer's orders"],
  ['monetary_pct, frequency_pct', 'percent rank among buyers, 0–1'],
  ['events_30d, engagement_pct', 'events in the last 30 days, its percent rank'],
  ['season_share, months_to_peak', 'share of orders in the peak season, months until it'],
  ['offer_uptake', 'offers redeemed ÷ contacted'],
  ['any customer attribute', "e.g. country = 'France'"],
];

export function AudienceField({
  value,
  onChange,
  asOf,
  knownTotal,
  disabled,
  onState,
}: {
  value: string;
  onChange: (v: string) => void;
  asOf?: string | null;
  knownTotal?: number | null;
  disabled?: boolean;
  onState?: (s: CountState) => void;
}) {
  const [state, setState] = useState<CountState>({ kind: 'idle' });
  const [total, setTotal] = useState<number | null>(knownTotal ?? null);
  const counter = useRef<AudienceCounter | null>(null);
  const stateCb = useRef(onState);
  stateCb.current = onState;

  useEffect(() => {
    const c = new AudienceCounter(
      async (expression) => {
        try {
          const r = await post<AudienceCountAnswer>('/v1/audience/count', { audience: expression, ...(asOf ? { asOf } : {}) });
          return { included: r.included, addressable: r.addressable };
        } catch (e) {
          throw {
            message: e instanceof ApiError ? (e.fieldProblem('audience') ?? e.message) : String(e),
            badExpression: e instanceof ApiError && e.status === 400,
          };
        }
      },
      (s) => {
        setState(s);
        stateCb.current?.(s);
        if (s.kind === 'counted') setTotal(s.count.addressable);
      },
      350,
    );
    counter.current = c;
    if (value.trim()) c.update(value);
    return () => c.dispose();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asOf]);

  const change = (v: string) => {
    onChange(v);
    if (v.trim()) counter.current?.update(v);
    else {
      counter.current?.dispose();
      setState({ kind: 'idle' });
      stateCb.current?.({ kind: 'idle' });
    }
  };

  const mark = state.kind === 'invalid' ? markAtColumn(state.expression, state.column) : null;

  return (
    <Stack gap={6}>
      <Textarea
        label={
          <Group gap={6} component="span">
            Audience filter
            <Popover width={420} position="bottom-start" withArrow shadow="md">
              <Popover.Target>
                <Anchor component="button" type="button" size="xs">
                  fields and examples
                </Anchor>
              </Popover.Target>
              <Popover.Dropdown>
                <Text size="xs" fw={600} mb={4}>
                  Fields (as of the TOR's date)
                </Text>
                <Table withRowBorders={false} verticalSpacing={2} fz="xs">
                  <Table.Tbody>
                    {FIELDS.map(([f, d]) => (
                      <Table.Tr key={f}>
                        <Table.Td className="nb-mono">{f}</Table.Td>
                        <Table.Td c="dimmed">{d}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Text size="xs" fw={600} mt="xs" mb={4}>
                  Examples
                </Text>
                <Text size="xs" className="nb-mono">
                  frequency &gt;= 2 and recency_days &lt; 180
                </Text>
                <Text size="xs" className="nb-mono">
                  segment in ('champions', 'loyal') or monetary &gt;= 500
                </Text>
                <Text size="xs" className="nb-mono">
                  is_member and clv_tier != 'low'
                </Text>
              </Popover.Dropdown>
            </Popover>
          </Group>
        }
        description="Leave empty to include every customer with a purchase history."
        placeholder="frequency >= 2 and recency_days < 180"
        value={value}
        onChange={(e) => change(e.currentTarget.value)}
        autosize
        minRows={2}
        maxRows={6}
        classNames={{ input: 'nb-mono' }}
        error={state.kind === 'invalid' ? ' ' : undefined}
        disabled={disabled}
        spellCheck={false}
        aria-describedby="audience-count"
        data-testid="audience-input"
      />
      <Box id="audience-count" aria-live="polite" data-testid="audience-count" mih={40}>
        {state.kind === 'invalid' ? (
          <Stack gap={2}>
            {mark && (
              <Text className="nb-mono nb-expr-echo" c="dimmed">
                {mark.before}
                <span className="nb-caret">{mark.bad}</span>
                {mark.after}
              </Text>
            )}
            <Group gap={6} wrap="nowrap" align="flex-start">
              <IconAlertCircle size={16} color="var(--mantine-color-red-7)" style={{ flex: 'none', marginTop: 2 }} />
              <Text size="sm" c="red.7" data-testid="audience-error">
                {state.column ? <b>Column {state.column}: </b> : null}
                {audienceMessage(state.message).replace(/ at column \d+/, '')}
              </Text>
            </Group>
          </Stack>
        ) : state.kind === 'counting' ? (
          <Group gap={8}>
            <Loader size={14} />
            <Text size="sm" c="dimmed">
              Counting customers…
            </Text>
          </Group>
        ) : state.kind === 'counted' ? (
          <Stack gap={4} maw={420}>
            <Group gap={8} wrap="nowrap">
              <IconUsers size={16} color="var(--mantine-color-indigo-6)" />
              <Text size="sm">
                <b className="nb-num">{formatInt(state.count.included)}</b> of {formatInt(state.count.addressable)} customers
                <Text span c="dimmed" size="sm">
                  {' '}
                  ({formatPercent(state.count.addressable ? state.count.included / state.count.addressable : 0, { decimals: 0 })})
                </Text>
              </Text>
            </Group>
            <Progress value={state.count.addressable ? (100 * state.count.included) / state.count.addressable : 0} size="xs" aria-hidden />
          </Stack>
        ) : (
          <Group gap={8}>
            <IconUsers size={16} color="var(--mantine-color-gray-6)" />
            <Text size="sm" c="dimmed">
              {total ? `All ${formatInt(total)} customers with a purchase history` : 'Every customer with a purchase history'}
            </Text>
          </Group>
        )}
      </Box>
    </Stack>
  );
}
