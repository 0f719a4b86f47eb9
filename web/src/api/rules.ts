// Trigger rules over the /v1 API (rules.*): the loaded set with firing counts per rule, recorded firings.
import { useQuery } from '@tanstack/react-query';
import { get } from './client.ts';

export interface RuleSummary {
  id: string;
  offer: string;
  trigger: string;
  enabled: boolean;
}
export interface RuleCount {
  rule: string;
  firings: number;
  customers: number;
  lastFiredAt: string | null;
  bySource: Record<string, number>;
}
export interface RuleRow extends RuleSummary, Omit<RuleCount, 'rule'> {
  description: string | null;
}
export interface RulesList {
  ruleSet: { id: string; name: string; loadedAt: string; actor: string | null; rules: number } | null;
  rules: RuleRow[];
  otherRules: RuleCount[];
}
export interface Firing {
  customer_id: string;
  rule: string;
  offer_id: string;
  fired_at: string;
  source?: string;
  rule_set?: string;
  recorded_at?: string;
}
export interface FiringsPage {
  total: number;
  firings: Firing[];
}
export interface RuleOutcome {
  rule: string;
  offer: string;
  fired: number;
  skipped: string | null;
}
export interface ApplyResult {
  asOf: string;
  ruleSet: string;
  dryRun: boolean;
  fired: number;
  rules: RuleOutcome[];
  out: string | null;
  firings: Firing[];
}

export function useRules() {
  return useQuery({ queryKey: ['rules', 'list'], queryFn: ({ signal }) => get<RulesList>('/v1/rules', undefined, signal) });
}

export function useFirings(f: { rule?: string | null; customer?: string | null; limit?: number }, enabled = true) {
  return useQuery({
    queryKey: ['rules', 'firings', f.rule ?? '', f.customer ?? '', f.limit ?? 50],
    enabled,
    retry: false,
    queryFn: ({ signal }) =>
      f.customer
        ? get<FiringsPage>(`/v1/customers/${encodeURIComponent(f.customer)}/firings`, { limit: f.limit ?? 50 }, signal)
        : get<FiringsPage>('/v1/rules/firings', { rule: f.rule ?? undefined, limit: f.limit ?? 50 }, signal),
  });
}
