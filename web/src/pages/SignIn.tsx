// Sign in with a dashboard user (POST /v1/session): the server sets an HttpOnly cookie.
import { Alert, Box, Button, Card, Center, Group, PasswordInput, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconTargetArrow } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ApiError, errorText } from '../api/client.ts';

export function SignIn({ signIn }: { signIn: (u: string, p: string) => Promise<void> }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!username || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'Wrong username or password.' : errorText(err));
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="gray.0">
      <Stack w={380} gap="lg">
        <Group gap="sm" justify="center">
          <ThemeIcon size={40} radius="md" variant="filled">
            <IconTargetArrow size={24} />
          </ThemeIcon>
          <Box>
            <Title order={2} lh={1}>
              nextbest
            </Title>
            <Text size="sm" c="dimmed">
              next-best-offer engine
            </Text>
          </Box>
        </Group>
        <Card withBorder shadow="sm" padding="xl" component="form" onSubmit={submit} aria-label="Sign in">
          <Stack>
            <Title order={4}>Sign in</Title>
            <TextInput
              label="Username"
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoComplete="username"
              autoFocus
              name="username"
            />
            <PasswordInput
              label="Password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="current-password"
              name="password"
            />
            {error && (
              <Alert color="red" py="xs" data-testid="signin-error">
                {error}
              </Alert>
            )}
            <Button type="submit" loading={busy} fullWidth>
              Sign in
            </Button>
            <Text size="xs" c="dimmed">
              No account? An admin creates one with <span className="nb-mono">nextbest users create NAME --role marketer</span>.
            </Text>
          </Stack>
        </Card>
      </Stack>
    </Center>
  );
}
