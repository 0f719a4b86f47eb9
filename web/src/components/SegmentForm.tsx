// Create or edit a segment: id (new only), name, description and its audience expression with the
// live count. POST /v1/segments or PATCH /v1/segments/:id; the server checks the expression and
// answers a 400 naming the problem, shown under the field.
import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError, errorText, patch, post } from '../api/client.ts';
import type { SegmentItem } from '../api/segments.ts';
import { AudienceField } from './AudienceField.tsx';

export function SegmentForm({
  opened,
  segment,
  asOf,
  onClose,
  onSaved,
}: {
  opened: boolean;
  segment: SegmentItem | null;
  asOf: string | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const qc = useQueryClient();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [expression, setExpression] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!opened) return;
    setId(segment?.id ?? '');
    setName(segment?.name ?? '');
    setDescription(segment?.description ?? '');
    setExpression(segment?.expression ?? '');
    setErrors({});
    setFormError(null);
  }, [opened, segment]);

  async function save() {
    const e: Record<string, string> = {};
    if (!segment && !id.trim()) e.id = 'Give the segment an id';
    if (!expression.trim()) e.expression = 'Say who is in the segment';
    setErrors(e);
    setFormError(null);
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      const body = { name: name.trim() || undefined, description: description.trim(), expression: expression.trim() };
      if (segment) await patch(`/v1/segments/${encodeURIComponent(segment.id)}`, body);
      else await post('/v1/segments', { id: id.trim(), ...body });
      await qc.invalidateQueries({ queryKey: ['segments'] });
      onSaved(segment?.id ?? id.trim());
    } catch (err) {
      if (err instanceof ApiError && err.details.length) {
        const fe: Record<string, string> = {};
        for (const d of err.details) fe[d.field.replace(/^body\./, '').split('.')[0]] = d.problem;
        setErrors(fe);
      } else if (err instanceof ApiError && /segment id/.test(err.message)) {
        setErrors({ id: err.message });
      } else {
        setFormError(errorText(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={segment ? `Edit ${segment.name}` : 'New segment'} size="xl">
      <Stack gap="sm" data-testid="segment-form">
        <Group grow align="flex-start">
          <TextInput
            label="Id"
            value={id}
            onChange={(ev) => setId(ev.currentTarget.value)}
            disabled={!!segment}
            error={errors.id}
            description="letters, digits, - _ ."
            data-testid="segment-id"
            required={!segment}
          />
          <TextInput
            label="Name"
            value={name}
            onChange={(ev) => setName(ev.currentTarget.value)}
            placeholder="default: the id"
            error={errors.name}
            data-testid="segment-name"
          />
        </Group>
        <TextInput
          label="Description"
          value={description}
          onChange={(ev) => setDescription(ev.currentTarget.value)}
          error={errors.description}
        />
        <AudienceField value={expression} onChange={setExpression} asOf={asOf} />
        {errors.expression && (
          <Alert color="red" variant="light" data-testid="segment-expression-error">
            {errors.expression}
          </Alert>
        )}
        {formError && (
          <Alert color="red" title="Not saved" data-testid="segment-form-error">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={busy} data-testid="save-segment">
            {segment ? 'Save changes' : 'Create segment'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
