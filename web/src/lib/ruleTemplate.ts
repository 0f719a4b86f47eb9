// A starting rule file for the Rules page (format: docs/rules.md), naming one of the store's offers
// so that it validates as it stands.
export function ruleTemplate(offerId: string | null): string {
  const offer = offerId ?? 'OFFER-ID';
  return [
    'rules:',
    '  - id: win-back',
    `    offer: ${offer}`,
    '    description: lapsed regulars get the offer once',
    '    when: {lapsed: {cycle_multiple: 2, min_orders: 2}}',
    '    cooldown_days: 60',
    '  - id: repeat-buyers',
    `    offer: ${offer}`,
    '    when: {bought: {scope: offer, min_orders: 2, within_days: 90}}',
    '    suppress_days: 30',
    '',
  ].join('\n');
}
