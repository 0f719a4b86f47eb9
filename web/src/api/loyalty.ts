// Loyalty over the /v1 API (loyalty.*): a customer's loyalty view and the programme settings.
import { useQuery } from '@tanstack/react-query';
import { get } from './client.ts';

export interface LoyaltySettings {
  cells: number;
  autofill: boolean;
  lockDays: number;
}
export interface CellView {
  cell: number;
  productId: string | null;
  productName: string | null;
  source: string | null;
  effectiveFrom: string | null;
  setBy: string | null;
  memberMayEdit: boolean;
  memberMayEditFrom: string | null;
}
export interface CellChange {
  customerId: string;
  cell: number;
  productId: string | null;
  effectiveFrom: string;
  setBy: string;
  setAt: string;
  source: string;
}
export interface LoyaltyView {
  customerId: string;
  at: string;
  member: boolean;
  settings: LoyaltySettings;
  favourites: CellView[];
  scheduled: CellChange[];
  history: CellChange[];
  eligible: { count: number; products: { productId: string; name: string | null }[] };
  categories: { category: string; validFrom: string | null; validTo: string | null }[];
  personalOffers: Record<string, unknown>[];
  individualOffers: Record<string, unknown>[];
}

export function useLoyalty(id: string) {
  return useQuery({
    queryKey: ['loyalty', 'customer', id],
    retry: false,
    queryFn: ({ signal }) => get<LoyaltyView>(`/v1/customers/${encodeURIComponent(id)}/loyalty`, undefined, signal),
  });
}

export function useLoyaltySettings() {
  return useQuery({
    queryKey: ['loyalty', 'settings'],
    queryFn: ({ signal }) => get<LoyaltySettings>('/v1/loyalty/settings', undefined, signal),
  });
}

/** Who may still change a cell, as people say it. */
export function cellEditText(c: Pick<CellView, 'memberMayEdit' | 'memberMayEditFrom'>, member: boolean): string {
  if (!member) return 'not a member';
  if (c.memberMayEdit) return 'member may change it';
  return c.memberMayEditFrom ? `locked for the member until ${c.memberMayEditFrom.slice(0, 10)}` : 'locked for the member';
}
