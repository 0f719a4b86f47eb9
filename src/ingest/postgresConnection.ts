// A PostgreSQL connection from `postgres://user@host[:port]/db` text, shared by the import source
// and the predictions-table export. The password never travels in the URL (URLs land in job inputs,
// logs and the export history): it comes from NEXTBEST_PG_PASSWORD or PGPASSWORD in the environment
// of the process that connects — the server's when one holds the store.
import pg from 'pg';
import { UserError } from '../domain/errors.ts';

export interface PostgresEndpoint {
  host: string;
  port: number;
  user: string;
  database: string;
  /** sslmode from the URL: disable (default), require (encrypted, any certificate) or verify-full. */
  ssl: 'disable' | 'require' | 'verify-full';
}

const SSL_MODES = ['disable', 'require', 'verify-full'] as const;

export function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text.trim());
}

export const PG_PASSWORD_REFUSED =
  'do not put a password in the PostgreSQL URL: set NEXTBEST_PG_PASSWORD (or PGPASSWORD) in the environment';

/** For request validation: a URL with a password is refused before the request (and its job record) is stored. */
export function postgresUrlHasPassword(text: string): boolean {
  try {
    return isPostgresUrl(text) && new URL(text.trim()).password !== '';
  } catch {
    return false;
  }
}

/** Parses and checks the URL; every problem is a UserError saying what to write instead. */
export function postgresEndpoint(text: string): PostgresEndpoint {
  const shape = 'postgres://user@host[:port]/database';
  if (!isPostgresUrl(text)) throw new UserError(`'${text}' is not a PostgreSQL URL: expected ${shape}`);
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UserError(`invalid PostgreSQL URL '${text}': expected ${shape}`);
  }
  if (url.password) throw new UserError(PG_PASSWORD_REFUSED);
  const user = decodeURIComponent(url.username);
  if (!user) throw new UserError(`PostgreSQL URL '${text}' has no user: expected ${shape}`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) throw new UserError(`PostgreSQL URL '${text}' must name one database: expected ${shape}`);
  const params = new Map(url.searchParams);
  // ?host=/run/postgresql connects through a unix socket directory, as libpq does.
  const host = params.get('host') ?? url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new UserError(`PostgreSQL URL '${text}' has no host`);
  const port = url.port === '' ? 5432 : Number(url.port);
  const ssl = (params.get('sslmode') ?? 'disable') as PostgresEndpoint['ssl'];
  if (!SSL_MODES.includes(ssl)) throw new UserError(`sslmode must be one of ${SSL_MODES.join(', ')} (got '${ssl}')`);
  for (const k of params.keys()) {
    if (k !== 'host' && k !== 'sslmode') throw new UserError(`PostgreSQL URL option '${k}' is not supported (use host, sslmode)`);
  }
  if (url.hash) throw new UserError(`PostgreSQL URL '${text}' must not contain '#'`);
  return { host, port, user, database, ssl };
}

/** Text for messages and the export history: never a secret. */
export function postgresLabel(e: PostgresEndpoint): string {
  const host = e.host.startsWith('/') ? `?host=${e.host}` : e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
  return e.host.startsWith('/')
    ? `postgres://${encodeURIComponent(e.user)}@/${e.database}${host}`
    : `postgres://${encodeURIComponent(e.user)}@${host}/${e.database}`;
}

/** Opens a session; connection failures name the endpoint (not the password) and the reason. */
export async function connectPostgres(e: PostgresEndpoint, env: NodeJS.ProcessEnv = process.env): Promise<pg.Client> {
  const client = new pg.Client({
    host: e.host,
    port: e.port,
    user: e.user,
    database: e.database,
    password: env.NEXTBEST_PG_PASSWORD ?? env.PGPASSWORD,
    ssl: e.ssl === 'disable' ? false : { rejectUnauthorized: e.ssl === 'verify-full' },
    application_name: 'nextbest',
    connectionTimeoutMillis: 15_000,
  });
  // An idle client whose server goes away emits 'error'; without a listener that would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    // Text output the importer reads like a file: ISO dates, timestamptz shown in UTC.
    await client.query(`SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'`);
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new UserError(`cannot connect to ${postgresLabel(e)}: ${(err as Error).message}`);
  }
  return client;
}

/** `schema.table` or `table` → quoted parts; unquoted names fold to lower case, as PostgreSQL does. */
export function postgresTableName(text: string, maxLength = 63): { schema: string | null; name: string; sql: string } {
  const parts = text.trim().split('.');
  const ok = /^[A-Za-z_][A-Za-z0-9_$]*$/;
  if (parts.length > 2 || parts.some((p) => !ok.test(p))) {
    throw new UserError(`PostgreSQL table '${text}' must be table or schema.table (letters, digits, _ and $; starting with a letter or _)`);
  }
  const [schema, name] = parts.length === 2 ? [parts[0].toLowerCase(), parts[1].toLowerCase()] : [null, parts[0].toLowerCase()];
  if (name.length > maxLength) throw new UserError(`PostgreSQL table name '${name}' is too long (at most ${maxLength} characters)`);
  return { schema, name, sql: (schema ? `"${schema}".` : '') + `"${name}"` };
}
