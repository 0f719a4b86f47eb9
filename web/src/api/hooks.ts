// Data hooks over the /v1 API (TanStack Query), and a job follower (server-sent events, polling as
// a fallback).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { get } from './client.ts';
import type {
  AuditRow,
  InsightsReport,
  Job,
  ModelInfo,
  OfferList,
  TableCount,
  Tor,
  TorOverview,
  UserInfo,
  AutoModelInfo,
} from './types.ts';

export function useTors() {
  return useQuery({
    queryKey: ['tors'],
    queryFn: ({ signal }) => get<Tor[]>('/v1/tors', undefined, signal),
    // While a TOR computes, its row shows live progress.
    refetchInterval: (q) => ((q.state.data ?? []).some((t) => t.status === 'computing') ? 1000 : 15_000),
  });
}

export function useTor(id: string | null, sample = 0) {
  return useQuery({
    queryKey: ['tor', id, sample],
    enabled: !!id,
    queryFn: ({ signal }) => get<TorOverview>(`/v1/tors/${encodeURIComponent(id!)}`, { sample }, signal),
    refetchInterval: (q) => (q.state.data?.tor.status === 'computing' ? 1000 : false),
  });
}

/** Running and queued jobs, to show the stage of a TOR computing in another tab or terminal. */
export function useActiveJobs(enabled: boolean) {
  return useQuery({
    queryKey: ['jobs', 'active'],
    enabled,
    queryFn: async ({ signal }) => {
      const [running, queued] = await Promise.all([
        get<{ jobs: Job[] }>('/v1/jobs', { status: 'running', limit: 100 }, signal),
        get<{ jobs: Job[] }>('/v1/jobs', { status: 'queued', limit: 100 }, signal),
      ]);
      return [...running.jobs, ...queued.jobs];
    },
    // Fast while something runs; otherwise a slow look for computes started elsewhere.
    refetchInterval: (q) => (!enabled ? false : q.state.data?.length ? 1000 : 4000),
  });
}

export function useConfig() {
  return useQuery({
    queryKey: ['config'],
    queryFn: ({ signal }) => get<Record<string, unknown>>('/v1/config', undefined, signal),
    staleTime: 60_000,
  });
}

/** The store's currency (config key `currency`, an ISO code) when it declares one. */
export function useCurrency(): string | null {
  const c = useConfig().data;
  const v = c?.currency;
  return typeof v === 'string' ? v : null;
}

export function useHierarchy(): string[] {
  const c = useConfig().data;
  return Array.isArray(c?.hierarchy) ? (c!.hierarchy as string[]) : [];
}

export function useOffers(search?: string) {
  return useQuery({
    queryKey: ['offers', search ?? ''],
    queryFn: ({ signal }) => get<OfferList>('/v1/offers', { search: search || undefined }, signal),
    staleTime: 60_000,
  });
}

/** Every offer's name by id (offers are shown by name, their id on hover). */
export function useOfferNames(): Map<string, string> {
  const q = useOffers();
  const ref = useRef<{ data: unknown; map: Map<string, string> }>({ data: null, map: new Map() });
  if (q.data && ref.current.data !== q.data) ref.current = { data: q.data, map: new Map(q.data.list.map((o) => [o.offerId, o.name])) };
  return ref.current.map;
}

export function useInsights(type?: string) {
  return useQuery({
    queryKey: ['insights', type ?? ''],
    queryFn: ({ signal }) => get<InsightsReport>('/v1/offers/insights', { type }, signal),
    staleTime: 5 * 60_000,
  });
}

export function useModels() {
  return useQuery({ queryKey: ['models'], queryFn: ({ signal }) => get<ModelInfo[]>('/v1/models', undefined, signal) });
}

/** What `--model auto` chose, per variant, with every candidate's backtest figures (null until a recommend ran). */
export function useAutoChoice() {
  return useQuery({ queryKey: ['models', 'auto'], queryFn: ({ signal }) => get<AutoModelInfo>('/v1/models/auto', undefined, signal) });
}

export function useTables() {
  return useQuery({ queryKey: ['data', 'tables'], queryFn: ({ signal }) => get<TableCount[]>('/v1/data/tables', undefined, signal) });
}

export function useUsers(enabled = true) {
  return useQuery({ queryKey: ['users'], enabled, queryFn: ({ signal }) => get<UserInfo[]>('/v1/users', undefined, signal) });
}

export function useAudit(limit: number, enabled = true) {
  return useQuery({
    queryKey: ['audit', limit],
    enabled,
    queryFn: ({ signal }) => get<AuditRow[] | { items: AuditRow[] }>('/v1/audit', { limit }, signal),
  });
}

export interface JobFollow {
  job: Job | null;
  progress: number;
  stage: string;
  logs: string[];
  done: boolean;
}

/**
 * Follows a job live: GET /v1/jobs/:id/events (progress, log, end); if the stream breaks, polls
 * GET /v1/jobs/:id. `onEnd` runs once with the final job.
 */
export function useJob(jobId: string | null, onEnd?: (job: Job) => void): JobFollow {
  const [state, setState] = useState<JobFollow>({ job: null, progress: 0, stage: 'queued', logs: [], done: false });
  const endRef = useRef(onEnd);
  endRef.current = onEnd;
  const qc = useQueryClient();

  useEffect(() => {
    setState({ job: null, progress: 0, stage: 'queued', logs: [], done: false });
    if (!jobId) return;
    let finished = false;
    let poll: ReturnType<typeof setInterval> | null = null;
    const finish = (job: Job) => {
      if (finished) return;
      finished = true;
      setState((s) => ({ ...s, job, progress: job.status === 'succeeded' ? 1 : s.progress, stage: job.stage, done: true }));
      void qc.invalidateQueries();
      endRef.current?.(job);
    };
    const es = typeof EventSource === 'undefined' ? null : new EventSource(`/v1/jobs/${encodeURIComponent(jobId)}/events`);
    const startPolling = () => {
      if (poll || finished) return;
      poll = setInterval(async () => {
        try {
          const { job } = await get<{ job: Job }>(`/v1/jobs/${encodeURIComponent(jobId)}`);
          if (job.status === 'queued' || job.status === 'running')
            setState((s) => ({ ...s, job, progress: job.progress, stage: job.stage }));
          else finish(job);
        } catch {
          /* keep trying */
        }
      }, 1000);
    };
    if (es) {
      es.addEventListener('progress', (e) => {
        const d = JSON.parse((e as MessageEvent).data) as { progress: number; stage: string };
        setState((s) => ({ ...s, progress: d.progress ?? s.progress, stage: d.stage ?? s.stage }));
      });
      es.addEventListener('log', (e) => {
        const d = JSON.parse((e as MessageEvent).data) as { line: string };
        setState((s) => ({ ...s, logs: [...s.logs.slice(-49), d.line] }));
      });
      es.addEventListener('end', (e) => {
        const d = JSON.parse((e as MessageEvent).data) as { job: Job };
        es.close();
        finish(d.job);
      });
      es.onerror = () => {
        es.close();
        startPolling();
      };
    } else {
      startPolling();
    }
    return () => {
      finished = true;
      es?.close();
      if (poll) clearInterval(poll);
    };
  }, [jobId, qc]);

  return state;
}
