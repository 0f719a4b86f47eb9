// Every screen talks to the public /v1 API through this: same-origin fetch with the session cookie,
// the CSRF token on every write, JSON errors rebuilt as ApiError (status, code, message, field
// details). A 401 anywhere signs the dashboard out.

export interface FieldProblem {
  field: string;
  problem: string;
}
/** A problem at a place in a posted text (file, line, column), as the server's InputError lists them. */
export interface TextProblem {
  file: string;
  line: number;
  column: string | number;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    readonly problems: TextProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** The problem with one field (matched on its last path segment: body.audience → audience). */
  fieldProblem(field: string): string | null {
    const d = this.details.find(
      (x) => x.field === field || x.field.split('.').slice(1).join('.') === field || x.field.endsWith(`.${field}`),
    );
    return d ? d.problem : null;
  }
}

let csrfToken: string | null = null;
const signedOutListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function onSignedOut(fn: () => void): () => void {
  signedOutListeners.add(fn);
  return () => signedOutListeners.delete(fn);
}

type Query = Record<string, string | number | boolean | null | undefined | string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const x of v) q.append(k, x);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: { signal?: AbortSignal; quiet401?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      signal: opts.signal,
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The nextbest server did not answer. Is `nextbest serve` still running?');
  }
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    if (res.status === 401 && !opts.quiet401) for (const fn of signedOutListeners) fn();
    throw new ApiError(
      res.status,
      json?.error ?? `http_${res.status}`,
      json?.message ?? (text.slice(0, 200) || res.statusText),
      Array.isArray(json?.details) ? json.details : [],
      Array.isArray(json?.details?.problems) ? json.details.problems : [],
    );
  }
  return json as T;
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) => api<T>('GET', withQuery(path, query), undefined, { signal });
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/** A message for people from anything thrown. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.details.length) return `${e.message}`;
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** Whether an API route exists on this server (404 with "no route" = not built yet). */
export function isMissingRoute(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404 && /^no route /.test(e.message);
}
