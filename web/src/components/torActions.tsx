// TOR actions shared by the list and the TOR page: inline rename, compute, delete (confirmed).
import { ActionIcon, Button, Group, Modal, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconCheck, IconPencil, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { del, errorText, patch, post } from '../api/client.ts';
import type { JobAccepted, Tor } from '../api/types.ts';

export function useTorMutations() {
  const qc = useQueryClient();
  const refresh = () =>
    qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'tors' || q.queryKey[0] === 'tor' || q.queryKey[0] === 'jobs' });
  return {
    async rename(tor: Tor, name: string): Promise<void> {
      await patch<Tor>(`/v1/tors/${encodeURIComponent(tor.torId)}`, { name });
      await refresh();
    },
    async compute(tor: Tor): Promise<string | null> {
      try {
        const r = await post<JobAccepted>(`/v1/tors/${encodeURIComponent(tor.torId)}/compute`, {});
        notifications.show({ color: 'blue', title: `Computing “${tor.name}”`, message: 'Progress shows on the TOR as it runs.' });
        await refresh();
        return r.job.jobId;
      } catch (e) {
        notifications.show({ color: 'red', title: `Could not compute “${tor.name}”`, message: errorText(e) });
        return null;
      }
    },
    async remove(tor: Tor): Promise<void> {
      await del(`/v1/tors/${encodeURIComponent(tor.torId)}`);
      notifications.show({ color: 'gray', title: 'TOR deleted', message: `“${tor.name}” and its results were deleted.` });
      await refresh();
    },
  };
}

/** A name that turns into a text field on click (or Enter): Enter saves, Escape cancels. */
export function InlineName({
  value,
  onSave,
  disabled,
  children,
  size = 'sm',
}: {
  value: string;
  onSave: (name: string) => Promise<void>;
  disabled?: boolean;
  children?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) {
      setDraft(value);
      setError(null);
      setTimeout(() => input.current?.select(), 0);
    }
  }, [editing, value]);

  async function save() {
    const name = draft.trim();
    if (!name) {
      setError('A name is required');
      return;
    }
    if (name === value) {
      setEditing(false);
      return;
    }
    setSaving(true);
    try {
      await onSave(name);
      setEditing(false);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  }

  if (!editing) {
    return (
      <Group gap={4} wrap="nowrap">
        {children}
        {!disabled && (
          <Tooltip label="Rename">
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={`Rename ${value}`}
              onClick={() => setEditing(true)}
              data-testid="rename"
            >
              <IconPencil size={14} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    );
  }
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <TextInput
        ref={input}
        size={size === 'lg' ? 'md' : 'xs'}
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        error={error}
        aria-label="New name"
        data-testid="rename-input"
        style={{ minWidth: 220 }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
          if (e.key === 'Escape') setEditing(false);
        }}
        disabled={saving}
      />
      <ActionIcon
        variant="light"
        color="teal"
        aria-label="Save name"
        onClick={() => void save()}
        loading={saving}
        size={size === 'lg' ? 'lg' : 'md'}
      >
        <IconCheck size={14} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label="Cancel rename"
        onClick={() => setEditing(false)}
        size={size === 'lg' ? 'lg' : 'md'}
      >
        <IconX size={14} />
      </ActionIcon>
    </Group>
  );
}

export function ConfirmDelete({ tor, onClose, onDeleted }: { tor: Tor | null; onClose: () => void; onDeleted?: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const m = useTorMutations();
  useEffect(() => {
    setError(null);
    setBusy(false);
  }, [tor?.torId]);
  return (
    <Modal opened={!!tor} onClose={onClose} title={<Text fw={650}>Delete this TOR?</Text>} centered>
      <Stack>
        <Text size="sm">
          “<b>{tor?.name}</b>” ({tor?.torId}) and its results will be deleted for good. Its export history is kept.
        </Text>
        {error && (
          <Text size="sm" c="red">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Keep it
          </Button>
          <Button
            color="red"
            loading={busy}
            data-testid="confirm-delete"
            onClick={async () => {
              if (!tor) return;
              setBusy(true);
              try {
                await m.remove(tor);
                onClose();
                onDeleted?.();
              } catch (e) {
                setError(errorText(e));
                setBusy(false);
              }
            }}
          >
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
