// The human-readable end-of-import summary (the CLI prints it; --json prints the object instead).
import type { ImportSummary } from './importFile.ts';

export function importSummaryText(s: ImportSummary): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const out: string[] = [];
  const head = s.dryRun ? 'dry run (nothing written)' : 'imported';
  out.push(`${head}: ${s.file} → ${s.table}${s.recipe ? ` (recipe ${s.recipe})` : ''} in ${s.seconds.toFixed(1)}s`);
  out.push(
    `  rows read ${n(s.rowsRead)}, kept ${n(s.rowsKept)}: inserted ${n(s.inserted)}, updated ${n(s.updated)}, unchanged ${n(s.unchanged)}`,
  );
  const drops = Object.entries(s.dropped);
  if (drops.length) {
    out.push(`  dropped ${n(drops.reduce((a, [, v]) => a + v, 0))}:`);
    for (const [rule, count] of drops) out.push(`    ${rule}: ${n(count)}`);
  }
  if (s.returns) out.push(`  returns: ${n(s.returns.linked)} linked to the purchase they cancel, ${n(s.returns.unlinked)} unmatched`);
  for (const d of s.derived) out.push(`  ${d.table}: inserted ${n(d.inserted)}, updated ${n(d.updated)}, unchanged ${n(d.unchanged)}`);
  if (s.created.customers || s.created.products) {
    out.push(
      `  bare rows created for unknown references: ${n(s.created.customers)} customers, ${n(s.created.products)} products (use --check-refs to reject them)`,
    );
  }
  if (s.addedColumns.length) out.push(`  new attribute columns: ${s.addedColumns.join(', ')}`);
  if (s.ignoredColumns.length) out.push(`  ignored file columns: ${s.ignoredColumns.join(', ')}`);
  const mapped = Object.entries(s.mapping).filter(([k, v]) => k !== v);
  if (mapped.length) out.push(`  mapping: ${mapped.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  const readings = Object.entries(s.timestamps ?? {}).filter(([, f]) => f !== 'iso (detected)');
  if (readings.length) out.push(`  timestamps: ${readings.map(([c, f]) => `${c} read as ${f}`).join(', ')}`);
  for (const [c, how] of Object.entries(s.filled ?? {})) out.push(`  no ${c} column: ${how}`);
  for (const w of s.warnings ?? []) out.push(`  warning: ${w}`);
  if (s.dialect) {
    const d = s.dialect;
    const delim = d.delimiter === '\t' ? 'tab' : `'${d.delimiter}'`;
    out.push(`  csv: delimiter ${delim}, ${d.header ? 'header' : 'no header'}, ${d.encoding}${d.decimalComma ? ', decimal comma' : ''}`);
  }
  return out.join('\n') + '\n';
}
