// Segment → offer maps and offer message templates over the /v1 API (maps.*, offers.message(s)).
import { useQuery } from '@tanstack/react-query';
import { get } from './client.ts';

export interface OfferMapSummary {
  id: string;
  name: string;
  rules: number;
  updatedAt: string;
  tors: string[];
}

export interface OfferMapRule {
  segment: string;
  allow?: string[];
  forbid?: string[];
  boost?: Record<string, number>;
  max_value?: number;
  max_cost?: number;
  message?: string;
}
export interface OfferMapDefinition {
  id: string;
  name?: string;
  rules: OfferMapRule[];
  intensity?: Record<string, { max_value?: number; max_cost?: number }>;
}
export interface StoredOfferMap {
  map: OfferMapDefinition;
  source: string;
  createdAt: string;
  updatedAt: string;
}

export interface OfferMessage {
  offerId: string;
  template: string;
  fallback: string | null;
  updatedAt: string;
}

export function useOfferMaps() {
  return useQuery({ queryKey: ['offer-maps'], queryFn: ({ signal }) => get<OfferMapSummary[]>('/v1/offer-maps', undefined, signal) });
}

export function useOfferMap(id: string | null) {
  return useQuery({
    queryKey: ['offer-map', id],
    enabled: !!id,
    queryFn: ({ signal }) => get<StoredOfferMap>(`/v1/offer-maps/${encodeURIComponent(id!)}`, undefined, signal),
  });
}

export function useOfferMessages() {
  return useQuery({ queryKey: ['offer-messages'], queryFn: ({ signal }) => get<OfferMessage[]>('/v1/offer-messages', undefined, signal) });
}

/** A starting point for a new map: the format of docs/offer-maps.md with the store's own segment ids. */
export function mapTemplate(segments: string[]): string {
  const segs = segments.length ? segments.slice(0, 2) : ['high-value-repeaters', 'dormant'];
  return [
    'id: my-map',
    'name: Tailor offers by segment',
    'rules:                       # a customer follows the FIRST rule whose segment holds them',
    ...segs.flatMap((s) => [
      `  - segment: ${s}`,
      '    boost: {}                 # offer id: factor, e.g. { family=candles: 1.5 }',
      '    forbid: []',
    ]),
    '',
  ].join('\n');
}
