// Segments over the /v1 API (segments.*): list with sizes as of a date, one segment's detail and
// refresh history, the overlap matrix and the moves between two dates.
import { useQuery } from '@tanstack/react-query';
import { get } from './client.ts';

export interface SegmentItem {
  id: string;
  name: string;
  size: number | null;
  description: string;
  expression: string;
  builtin: boolean;
  edited: boolean;
  asOf: string;
  refreshedAt: string | null;
  error?: string;
}
export interface SegmentRefreshRecord {
  refreshId: string;
  asOf: string;
  size: number;
  refreshedAt: string;
  actor: string | null;
  expression: string;
}
export interface SegmentDetail {
  id: string;
  name: string;
  description: string;
  expression: string;
  builtin: boolean;
  edited: boolean;
  createdAt: string;
  updatedAt: string;
  asOf: string;
  size: number;
  sample: string[];
  refreshes: SegmentRefreshRecord[];
}
export interface SegmentOverlap {
  asOf: string;
  segments: string[];
  counts: number[][];
  skipped: { segmentId: string; error: string }[];
}
export interface SegmentMove {
  segmentId: string;
  sizeFrom: number;
  sizeTo: number;
  entered: number;
  left: number;
  stayed: number;
  enteredIds: string[];
  leftIds: string[];
}
export interface SegmentMoves {
  from: string;
  to: string;
  moves: SegmentMove[];
  skipped: { segmentId: string; error: string }[];
}

export function useSegments(asOf?: string | null) {
  return useQuery({
    queryKey: ['segments', 'list', asOf ?? ''],
    queryFn: ({ signal }) => get<SegmentItem[]>('/v1/segments', { asOf: asOf || undefined }, signal),
  });
}

export function useSegment(id: string | null, asOf?: string | null) {
  return useQuery({
    queryKey: ['segments', 'one', id, asOf ?? ''],
    enabled: !!id,
    queryFn: ({ signal }) => get<SegmentDetail>(`/v1/segments/${encodeURIComponent(id!)}`, { asOf: asOf || undefined, sample: 20 }, signal),
  });
}

export function useSegmentOverlap(asOf?: string | null) {
  return useQuery({
    queryKey: ['segments', 'overlap', asOf ?? ''],
    queryFn: ({ signal }) => get<SegmentOverlap>('/v1/segments/overlap', { asOf: asOf || undefined }, signal),
  });
}

export function useSegmentMoves(from: string | null, to: string | null) {
  return useQuery({
    queryKey: ['segments', 'moves', from, to],
    enabled: !!from && !!to,
    queryFn: ({ signal }) => get<SegmentMoves>('/v1/segments/moves', { from: from!, to: to!, limit: 20 }, signal),
  });
}
