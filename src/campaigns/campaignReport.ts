// The KPI report of one campaign (docs/experiments.md): attributed outcomes of every contact, then
// treatment vs control overall and per segment (unit = customer send), per offer and per priority
// (unit = contact), with 95 % intervals, Holm-adjusted p-values across offers, a sample-ratio check,
// cumulative incremental revenue by day, and the playbook's warnings.
import { UserError } from '../domain/errors.ts';
import { DAY } from '../math/day.ts';
import type { Comparison } from '../evaluate/experiment/armComparison.ts';
import { adjustedPValues } from '../evaluate/experiment/adjustedPValues.ts';
import { srmCheck, type SrmResult } from '../evaluate/experiment/srmCheck.ts';
import { listOffers } from '../store/offerTable.ts';
import type { Store } from '../store/store.ts';
import { campaignInfo, type CampaignInfo } from './campaignInfo.ts';
import { campaignTimeline, type TimelinePoint } from './campaignTimeline.ts';
import { campaignUnitsFromStore, type UnitOptions } from './campaignUnitsFromStore.ts';
import { campaignWarnings, type CampaignWarning } from './campaignWarnings.ts';
import { rowsByKey, sendComparison, unitComparison, type ComparisonOptions } from './comparisonsByGroup.ts';
import { intensityFacts } from './intensityFacts.ts';

export interface ReportOptions extends UnitOptions {
  confidence?: number;
  /** Planned control share in percent for the SRM check when the campaign does not say it (imported campaigns). */
  expectedControlPct?: number | null;
}

export interface CampaignReport {
  campaign: CampaignInfo;
  settings: {
    window_days: number;
    attribution: 'last' | 'first';
    churn_days: number;
    confidence: number;
    correction: 'holm';
    uptake_source: 'responses' | 'purchases';
  };
  srm: SrmResult | null;
  overall: Comparison;
  offers: (Comparison & {
    offer_id: string;
    offer_name: string;
    cost: number | null;
    /** Holm-adjusted p-values over the campaign's offers: conversion (p_adjusted), uptake, revenue per contact. */
    p_adjusted: number | null;
    uptake_p_adjusted: number | null;
    revenue_p_adjusted: number | null;
    significant: boolean;
  })[];
  segments: (Comparison & { segment: string })[];
  priorities: (Comparison & { priority: number })[];
  timeline: TimelinePoint[];
  warnings: CampaignWarning[];
  notes: string[];
}

