// Imports a file under the name its caller knows it by. The file is read at `opts.file` (an
// absolute path, so a server in another directory finds it; or an upload's temp copy), but
// messages, row problems and the summary show `label` — the path as the user typed it, or the
// uploaded file's original name — so errors still read `orders.csv:12: column quantity: …`.
import { InputError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { importFile, type ImportOptions, type ImportProgress, type ImportSummary } from './importFile.ts';

export async function importFileAs(
  store: Store,
  opts: ImportOptions,
  label: string | undefined,
  progress?: ImportProgress,
): Promise<ImportSummary> {
  if (!label || label === opts.file) return importFile(store, opts, progress);
  try {
    return { ...(await importFile(store, opts, progress)), file: label };
  } catch (e) {
    if (e instanceof InputError) for (const p of e.problems) if (p.file === opts.file) p.file = label;
    if (e instanceof Error) e.message = e.message.replaceAll(opts.file, label);
    throw e;
  }
}
