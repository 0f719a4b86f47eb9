// Admin: dashboard users, API keys (shown once when created), the audit log, store settings.
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconCheck, IconCopy, IconKey, IconList, IconPlus, IconSettings, IconTrash, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError, del, errorText, get, post, put } from '../api/client.ts';
import { useConfig, useUsers } from '../api/hooks.ts';
import type { ApiKeyInfo, AuditRow, UserInfo } from '../api/types.ts';
import { Empty, ErrorState, Loading, PageHeader } from '../components/common.tsx';
import { formatDateTime } from '../lib/format.ts';
import { navigate } from '../lib/useRoute.ts';
import { useSession } from '../session.tsx';

const ROLE_COLOR: Record<string, string> = { admin: 'red', marketer: 'indigo', viewer: 'gray', service: 'grape' };

export function AdminPage({ tab }: { tab?: string }) {
  const { may } = useSession();
  if (!may('admin'))
    return (
      <Alert color="yellow" title="Admins only">
        Users, keys and the audit log are managed by admins.
      </Alert>
    );
  return (
    <>
      <PageHeader title="Admin" description="Who may use nextbest, the keys apps use, and who did what." />
      <Tabs value={tab ?? 'users'} onChange={(v) => v && navigate({ page: 'admin', tab: v })}>
        <Tabs.List mb="md">
          <Tabs.Tab value="users" leftSection={<IconUsers size={16} />}>
            Users
          </Tabs.Tab>
          <Tabs.Tab value="keys" leftSection={<IconKey size={16} />}>
            API keys
          </Tabs.Tab>
          <Tabs.Tab value="audit" leftSection={<IconList size={16} />}>
            Audit log
          </Tabs.Tab>
          <Tabs.Tab value="settings" leftSection={<IconSettings size={16} />}>
            Settings
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users">
          <Users />
        </Tabs.Panel>
        <Tabs.Panel value="keys">
          <Keys />
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <Audit />
        </Tabs.Panel>
        <Tabs.Panel value="settings">
          <Settings />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function RoleBadge({ role }: { role: string }) {
  return (
    <Badge variant="light" color={ROLE_COLOR[role] ?? 'gray'}>
      {role}
    </Badge>
  );
}

function Users() {
  const q = useUsers();
  const qc = useQueryClient();
  const { session } = useSession();
  const [creating, setCreating] = useState(false);
  const [disabling, setDisabling] = useState<UserInfo | null>(null);
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Dashboard users</Title>
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
          New user
        </Button>
      </Group>
      {q.isPending ? (
        <Loading h={100} />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => q.refetch()} what="the users" />
      ) : (
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>User</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.map((u) => (
              <Table.Tr key={u.username}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {u.username}
                    {u.username === session?.actor ? (
                      <Text span c="dimmed" size="xs">
                        {' '}
                        (you)
                      </Text>
                    ) : null}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RoleBadge role={u.role} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(u.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  {u.disabledAt ? (
                    <Badge color="gray" variant="outline">
                      disabled {formatDateTime(u.disabledAt)}
                    </Badge>
                  ) : (
                    <Badge color="teal" variant="light">
                      active
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {!u.disabledAt && u.username !== session?.actor && (
                    <Tooltip label="Disable (sign-in refused, sessions ended)">
                      <ActionIcon variant="subtle" color="red" onClick={() => setDisabling(u)} aria-label={`Disable ${u.username}`}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <NewUser opened={creating} onClose={() => setCreating(false)} />
      <Modal opened={!!disabling} onClose={() => setDisabling(null)} title={<Text fw={650}>Disable {disabling?.username}?</Text>} centered>
        <Stack>
          <Text size="sm">They can no longer sign in, and their open sessions end.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDisabling(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              onClick={async () => {
                try {
                  await del(`/v1/users/${encodeURIComponent(disabling!.username)}`);
                  await qc.invalidateQueries({ queryKey: ['users'] });
                  setDisabling(null);
                } catch (e) {
                  notifications.show({ color: 'red', title: 'Not disabled', message: errorText(e) });
                }
              }}
            >
              Disable
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function NewUser({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<string | null>('marketer');
  const [err, setErr] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const field = (f: string) => (err instanceof ApiError ? err.fieldProblem(f) : null);
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={650}>New dashboard user</Text>} centered>
      <Stack
        component="form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setErr(null);
          try {
            await post('/v1/users', { username, password, role });
            await qc.invalidateQueries({ queryKey: ['users'] });
            notifications.show({ color: 'teal', title: 'User created', message: `${username} can sign in now.` });
            setUsername('');
            setPassword('');
            onClose();
          } catch (x) {
            setErr(x as Error);
          } finally {
            setBusy(false);
          }
        }}
      >
        <TextInput
          label="Username"
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={field('username')}
          data-autofocus
        />
        <PasswordInput
          label="Password"
          description="At least 8 characters"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={field('password')}
        />
        <Select
          label="Role"
          value={role}
          onChange={setRole}
          allowDeselect={false}
          error={field('role')}
          data={[
            { value: 'marketer', label: 'Marketer — offers, TORs, exports, imports' },
            { value: 'viewer', label: 'Viewer — read only' },
            { value: 'admin', label: 'Admin — everything, users and keys' },
          ]}
        />
        {err && !(err instanceof ApiError && err.details.length) && (
          <Alert color="red" py="xs">
            {errorText(err)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Create
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Keys() {
  const q = useQuery({ queryKey: ['keys'], queryFn: ({ signal }) => get<ApiKeyInfo[]>('/v1/keys', undefined, signal) });
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<string | null>('service');
  const [created, setCreated] = useState<{ key: string; name: string | null; role: string } | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Stack>
      <Card withBorder padding="lg">
        <Title order={4} mb="sm">
          Create a key
        </Title>
        <Group align="flex-end">
          <TextInput label="Name" placeholder="e.g. CRM app" value={name} onChange={(e) => setName(e.currentTarget.value)} w={240} />
          <Select
            label="Role"
            value={role}
            onChange={setRole}
            allowDeselect={false}
            w={220}
            data={[
              { value: 'service', label: 'service — real-time reads, ingestion' },
              { value: 'viewer', label: 'viewer' },
              { value: 'marketer', label: 'marketer' },
              { value: 'admin', label: 'admin' },
            ]}
          />
          <Button
            loading={busy}
            leftSection={<IconKey size={16} />}
            onClick={async () => {
              setBusy(true);
              try {
                const k = await post<ApiKeyInfo & { key: string }>('/v1/keys', { role, ...(name.trim() ? { name: name.trim() } : {}) });
                setCreated({ key: k.key, name: k.name, role: k.role });
                setName('');
                await qc.invalidateQueries({ queryKey: ['keys'] });
              } catch (e) {
                notifications.show({ color: 'red', title: 'No key created', message: errorText(e) });
              } finally {
                setBusy(false);
              }
            }}
          >
            Create key
          </Button>
        </Group>
        {created && (
          <Alert color="teal" mt="md" title="Copy this key now: it is shown only once" withCloseButton onClose={() => setCreated(null)}>
            <Group gap="xs" wrap="nowrap">
              <Code style={{ wordBreak: 'break-all' }} data-testid="new-key">
                {created.key}
              </Code>
              <CopyButton value={created.key}>
                {({ copied, copy }) => (
                  <ActionIcon variant="light" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label="Copy the key">
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" mt={6}>
              Apps send it as <span className="nb-mono">Authorization: Bearer …</span>
            </Text>
          </Alert>
        )}
      </Card>
      <Card withBorder padding="lg">
        <Title order={4} mb="sm">
          Keys
        </Title>
        {q.isPending ? (
          <Loading h={100} />
        ) : q.isError ? (
          <ErrorState error={q.error} retry={() => q.refetch()} what="the keys" />
        ) : q.data.length === 0 ? (
          <Empty title="No API key yet" description="Apps and CRMs read offers and recommendations with a service key." />
        ) : (
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.map((k) => (
                <Table.Tr key={k.keyId} style={k.revokedAt ? { opacity: 0.55 } : undefined}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {k.name ?? '—'}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {k.keyId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="nb-mono">
                      {k.prefix}…
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RoleBadge role={k.role} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(k.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'never'}</Text>
                  </Table.Td>
                  <Table.Td>
                    {k.revokedAt ? (
                      <Badge color="gray" variant="outline">
                        revoked
                      </Badge>
                    ) : (
                      <Badge color="teal" variant="light">
                        active
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {!k.revokedAt && (
                      <Tooltip label="Revoke">
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Revoke ${k.name ?? k.keyId}`}
                          onClick={async () => {
                            if (!window.confirm(`Revoke ${k.name ?? k.keyId}? Apps using it are refused from now on.`)) return;
                            try {
                              await del(`/v1/keys/${encodeURIComponent(k.keyId)}`);
                              await qc.invalidateQueries({ queryKey: ['keys'] });
                            } catch (e) {
                              notifications.show({ color: 'red', title: 'Not revoked', message: errorText(e) });
                            }
                          }}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}

function Audit() {
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const q = useQuery({
    queryKey: ['audit', actor, action],
    queryFn: ({ signal }) =>
      get<AuditRow[]>('/v1/audit', { limit: 200, actor: actor.trim() || undefined, action: action.trim() || undefined }, signal),
  });
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Audit log</Title>
        <Group gap="xs">
          <TextInput
            size="xs"
            placeholder="actor"
            value={actor}
            onChange={(e) => setActor(e.currentTarget.value)}
            aria-label="Filter by actor"
          />
          <TextInput
            size="xs"
            placeholder="action, e.g. tor."
            value={action}
            onChange={(e) => setAction(e.currentTarget.value)}
            aria-label="Filter by action"
          />
        </Group>
      </Group>
      {q.isPending ? (
        <Loading h={100} />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => q.refetch()} what="the audit log" />
      ) : q.data.length === 0 ? (
        <Empty title="Nothing logged" />
      ) : (
        <Table verticalSpacing={4} fz="sm" data-testid="audit">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Target</Table.Th>
              <Table.Th>Outcome</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.map((r, i) => (
              <Table.Tr key={i}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.at)}</Table.Td>
                <Table.Td>
                  {r.actor}
                  {r.role ? (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      · {r.role}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td className="nb-mono">{r.action}</Table.Td>
                <Table.Td className="nb-mono">{r.target ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={/^(ok|accepted)/.test(r.outcome) ? 'teal' : 'red'}>
                    {r.outcome}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function Settings() {
  const c = useConfig();
  const qc = useQueryClient();
  const [hierarchy, setHierarchy] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const current = Array.isArray(c.data?.hierarchy) ? (c.data!.hierarchy as string[]).join(',') : '';
  return (
    <Card withBorder padding="lg" maw={720}>
      <Title order={4} mb="sm">
        Store settings
      </Title>
      {c.isPending ? (
        <Loading h={80} />
      ) : c.isError ? (
        <ErrorState error={c.error} what="the settings" />
      ) : (
        <Stack>
          <Group align="flex-end">
            <TextInput
              label="Product hierarchy"
              description="Product attributes, top level first (e.g. department,family): offer types and automatic selection follow it."
              value={hierarchy ?? current}
              onChange={(e) => setHierarchy(e.currentTarget.value)}
              error={err}
              w={420}
              classNames={{ input: 'nb-mono' }}
            />
            <Button
              disabled={hierarchy === null || hierarchy === current}
              onClick={async () => {
                setErr(null);
                try {
                  await put('/v1/config/hierarchy', { value: hierarchy ?? '' });
                  await qc.invalidateQueries({ queryKey: ['config'] });
                  setHierarchy(null);
                  notifications.show({ color: 'teal', message: 'Hierarchy saved' });
                } catch (e) {
                  setErr(errorText(e));
                }
              }}
            >
              Save
            </Button>
          </Group>
          <Table verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {Object.entries(c.data)
                .filter(([k]) => k !== 'hierarchy')
                .map(([k, v]) => (
                  <Table.Tr key={k}>
                    <Table.Td className="nb-mono" w={220}>
                      {k}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2} className="nb-mono">
                        {typeof v === 'string' ? v : JSON.stringify(v)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Card>
  );
}
