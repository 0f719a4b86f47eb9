// Campaigns: every send with a control group and its arm sizes; one campaign's report (treatment
// against control with intervals: headline, timeline, per offer / segment / priority, warnings).
// The open campaign and the report's settings live in the URL (#/campaigns/<id>?window=28d…).
import { Card } from '@mantine/core';
import { DEFAULT_REPORT_SETTINGS, useCampaigns, type Attribution, type ReportSettings } from '../api/campaigns.ts';
import { CampaignList } from '../components/campaigns/CampaignList.tsx';
import { CampaignReportView } from '../components/campaigns/CampaignReportView.tsx';
import { NoCampaigns } from '../components/campaigns/NoCampaigns.tsx';
import { ErrorState, Loading, PageHeader } from '../components/common.tsx';
import type { Route } from '../lib/routes.ts';
import { navigate } from '../lib/useRoute.ts';

type CampaignsRoute = Extract<Route, { page: 'campaigns' }>;

/** The report settings a URL names; what it leaves out (or cannot be read) takes the default. */
function settingsFromRoute(r: CampaignsRoute): ReportSettings {
  const churn = Number(r.churnDays);
  const control = Number(r.controlPct);
  return {
    window: r.window || DEFAULT_REPORT_SETTINGS.window,
    attribution:
      r.attribution === 'first' || r.attribution === 'last' ? (r.attribution as Attribution) : DEFAULT_REPORT_SETTINGS.attribution,
    churnDays: Number.isInteger(churn) && churn > 0 ? churn : DEFAULT_REPORT_SETTINGS.churnDays,
    controlPct: r.controlPct && control > 0 && control < 100 ? control : null,
  };
}

export function CampaignsPage({ route }: { route: CampaignsRoute }) {
  const list = useCampaigns();
  const settings = settingsFromRoute(route);
  const onSettings = (s: ReportSettings) =>
    navigate({
      page: 'campaigns',
      id: route.id,
      // Defaults stay out of the URL, so a plain link and the default report are the same address.
      window: s.window === DEFAULT_REPORT_SETTINGS.window ? undefined : s.window,
      attribution: s.attribution === DEFAULT_REPORT_SETTINGS.attribution ? undefined : s.attribution,
      churnDays: s.churnDays === DEFAULT_REPORT_SETTINGS.churnDays ? undefined : String(s.churnDays),
      controlPct: s.controlPct === null ? undefined : String(s.controlPct),
    });
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="What each send added: customers contacted (treatment) against those held out (control), with confidence intervals."
      />
      <Card withBorder padding="lg" mb="md">
        {list.isPending ? (
          <Loading label="Loading the campaigns…" />
        ) : list.isError ? (
          <ErrorState error={list.error} retry={() => list.refetch()} what="the campaigns" />
        ) : list.data.campaigns.length === 0 ? (
          <NoCampaigns />
        ) : (
          <CampaignList campaigns={list.data.campaigns} selected={route.id} />
        )}
      </Card>
      {route.id && <CampaignReportView key={route.id} id={route.id} settings={settings} onSettings={onSettings} />}
    </>
  );
}
