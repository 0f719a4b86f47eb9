// One line saying what `--model auto` chose and why: the backtest figure beside the reference it beat.
import type { RecsAutoChoice } from '../backtest/recsAutoChoice.ts';

export function autoChoiceLine(c: RecsAutoChoice): string {
  if (c.note) return `model auto → ${c.chosen}: ${c.note}`;
  const row = c.rows.find((r) => r.model === c.chosen && r.stage === 'validation');
  const vs = c.baseline && c.baseline.model !== c.chosen ? ` vs ${c.baseline.model} ${c.baseline.ndcg.toFixed(4)}` : '';
  const tried = new Set(c.rows.map((r) => r.model)).size;
  const window =
    c.validation === 'holdout'
      ? `each one's last purchase held out`
      : `${c.validationFrom} – ${c.validationTo}, horizon ${c.horizonDays} days`;
  return (
    `model auto → ${c.chosen}: NDCG@${c.k} ${row ? row.ndcg.toFixed(4) : '?'}${vs}, recall ${row ? row.recall.toFixed(4) : '?'}, ` +
    `hit rate ${row ? row.hit.toFixed(4) : '?'} (${c.variant === 'all' ? 'all items' : 'new items'}; ` +
    (c.variant === 'all' && c.excludeSeen ? 'lists leave out past purchases: repeats did not pay in the backtest; ' : '') +
    `backtest on ${c.users.toLocaleString('en-US')} ` +
    `customers${c.sample ? ` of a sample of ${c.sample.customers.toLocaleString('en-US')} (every n-th of ${c.sample.of.toLocaleString('en-US')})` : ''}, ` +
    `${window}; ${tried} models tried in ${c.seconds.toFixed(1)} s` +
    (c.tooSlow?.length
      ? `; passed over as too slow to fit on everyone: ${c.tooSlow.map((t) => `${t.model} ~${Math.round(t.predictedSeconds / 60)} min`).join(', ')}`
      : '') +
    ')'
  );
}
