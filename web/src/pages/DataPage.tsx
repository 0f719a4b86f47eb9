// Data: the canonical tables with their row counts, the import history (with the problems that
// stopped a failed import), and an upload with a preview of the columns and their mapping.
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  FileInput,
  Group,
  Progress,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconCheck, IconFileUpload, IconTable } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { api, errorText, get } from '../api/client.ts';
import { useJob, useTables } from '../api/hooks.ts';
import type { JobAccepted } from '../api/types.ts';
import { Empty, ErrorState, Loading, Num, PageHeader } from '../components/common.tsx';
import { formatDateTime, formatInt } from '../lib/format.ts';
import { useSession } from '../session.tsx';

interface ImportEntry {
  jobId: string;
  status: string;
  table: string | null;
  file: string | null;
  recipe: string | null;
  dryRun: boolean;
  rows: { read: number; kept: number; inserted: number; updated: number; unchanged: number } | null;
  error: string | null;
  actor: string | null;
  createdAt: string;
  finishedAt: string | null;
}

interface Preview {
  file: string;
  table: string;
  format: string;
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  mapping: Record<string, string>;
  missing: string[];
  unused: string[];
  dialect: { delimiter: string; header: boolean; encoding: string } | null;
}

const TABLES = [
  'customers',
  'products',
  'order_lines',
  'events',
  'offers',
  'contacts',
  'responses',
  'favourite_eligible',
  'favourite_categories',
  'personal_offers',
];
const TABLE_ABOUT: Record<string, string> = {
  customers: 'who can receive offers, with their attributes',
  products: 'the catalogue and its hierarchy attributes',
  order_lines: 'purchases: the history every model learns from',
  events: 'views, carts and other behaviour',
  offers: 'what TORs choose from',
  contacts: 'offers sent to customers (for guardrails)',
  responses: 'redemptions and other responses',
  favourite_eligible: 'loyalty: products members may pick as favourites (docs/loyalty.md)',
  favourite_categories: "loyalty: each member's favourite categories",
  personal_offers: "loyalty: each member's personal offer terms",
};