export async function campaignReport(store: Store, campaignId: string, o: ReportOptions): Promise<CampaignReport> {
  if (!(o.windowDays >= 1)) throw new UserError(`the attribution window must be at least 1 day (got ${o.windowDays})`);
  if (!(o.churnDays >= 1)) throw new UserError(`the churn window must be at least 1 day (got ${o.churnDays})`);
  const campaign = await campaignInfo(store, campaignId);
  const catalogue = await listOffers(store);
  const u = await campaignUnitsFromStore(store, campaignId, catalogue, o);
  const confidence = o.confidence ?? 0.95;
  const cmp: ComparisonOptions = { confidence, bootstrap: 1000, seed: 1 };
  const offerById = new Map(catalogue.map((x) => [x.offerId, x]));
  const all = Array.from({ length: u.n }, (_, i) => i);
  // The offer's cost is a share of revenue (offers.cost): the discount paid is that share of what the
  // treated contacts bought in its scope, per treated contact.
  const costPerContact = (rows: number[], offerId: string): number | null => {
    const share = offerById.get(offerId)?.cost ?? null;
    if (share === null) return null;
    const treated = rows.filter((i) => u.treated[i]);
    return treated.length ? (share * treated.reduce((s, i) => s + u.scopeRevenue[i], 0)) / treated.length : null;
  };
  const offerCostOf = new Map<string, number | null>();
  const byOffer = rowsByKey(u.n, (i) => u.offer[i]);
  for (const [id, rows] of byOffer) offerCostOf.set(id, costPerContact(rows, id));
  const overall = sendComparison(u, all, (id) => offerCostOf.get(id) ?? null, cmp);
  const offers = [...byOffer].map(([id, rows]) => ({
    offer_id: id,
    offer_name: offerById.get(id)?.name ?? id,
    cost: offerById.get(id)?.cost ?? null,
    ...unitComparison(u, rows, offerCostOf.get(id) ?? null, cmp),
    p_adjusted: null as number | null,
    uptake_p_adjusted: null as number | null,
    revenue_p_adjusted: null as number | null,
    significant: false,
  }));
  offers.sort((a, b) => a.offer_id.localeCompare(b.offer_id));
  const holm = (p: (number | null)[]) =>
    adjustedPValues(
      p.map((x) => x ?? NaN),
      'holm',
    ).map((x) => (Number.isNaN(x) ? null : x));
  const adj = holm(offers.map((x) => x.p_value)),
    adjUptake = holm(offers.map((x) => x.uptake_p_value)),
    adjRevenue = holm(offers.map((x) => x.revenue_p_value));
  offers.forEach((x, k) => {
    x.p_adjusted = adj[k];
    x.uptake_p_adjusted = adjUptake[k];
    x.revenue_p_adjusted = adjRevenue[k];
    x.significant = x.p_adjusted !== null && x.p_adjusted < 1 - confidence;
  });
  const segments = [...rowsByKey(u.n, (i) => u.segment[i] || '(none)')]
    .map(([segment, rows]) => ({ segment, ...sendComparison(u, rows, (id) => offerCostOf.get(id) ?? null, cmp) }))
    .sort((a, b) => b.contacts_treatment - a.contacts_treatment);
  const priorities = [...rowsByKey(u.n, (i) => u.priority[i])]
    .filter(([p]) => p > 0)
    .map(([priority, rows]) => ({ priority, ...unitComparison(u, rows, null, cmp) }))
    .sort((a, b) => a.priority - b.priority);
  const plannedPct = campaign.control_pct ?? o.expectedControlPct ?? null;
  const srm = plannedPct && plannedPct > 0 ? srmCheck(overall.contacts_treatment, overall.contacts_control, plannedPct / 100) : null;
  const fatigue = [...byOffer].map(([offer_id, rows]) => {
    const t = rows.filter((i) => u.treated[i]);
    const first = t.filter((i) => u.prior[i] === 0),
      repeat = t.filter((i) => u.prior[i] > 0);
    const rate = (r: number[]) => (r.length ? r.reduce((s, i) => s + u.uptake[i], 0) / r.length : 0);
    return { offer_id, firstN: first.length, firstUptake: rate(first), repeatN: repeat.length, repeatUptake: rate(repeat) };
  });
  const maxWindow = Math.max(o.windowDays, ...catalogue.map((x) => x.attributionDays ?? 0));
  const notes = reportNotes(u, o, maxWindow, campaign);
  const report: CampaignReport = {
    campaign,
    settings: {
      window_days: o.windowDays,
      attribution: o.attribution,
      churn_days: o.churnDays,
      confidence,
      correction: 'holm',
      uptake_source: u.uptakeSource,
    },
    srm,
    overall,
    offers,
    segments,
    priorities,
    timeline: campaignTimeline(u, maxWindow, confidence),
    warnings: [],
    notes,
  };
  report.warnings = campaignWarnings({
    overall,
    srm,
    offers,
    segments,
    fatigue,
    intensity: await intensityFacts(store, u, catalogue),
    confidence,
  });
  return report;
}

function reportNotes(
  u: Awaited<ReturnType<typeof campaignUnitsFromStore>>,
  o: ReportOptions,
  windowDays: number,
  c: CampaignInfo,
): string[] {
  const notes = [
    `attribution: a purchase inside several contacts' windows is credited to the ${o.attribution === 'last' ? 'latest' : 'earliest'} send; ` +
      `conversion = any purchase credited to the send within ${o.windowDays} days (or the offer's own window), uptake = ` +
      (u.uptakeSource === 'responses' ? 'a redemption of the offer' : 'a credited purchase in the offer’s scope (no redemptions imported)'),
    'overall and segments count each customer send once; offers and priorities count contacts; p-values across offers are Holm-adjusted',
  ];
  let open = 0;
  for (let i = 0; i < u.n; i++) if (u.sentAt[i] + windowDays * DAY > u.dataEnd) open++;
  if (open) notes.push(`${open} of ${u.n} contacts have windows that end after the latest order line: their outcomes are still coming in`);
  if (u.churned.some((x) => Number.isNaN(x)))
    notes.push(`churn needs ${o.churnDays} days of data after every send; the data end too early, so churn is not reported`);
  if (c.contacts_control === 0) notes.push('no control group: rates are shown, but nothing incremental can be measured');
  return notes;
}
