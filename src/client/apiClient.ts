// A small client of the /v1 API: calls an op by its route, follows a job (server-sent events for
// progress and log lines) to its end, and rebuilds errors with their class so the CLI exits the
// same way as in-process.
import { errorFromWire } from '../domain/wireError.ts';
import type { Op, OpContext } from '../ops/op.ts';
import type { JobRecord } from '../store/jobTable.ts';
import { jobError } from '../jobs/jobError.ts';
import { UserError } from '../domain/errors.ts';

export interface ApiTarget {
  url: string;
  token: string;
}

interface ApiErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

/** Fills `:param` segments from the input; the rest goes to the query (GET/DELETE) or the JSON body. */
export function requestFor(
  op: Op,
  input: Record<string, unknown>,
): { path: string; query: URLSearchParams; body: Record<string, unknown> | null } {
  const rest = { ...input };
  const path = op.path.replace(/:(\w+)/g, (_m, k: string) => {
    const v = rest[k];
    delete rest[k];
    return encodeURIComponent(String(v));
  });
  const query = new URLSearchParams();
  if (op.method === 'GET' || op.method === 'DELETE') {
    for (const [k, v] of Object.entries(rest)) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) v.forEach((x) => query.append(k, String(x)));
      else query.append(k, String(v));
    }
    return { path, query, body: null };
  }
  return { path, query, body: rest };
}

async function errorFrom(res: Response): Promise<Error> {
  let body: ApiErrorBody | null = null;
  try {
    body = (await res.json()) as ApiErrorBody;
  } catch {
    /* not JSON */
  }
  const msg = body?.message ?? `${res.status} ${res.statusText}`;
  const details = body?.details as { problems?: unknown[]; total?: number } | undefined;
  if (res.status === 404) return errorFromWire({ name: 'NotFoundError', message: msg });
  if (res.status === 409) return errorFromWire({ name: 'ConflictError', message: msg });
  if (res.status === 403) return errorFromWire({ name: 'ForbiddenError', message: msg });
  if (body?.error === 'invalid_input' && details?.problems) {
    return errorFromWire({ name: 'InputError', message: msg, problems: details.problems as never, total: details.total });
  }
  if (res.status >= 400 && res.status < 500) return new UserError(msg);
  const e = new Error(msg);
  return e;
}

export async function apiFetch(t: ApiTarget, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${t.token}` };
  if (body !== undefined && body !== null) headers['content-type'] = 'application/json';
  return fetch(new URL(path, t.url), { method, headers, body: body == null ? undefined : JSON.stringify(body) });
}

export async function callRemote<O>(
  t: ApiTarget,
  op: Op,
  input: Record<string, unknown>,
  ctx: Pick<OpContext, 'progress' | 'log'>,
): Promise<O> {
  const req = requestFor(op, input);
  const qs = req.query.toString();
  const res = await apiFetch(t, op.method, req.path + (qs ? `?${qs}` : ''), req.body);
  if (res.status === 202) {
    const { job } = (await res.json()) as { job: JobRecord };
    return (await followJob(t, job.jobId, ctx)) as O;
  }
  if (!res.ok) throw await errorFrom(res);
  if (res.status === 204) return undefined as O;
  return (await res.json()) as O;
}

/** Streams a job's events until it ends; returns its result or throws its error. */
export async function followJob(t: ApiTarget, jobId: string, ctx: Pick<OpContext, 'progress' | 'log'>): Promise<unknown> {
  const res = await fetch(new URL(`/v1/jobs/${encodeURIComponent(jobId)}/events`, t.url), {
    headers: { authorization: `Bearer ${t.token}`, accept: 'text/event-stream' },
  });
  if (!res.ok || !res.body) throw await errorFrom(res);
  const decoder = new TextDecoder();
  let buf = '';
  let end: JobRecord | null = null;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(chunk, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!event || data === undefined) continue;
      const d = JSON.parse(data);
      if (event === 'progress') ctx.progress(d.progress, d.stage);
      else if (event === 'log') ctx.log(d.line);
      else if (event === 'end') end = d.job as JobRecord;
    }
    if (end) break;
  }
  if (!end) {
    // The stream closed early (server restart?): read the record once.
    const r = await apiFetch(t, 'GET', `/v1/jobs/${encodeURIComponent(jobId)}`);
    if (!r.ok) throw await errorFrom(r);
    end = ((await r.json()) as { job: JobRecord }).job;
    if (end.status === 'queued' || end.status === 'running')
      throw new Error(`lost the connection to job ${jobId}; it is still ${end.status}`);
  }
  if (end.status === 'succeeded') return end.result;
  throw jobError(end);
}