export function DataPage() {
  const tables = useTables();
  const { may } = useSession();
  return (
    <>
      <PageHeader title="Data" description="What the store holds, what was imported, and new files to bring in." />
      <SimpleGrid cols={{ base: 1, lg: 2 }} mb="md">
        <Card withBorder padding="lg">
          <Title order={4} mb="sm">
            Tables
          </Title>
          {tables.isPending ? (
            <Loading h={120} />
          ) : tables.isError ? (
            <ErrorState error={tables.error} retry={() => tables.refetch()} what="the tables" />
          ) : (
            <Table verticalSpacing={6} data-testid="tables">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Table</Table.Th>
                  <Table.Th>Holds</Table.Th>
                  <Table.Th ta="right">Rows</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tables.data.map((t) => (
                  <Table.Tr key={t.table}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <IconTable size={14} color="var(--mantine-color-gray-6)" />
                        <Text size="sm" className="nb-mono">
                          {t.table}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {TABLE_ABOUT[t.table] ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Num fw={600} c={t.rows === 0 ? 'dimmed' : undefined}>
                        {formatInt(t.rows)}
                      </Num>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
        {may('write') ? (
          <UploadCard />
        ) : (
          <Card withBorder padding="lg">
            <Title order={4} mb="sm">
              Import a file
            </Title>
            <Text size="sm" c="dimmed">
              Viewers cannot import data; ask for the marketer role.
            </Text>
          </Card>
        )}
      </SimpleGrid>
      <ImportHistory />
    </>
  );
}

function ImportHistory() {
  const q = useQuery({
    queryKey: ['imports'],
    queryFn: ({ signal }) => get<ImportEntry[]>('/v1/imports', { limit: 50 }, signal),
    refetchInterval: 10_000,
  });
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card withBorder padding="lg">
      <Title order={4} mb="sm">
        Import history
      </Title>
      {q.isPending ? (
        <Loading h={100} />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => q.refetch()} what="the import history" />
      ) : q.data.length === 0 ? (
        <Empty
          title="No import through the server yet"
          description="Files imported here (or with `nextbest import` while the server runs) are listed with their outcome."
        />
      ) : (
        <Table verticalSpacing={6} data-testid="imports">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>File</Table.Th>
              <Table.Th>Table</Table.Th>
              <Table.Th ta="right">Read</Table.Th>
              <Table.Th ta="right">New</Table.Th>
              <Table.Th ta="right">Updated</Table.Th>
              <Table.Th>Outcome</Table.Th>
              <Table.Th>By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.map((r) => (
              <Fragment key={r.jobId}>
                <Table.Tr>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(r.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={280}>
                    <Tooltip label={r.file ?? ''}>
                      <Text size="sm" className="nb-mono" truncate="start">
                        {r.file ?? '—'}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {r.table ?? r.recipe ?? '—'}
                      {r.dryRun ? ' (check only)' : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Num>{formatInt(r.rows?.read ?? null)}</Num>
                  </Table.Td>
                  <Table.Td>
                    <Num>{formatInt(r.rows?.inserted ?? null)}</Num>
                  </Table.Td>
                  <Table.Td>
                    <Num>{formatInt(r.rows?.updated ?? null)}</Num>
                  </Table.Td>
                  <Table.Td>
                    {r.status === 'failed' ? (
                      <Button
                        size="compact-xs"
                        color="red"
                        variant="light"
                        onClick={() => setOpen(open === r.jobId ? null : r.jobId)}
                        aria-expanded={open === r.jobId}
                      >
                        failed — {open === r.jobId ? 'hide' : 'show'} problems
                      </Button>
                    ) : (
                      <Badge
                        color={r.status === 'succeeded' ? 'teal' : r.status === 'running' || r.status === 'queued' ? 'blue' : 'gray'}
                        variant="light"
                      >
                        {r.status}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.actor ?? '—'}</Text>
                  </Table.Td>
                </Table.Tr>
                {open === r.jobId && r.error && (
                  <Table.Tr>
                    <Table.Td colSpan={8}>
                      <ScrollArea.Autosize mah={220}>
                        <Code block c="red.8">
                          {r.error}
                        </Code>
                      </ScrollArea.Autosize>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** The first part of a big text file, cut at a line end, for the preview; null when it cannot be sliced. */
async function sampleOf(file: File): Promise<Blob | null> {
  const LIMIT = 9 * 1024 * 1024;
  if (file.size <= LIMIT) return file;
  if (!/\.(csv|tsv|txt|jsonl?|ndjson)$/i.test(file.name)) return null;
  const head = await file.slice(0, 2 * 1024 * 1024).text();
  return new Blob([head.slice(0, head.lastIndexOf('\n') + 1)], { type: file.type });
}

function UploadCard() {
  const [file, setFile] = useState<File | null>(null);
  const [table, setTable] = useState<string | null>('order_lines');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [dryRun, setDryRun] = useState(false);
  const [tsFormat, setTsFormat] = useState<string | null>('auto');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | 'preview' | 'upload'>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const qc = useQueryClient();
  const job = useJob(jobId, () => {
    void qc.invalidateQueries({ queryKey: ['imports'] });
    void qc.invalidateQueries({ queryKey: ['data'] });
  });

  function form(f: Blob, name: string, extra: Record<string, string>): FormData {
    const fd = new FormData();
    if (table) fd.append('table', table);
    if (Object.keys(mapping).length) fd.append('mapping', JSON.stringify(mapping));
    for (const [k, v] of Object.entries(extra)) fd.append(k, v);
    fd.append('file', f, name); // fields first: the server reads them before the file
    return fd;
  }

  async function runPreview(f: File | null = file, map = mapping) {
    if (!f) return;
    setError(null);
    setBusy('preview');
    try {
      const sample = await sampleOf(f);
      if (!sample) {
        setPreview(null);
        setError('This file is too large to preview in the browser; you can still import it.');
        return;
      }
      const fd = new FormData();
      if (table) fd.append('table', table);
      if (Object.keys(map).length) fd.append('mapping', JSON.stringify(map));
      fd.append('rows', '8');
      fd.append('file', sample, f.name);
      const p = await api<Preview>('POST', '/v1/imports/preview/upload', fd);
      setPreview(p);
      setMapping(p.mapping);
    } catch (e) {
      setPreview(null);
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  async function upload() {
    if (!file) return;
    setError(null);
    setBusy('upload');
    try {
      const extra: Record<string, string> = {
        ...(dryRun ? { dryRun: 'true' } : {}),
        ...(tsFormat && tsFormat !== 'auto' ? { tsFormat } : {}),
      };
      const r = await api<JobAccepted>('POST', '/v1/imports/upload', form(file, file.name, extra));
      setJobId(r.job.jobId);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  const canonical = preview ? [...Object.keys(preview.mapping), ...preview.missing.filter((m) => !(m in preview.mapping))] : [];
  const fileCols = preview ? preview.columns.map((c) => c.name) : [];
  const result = job.done ? job.job : null;

  return (
    <Card withBorder padding="lg" data-testid="upload">
      <Title order={4} mb="sm">
        Import a file
      </Title>
      <Stack gap="sm">
        <Group grow align="flex-end">
          <Select
            label="Into table"
            data={TABLES}
            value={table}
            onChange={(v) => {
              setTable(v);
              setMapping({});
              setPreview(null);
            }}
            allowDeselect={false}
          />
          <FileInput
            label="File"
            placeholder="CSV, Parquet or JSON"
            leftSection={<IconFileUpload size={16} />}
            value={file}
            clearable
            onChange={(f) => {
              setFile(f);
              setMapping({});
              setPreview(null);
              setJobId(null);
              if (f) void runPreview(f, {});
            }}
            accept=".csv,.tsv,.txt,.gz,.parquet,.json,.jsonl,.ndjson"
          />
        </Group>
        {busy === 'preview' && (
          <Text size="sm" c="dimmed">
            Reading the first rows…
          </Text>
        )}
        {preview && (
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              {preview.format.toUpperCase()}
              {preview.dialect
                ? ` · delimiter “${preview.dialect.delimiter}” · ${preview.dialect.header ? 'header row' : 'no header'} · ${preview.dialect.encoding}`
                : ''}{' '}
              · {preview.columns.length} columns
            </Text>
            <Table verticalSpacing={2} maw={520}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Column in {preview.table}</Table.Th>
                  <Table.Th>From the file's column</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {canonical.map((c) => (
                  <Table.Tr key={c}>
                    <Table.Td>
                      <Text size="sm" className="nb-mono">
                        {c}
                        {preview.missing.includes(c) && !mapping[c] ? (
                          <Badge ml={6} size="xs" color="red">
                            required
                          </Badge>
                        ) : null}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        data={fileCols}
                        value={mapping[c] ?? null}
                        placeholder="not mapped"
                        clearable
                        onChange={(v) => {
                          const m = { ...mapping };
                          if (v) m[c] = v;
                          else delete m[c];
                          setMapping(m);
                          if (file) void runPreview(file, m);
                        }}
                        aria-label={`File column for ${c}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {preview.unused.length > 0 && (
              <Text size="xs" c="dimmed">
                Kept as attributes or ignored: {preview.unused.join(', ')}
              </Text>
            )}
            <ScrollArea type="auto">
              <Table verticalSpacing={2} fz="xs" withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    {preview.columns.map((c) => (
                      <Table.Th key={c.name}>
                        <Tooltip label={c.type}>
                          <span>{c.name}</span>
                        </Tooltip>
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows.map((r, i) => (
                    <Table.Tr key={i}>
                      {preview.columns.map((c) => (
                        <Table.Td key={c.name} style={{ whiteSpace: 'nowrap' }}>
                          {String(r[c.name] ?? '')}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </Stack>
        )}
        <Group align="flex-end">
          <Select
            label="Timestamps"
            w={260}
            value={tsFormat}
            onChange={setTsFormat}
            allowDeselect={false}
            data={[
              { value: 'auto', label: 'Detect (dates, unix seconds or ms)' },
              { value: 'iso', label: 'Dates and times (ISO)' },
              { value: 'unix-s', label: 'Unix seconds' },
              { value: 'unix-ms', label: 'Unix milliseconds' },
            ]}
          />
          <Switch
            mb={6}
            label="Check only (count and report problems, write nothing)"
            checked={dryRun}
            onChange={(e) => setDryRun(e.currentTarget.checked)}
          />
        </Group>
        {error && (
          <Alert color="red" py="xs">
            {error}
          </Alert>
        )}
        {jobId && !job.done && (
          <Stack gap={4}>
            <Progress value={Math.max(3, job.progress * 100)} animated />
            <Text size="xs" c="dimmed">
              {job.stage}
            </Text>
          </Stack>
        )}
        {result &&
          (result.status === 'succeeded' ? (
            <Alert color="teal" icon={<IconCheck size={16} />} py="xs" data-testid="import-done">
              {(result.result as { dryRun?: boolean } | null)?.dryRun ? 'Checked, nothing written' : 'Imported'}:{' '}
              {describeImport(result.result)}
            </Alert>
          ) : (
            <Alert color="red" title="The import stopped; nothing was written" py="xs">
              <ScrollArea.Autosize mah={200}>
                <Text size="xs" className="nb-mono" style={{ whiteSpace: 'pre-wrap' }}>
                  {result.error}
                </Text>
              </ScrollArea.Autosize>
            </Alert>
          ))}
        <Group justify="flex-end">
          <Button
            leftSection={<IconFileUpload size={16} />}
            disabled={!file || (preview?.missing.some((m) => !mapping[m]) ?? false)}
            loading={busy === 'upload' || (!!jobId && !job.done)}
            onClick={() => void upload()}
          >
            {dryRun ? 'Check the file' : 'Import'}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function describeImport(r: unknown): string {
  const x = r as {
    rowsRead?: number;
    inserted?: number;
    updated?: number;
    unchanged?: number;
    addedColumns?: string[];
    dryRun?: boolean;
  } | null;
  if (!x || typeof x !== 'object') return 'done';
  const parts = [
    `${formatInt(x.rowsRead ?? null)} rows read`,
    `${formatInt(x.inserted ?? null)} new`,
    `${formatInt(x.updated ?? null)} updated`,
    `${formatInt(x.unchanged ?? null)} unchanged`,
  ];
  if (x.addedColumns?.length) parts.push(`new attributes: ${x.addedColumns.join(', ')}`);
  return parts.join(', ');
}
