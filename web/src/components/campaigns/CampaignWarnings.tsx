// The report's warnings as alerts (a sample-ratio mismatch in red: the comparison itself is in doubt),
// each naming the offer or segment it is about.
import { Alert, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { CampaignWarning, WarningKind } from '../../api/campaigns.ts';

const KIND: Record<WarningKind, { title: string; color: string }> = {
  srm: { title: 'Sample ratio mismatch', color: 'red' },
  small_sample: { title: 'Small sample', color: 'yellow' },
  low_uptake: { title: 'Low uptake', color: 'orange' },
  high_churn: { title: 'High churn', color: 'orange' },
  fatigue: { title: 'Contact fatigue', color: 'orange' },
  intensity: { title: 'Contact intensity', color: 'orange' },
};

export function CampaignWarnings({ warnings, offerNames }: { warnings: CampaignWarning[]; offerNames: Map<string, string> }) {
  if (!warnings.length) return null;
  return (
    <Stack gap="xs" data-testid="campaign-warnings">
      {warnings.map((w, i) => {
        const k = KIND[w.kind] ?? { title: w.kind, color: 'orange' };
        const about = [
          w.offer_id ? `offer ${offerNames.get(w.offer_id) ?? w.offer_id}` : null,
          w.segment ? `segment ${w.segment}` : null,
        ].filter(Boolean);
        return (
          <Alert
            key={`${w.kind}-${w.offer_id ?? ''}-${w.segment ?? ''}-${i}`}
            color={k.color}
            icon={<IconAlertTriangle size={18} />}
            title={about.length ? `${k.title} · ${about.join(', ')}` : k.title}
            data-warning={w.kind}
          >
            {w.message}
          </Alert>
        );
      })}
    </Stack>
  );
}
