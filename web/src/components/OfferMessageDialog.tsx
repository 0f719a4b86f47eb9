// An offer's personalised copy: a template with placeholders ({{product}}, {{scope}}, {{value}}…)
// filled per assignment in TOR results and exports, and a fallback when a placeholder has no value.
// PUT /v1/offers/:id/message; a null template removes it.
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorText, put } from '../api/client.ts';
import type { OfferMessage } from '../api/offerMaps.ts';

export function OfferMessageDialog({
  offerId,
  name,
  current,
  onClose,
}: {
  offerId: string | null;
  name?: string;
  current: OfferMessage | undefined;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const [template, setTemplate] = useState('');
  const [fallback, setFallback] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setTemplate(current?.template ?? '');
    setFallback(current?.fallback ?? '');
    setError(null);
  }, [offerId, current]);

  async function save(remove: boolean) {
    setBusy(true);
    setError(null);
    try {
      await put(
        `/v1/offers/${encodeURIComponent(offerId!)}/message`,
        remove ? { template: null } : { template: template.trim(), fallback: fallback.trim() || null },
      );
      await qc.invalidateQueries({ queryKey: ['offer-messages'] });
      notifications.show({ color: 'teal', title: remove ? 'Message removed' : 'Message saved', message: name ?? offerId! });
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={!!offerId} onClose={onClose} title={`Message for ${name ?? offerId}`} size="lg">
      <Stack gap="sm" data-testid="offer-message-dialog">
        <Text size="sm" c="dimmed">
          Placeholders such as {'{{product}}'}, {'{{scope}}'} and {'{{value}}'} are filled per customer in the TOR results and exports.
        </Text>
        <Textarea
          label="Template"
          autosize
          minRows={2}
          value={template}
          onChange={(e) => setTemplate(e.currentTarget.value)}
          placeholder="Since you bought {{product}}, enjoy {{value}}% off {{scope}}"
          data-testid="message-template"
        />
        <Textarea
          label="Fallback"
          description="used when a placeholder of the template has no value"
          autosize
          minRows={2}
          value={fallback}
          onChange={(e) => setFallback(e.currentTarget.value)}
          placeholder="Enjoy {{value}}% off {{scope}}"
        />
        {error && (
          <Text size="sm" c="red" data-testid="message-error">
            {error}
          </Text>
        )}
        <Group justify="space-between">
          <Button variant="subtle" color="red" disabled={!current || busy} onClick={() => void save(true)}>
            Remove message
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => void save(false)} loading={busy} disabled={!template.trim()} data-testid="save-message">
              Save
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
