// Promotions over the /v1 API (promotions.*): the pool, the latest computed run, a customer's list.
import { useQuery } from '@tanstack/react-query';
import { ApiError, get } from './client.ts';

export const MECHANISMS = ['percent_off', 'amount_off', 'bogo', 'points', 'bundle', 'free_shipping'] as const;

export interface PromotionScope {
  kind: 'attribute';
  attribute: string;
  value: string;
} // or explicit products
export interface Promotion {
  promotionId: string;
  name: string;
  scope: PromotionScope | { kind: 'products'; productIds: string[] };
  mechanism: string;
  value: number | null;
  validFrom: string | null;
  validTo: string | null;
  channel: string;
  level: string;
  cost: number | null;
  stock: number | null;
  budget: number | null;
  source: string;
}
export interface PromotionRunSummary {
  runId: string;
  asOf: string;
  objective: string;
  model: string;
  calibrated: boolean;
  promotions: number;
  addressable: number;
  customers: number;
  customersWithPromotions: number;
  assignments: number;
  expectedValue: number;
  unconstrained: number;
  excluded: Record<string, number>;
  limitedPromotions: number;
  seconds: number;
}
export interface PromotionRun {
  runId: string;
  createdAt: string;
  summary: PromotionRunSummary;
}
export interface PromotionPool {
  promotions: Promotion[];
  latestRun: PromotionRun | null;
}
export interface CustomerPromotion {
  rank: number;
  promotionId: string;
  name: string;
  mechanism: string;
  value: number | null;
  channel: string;
  validTo: string | null;
  expectedValue: number;
  probability: number | null;
  reason: string | null;
}
export interface CustomerPromotions {
  customerId: string;
  runId: string;
  promotions: CustomerPromotion[];
}

export function usePromotions() {
  return useQuery({ queryKey: ['promotions', 'pool'], queryFn: ({ signal }) => get<PromotionPool>('/v1/promotions', undefined, signal) });
}

export function useCustomerPromotions(id: string | null) {
  return useQuery({
    queryKey: ['promotions', 'customer', id],
    enabled: !!id,
    retry: false,
    queryFn: ({ signal }) => get<CustomerPromotions>(`/v1/customers/${encodeURIComponent(id!)}/promotions`, undefined, signal),
  });
}

/** "no promotion lists yet" is a 400 from the server: not an error to show in red, just nothing computed. */
export function noListsYet(e: unknown): boolean {
  return e instanceof ApiError && /no promotion lists yet/.test(e.message);
}

/** A promotion's mechanism as people say it: "20 % off", "2× points", "buy one get one". */
export function mechanismText(mechanism: string, value: number | null): string {
  switch (mechanism) {
    case 'percent_off':
      return value === null ? '% off' : `${value} % off`;
    case 'amount_off':
      return value === null ? 'amount off' : `${value} off`;
    case 'points':
      return value === null ? 'bonus points' : `${value}× points`;
    case 'bogo':
      return 'buy one get one';
    case 'bundle':
      return value === null ? 'bundle' : `bundle, ${value} off`;
    case 'free_shipping':
      return 'free shipping';
    default:
      return value === null ? mechanism : `${mechanism} ${value}`;
  }
}
