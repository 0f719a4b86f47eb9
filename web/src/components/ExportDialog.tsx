// Export a TOR: CSV or Parquet, a layout, to a path on the server or an SFTP destination (earlier
// destinations offered again from the export history). Runs as a job; progress shows here.
import { Alert, Autocomplete, Button, Checkbox, Group, Modal, Progress, Radio, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { IconCheck, IconServer, IconWorldUpload } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, errorText, get, post } from '../api/client.ts';
import { useJob } from '../api/hooks.ts';
import type { ExportRecord, JobAccepted, Tor, TorExportSend } from '../api/types.ts';
import { formatInt, formatPercent } from '../lib/format.ts';
import { DEFAULT_SEND, ExportSendFields, ExportSendSummary, sendBody } from './ExportSendFields.tsx';

const LAYOUTS = [
  { value: 'long', label: 'Long', description: 'one row per customer and priority: customer, priority, offer' },
  { value: 'wide', label: 'Wide', description: 'one row per customer: offer_1, offer_2, … by priority' },
  { value: 'all-scores', label: 'All scores', description: 'one row per customer and offer, with every score' },
];

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'tor'
  );
}

export function ExportDialog({ tor, opened, onClose }: { tor: Tor | null; opened: boolean; onClose: () => void }) {
  const [format, setFormat] = useState<'csv' | 'parquet'>('csv');
  const [layout, setLayout] = useState('long');
  const [reason, setReason] = useState(true);
  const [kind, setKind] = useState<'local' | 'sftp'>('local');
  const [path, setPath] = useState('');
  const [sftp, setSftp] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [send, setSend] = useState(DEFAULT_SEND);
  const [sendErrors, setSendErrors] = useState<Record<string, string>>({});
  const [jobId, setJobId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const history = useQuery({
    queryKey: ['exports', 'all'],
    enabled: opened,
    queryFn: ({ signal }) => get<ExportRecord[]>('/v1/exports', undefined, signal),
  });
  const earlier = useMemo(() => {
    const seen = new Set<string>();
    const local: string[] = [],
      remote: string[] = [];
    for (const r of history.data ?? []) {
      if (seen.has(r.target)) continue;
      seen.add(r.target);
      (/^sftp:\/\//i.test(r.target) ? remote : local).push(r.target);
    }
    return { local: local.slice(0, 8), remote: remote.slice(0, 8) };
  }, [history.data]);

  // The suggested file: beside the last local export (a folder the server writes to), named after the TOR.
  const [roots, setRoots] = useState<string[]>([]);
  useEffect(() => {
    if (!opened || !tor) return;
    setJobId(null);
    setError(null);
    setFieldError(null);
    setSendErrors({});
    setSend(DEFAULT_SEND);
    setBusy(false);
    setPath('');
    setRoots([]);
  }, [opened, tor?.torId]);
  const lastLocal = earlier.local[0];
  useEffect(() => {
    if (!opened || !tor || !lastLocal) return;
    setPath((p) => p || `${lastLocal.slice(0, lastLocal.lastIndexOf('/') + 1)}${slug(tor.name)}.${format}`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, tor?.torId, lastLocal]);

  // The file name follows the format while it is still the suggested one.
  useEffect(() => {
    setPath((p) => p.replace(/\.(csv|parquet)$/, `.${format}`));
    setSftp((p) => p.replace(/\.(csv|parquet)$/, `.${format}`));
  }, [format]);

  const job = useJob(jobId, (j) => {
    setBusy(false);
    if (j.status === 'succeeded') {
      const r = j.result as { rows?: number; target?: string } | null;
      notifications.show({
        color: 'teal',
        icon: <IconCheck size={16} />,
        title: 'Export finished',
        message: `${formatInt(r?.rows ?? null)} rows → ${r?.target ?? target}`,
      });
    } else {
      setError(j.error ?? `export ${j.status}`);
    }
  });

  const target = kind === 'local' ? path.trim() : sftp.trim();

  async function submit() {
    if (!tor) return;
    setError(null);
    setFieldError(null);
    setSendErrors({});
    if (!target) {
      setFieldError(kind === 'local' ? 'Give an absolute path on the server' : 'Give an SFTP URL: sftp://user@host/path/file');
      return;
    }
    setBusy(true);
    try {
      const r = await post<JobAccepted>(`/v1/tors/${encodeURIComponent(tor.torId)}/export`, {
        target,
        format,
        layout,
        ...(layout === 'long' ? { reason } : {}),
        ...sendBody(send),
      });
      setJobId(r.job.jobId);
    } catch (e) {
      setBusy(false);
      const p = e instanceof ApiError ? e.fieldProblem('target') : null;
      const sentAt = e instanceof ApiError ? e.fieldProblem('sentAt') : null;
      if (sentAt) setSendErrors({ sentAt });
      // A path outside the folders the server may write: the message names them.
      const allowed = e instanceof ApiError && e.status === 403 ? /only under (.+?) \(/.exec(e.message) : null;
      if (allowed) {
        setRoots(allowed[1].split(', '));
        setFieldError(e instanceof ApiError ? e.message : String(e));
      } else if (p) setFieldError(p);
      else if (!sentAt) setError(errorText(e));
    }
  }

  const finished = job.done && job.job?.status === 'succeeded';
  const result = finished ? (job.job!.result as TorExportSend | null) : null;

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>Export “{tor?.name}”</Text>} size="lg" centered>
      <Stack gap="md">
        <Group grow align="flex-start">
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Format
            </Text>
            <SegmentedControl
              value={format}
              onChange={(v) => setFormat(v as 'csv' | 'parquet')}
              data={[
                { value: 'csv', label: 'CSV' },
                { value: 'parquet', label: 'Parquet' },
              ]}
              disabled={busy}
            />
          </Stack>
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Destination
            </Text>
            <SegmentedControl
              value={kind}
              onChange={(v) => {
                setKind(v as 'local' | 'sftp');
                setFieldError(null);
              }}
              disabled={busy}
              data={[
                {
                  value: 'local',
                  label: (
                    <Group gap={6} justify="center" wrap="nowrap">
                      <IconServer size={14} />
                      Server path
                    </Group>
                  ),
                },
                {
                  value: 'sftp',
                  label: (
                    <Group gap={6} justify="center" wrap="nowrap">
                      <IconWorldUpload size={14} />
                      SFTP
                    </Group>
                  ),
                },
              ]}
            />
          </Stack>
        </Group>
        <Radio.Group label="Layout" value={layout} onChange={setLayout}>
          <Stack gap={6} mt={6}>
            {LAYOUTS.map((l) => (
              <Radio key={l.value} value={l.value} label={l.label} description={l.description} disabled={busy} />
            ))}
          </Stack>
        </Radio.Group>
        {layout === 'long' && (
          <Checkbox
            label="Add the reason column (why each customer gets each offer)"
            checked={reason}
            onChange={(e) => setReason(e.currentTarget.checked)}
            disabled={busy}
          />
        )}
        {kind === 'local' ? (
          <Stack gap={6}>
            <Autocomplete
              label="File on the server"
              description="An absolute path the server can write; the file appears complete or not at all."
              placeholder={`/srv/exports/${tor ? slug(tor.name) : 'tor'}.${format}`}
              value={path}
              onChange={setPath}
              data={earlier.local}
              error={fieldError}
              disabled={busy}
              data-autofocus
              classNames={{ input: 'nb-mono' }}
              aria-label="export path"
            />
            {roots.length > 0 && tor && (
              <Group gap="xs">
                <Text size="xs" c="dimmed">
                  Write it to:
                </Text>
                {roots.map((r) => (
                  <Button
                    key={r}
                    size="compact-xs"
                    variant="light"
                    onClick={() => {
                      setPath(`${r.replace(/\/$/, '')}/${slug(tor.name)}.${format}`);
                      setFieldError(null);
                    }}
                  >
                    {r.replace(/\/$/, '')}/{slug(tor.name)}.{format}
                  </Button>
                ))}
              </Group>
            )}
          </Stack>
        ) : (
          <Autocomplete
            label="SFTP destination"
            description="sftp://user@host[:port]/path/file — the password or key comes from the server's NEXTBEST_SFTP_* settings, never from this form."
            placeholder="sftp://crm@files.example.com/inbox/offers.csv"
            value={sftp}
            onChange={setSftp}
            data={earlier.remote}
            error={fieldError}
            disabled={busy}
            classNames={{ input: 'nb-mono' }}
            aria-label="sftp destination"
          />
        )}
        <ExportSendFields value={send} onChange={setSend} hasControl={!!tor?.settings.control} errors={sendErrors} disabled={busy} />
        {jobId && !job.done && (
          <Stack gap={4}>
            <Progress value={Math.max(3, job.progress * 100)} animated aria-label="export progress" />
            <Text size="xs" c="dimmed">
              {job.stage} · {formatPercent(job.progress, { decimals: 0 })}
            </Text>
          </Stack>
        )}
        {finished && (
          <Alert color="teal" icon={<IconCheck size={18} />} title="Exported" data-testid="export-done">
            {formatInt(result?.rows ?? null)} rows written to <span className="nb-mono">{result?.target ?? target}</span>
            <ExportSendSummary result={result} />
          </Alert>
        )}
        {error && (
          <Alert color="red" title="The export failed">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {finished ? 'Close' : 'Cancel'}
          </Button>
          {!finished && (
            <Button onClick={submit} loading={busy}>
              Export
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
