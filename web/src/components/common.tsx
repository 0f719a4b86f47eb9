// Small pieces every screen uses: page header, loading / empty / error states, status badge,
// offer name with its id on hover, formatted numbers.
import { Alert, Badge, Box, Button, Center, EmptyState, Group, Loader, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconInbox, IconPlugConnectedX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ApiError, errorText, isMissingRoute } from '../api/client.ts';
import type { TorStatus } from '../api/types.ts';
import { formatPercent, offerLabel } from '../lib/format.ts';

export function PageHeader({ title, description, actions }: { title: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" mb="lg" wrap="nowrap">
      <Box miw={0}>
        <Title order={2}>{title}</Title>
        {description && (
          <Text c="dimmed" size="sm" mt={4}>
            {description}
          </Text>
        )}
      </Box>
      {actions && (
        <Group gap="sm" wrap="nowrap">
          {actions}
        </Group>
      )}
    </Group>
  );
}

export function Loading({ label = 'Loading…', h = 160 }: { label?: string; h?: number }) {
  return (
    <Center h={h} role="status" aria-live="polite">
      <Group gap="xs">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

export function Empty({
  title,
  description,
  action,
  icon,
}: {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
}) {
  return (
    <EmptyState py="xl" title={title} description={description} icon={icon ?? <IconInbox size={28} />} withIndicatorBackground>
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}

/** An error from the API, with a retry; a route the server does not have yet says so plainly. */
export function ErrorState({ error, retry, what }: { error: unknown; retry?: () => void; what?: string }) {
  if (isMissingRoute(error)) {
    return (
      <Alert color="gray" icon={<IconPlugConnectedX size={18} />} title={`${what ?? 'This'} is not available on this server yet`}>
        <Text size="sm">{errorText(error)} — update nextbest to a version with this API.</Text>
      </Alert>
    );
  }
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <Alert
      color={forbidden ? 'yellow' : 'red'}
      icon={<IconAlertTriangle size={18} />}
      title={forbidden ? 'Your role may not see this' : `Could not load ${what ?? 'this'}`}
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorText(error)}</Text>
        {retry && !forbidden && (
          <Button size="xs" variant="light" color="red" onClick={retry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

const STATUS: Record<TorStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  computing: { label: 'Computing', color: 'blue' },
  ready: { label: 'Ready for export', color: 'teal' },
  exported: { label: 'Exported', color: 'violet' },
  error: { label: 'Error', color: 'red' },
};

export function statusLabel(s: TorStatus): string {
  return STATUS[s]?.label ?? s;
}

/** Status badge; Computing shows its progress, Error its message on hover. */
export function StatusBadge({
  status,
  progress,
  error,
  stage,
  compact,
}: {
  status: TorStatus;
  progress?: number | null;
  error?: string | null;
  stage?: string | null;
  compact?: boolean;
}) {
  const s = STATUS[status] ?? { label: status, color: 'gray' };
  if (status === 'computing' && !compact) {
    const p = progress ?? 0;
    return (
      <Stack gap={4} w={140} data-testid="status-computing">
        <Group gap={6} wrap="nowrap">
          <Badge color={s.color} variant="light" tt="none" size="md" leftSection={<Loader size={10} color="blue" />}>
            {s.label}
          </Badge>
          <Text size="xs" c="dimmed" className="nb-num">
            {formatPercent(p, { decimals: 0 })}
          </Text>
        </Group>
        <Progress value={p * 100} size="sm" animated aria-label={`computing, ${Math.round(p * 100)} percent`} />
        {stage && (
          <Text size="xs" c="dimmed" truncate="end">
            {stage}
          </Text>
        )}
      </Stack>
    );
  }
  const badge = (
    <Badge
      color={s.color}
      leftSection={status === 'computing' ? <Loader size={10} color="blue" /> : undefined}
      variant={status === 'ready' ? 'filled' : 'light'}
      data-testid={`status-${status}`}
      tt="none"
      size="md"
      style={{ flexShrink: 0, maxWidth: 'none' }}
    >
      {s.label}
    </Badge>
  );
  if (status === 'error' && error) return <Tooltip label={error}>{badge}</Tooltip>;
  return badge;
}

/** An offer by name, its id on hover (and the hierarchy above it, dimmed). */
export function OfferName({ offerId, name, withContext = true }: { offerId: string; name?: string | null; withContext?: boolean }) {
  const { label, context } = offerLabel(name, offerId);
  return (
    <Tooltip label={<span className="nb-mono">{offerId}</span>}>
      <Text
        span
        size="sm"
        data-offer-id={offerId}
        style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', display: 'block', maxWidth: '100%' }}
      >
        {label}
        {withContext && context && (
          <Text span size="xs" c="dimmed">
            {' '}
            · {context}
          </Text>
        )}
      </Text>
    </Tooltip>
  );
}

export function Num({ children, c, fw }: { children: ReactNode; c?: string; fw?: number }) {
  return (
    <Text span size="sm" className="nb-num" c={c} fw={fw} display="block">
      {children}
    </Text>
  );
}

/** A labelled figure for summary cards. */
export function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Box>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text size="xl" fw={650} className="nb-num" style={{ textAlign: 'left' }}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Box>
  );
}
