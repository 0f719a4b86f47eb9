// promotions.export: every customer's list to a CSV / Parquet file on the server, written atomically.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { EXPORT_FORMATS, type ExportFormat } from '../export/copySql.ts';
import { exportPromotionLists } from '../promotions/promotionListsRead.ts';
import { defineOp } from './op.ts';
import { PROMOTIONS_LOCK } from './promotionsComputeOp.ts';

export const promotionsExportOp = defineOp({
  name: 'promotions.export',
  summary: "Export every customer's promotions (one row per customer and rank) to CSV or Parquet (runs as a job)",
  method: 'POST',
  path: '/v1/promotions/export',
  access: 'write',
  input: z.object({
    out: z.string().min(1).refine(isAbsolute, 'must be an absolute path on the server').describe('absolute path of the file to write'),
    format: z
      .enum(EXPORT_FORMATS as [ExportFormat, ...ExportFormat[]])
      .optional()
      .describe('csv or parquet; default from the extension'),
  }),
  // Shares the compute's lock: an export never runs while a compute replaces the lists.
  job: { lock: () => PROMOTIONS_LOCK },
  files: (i) => [{ path: i.out, mode: 'write' }],
  run: (store, i) => exportPromotionLists(store, i.out, i.format ?? (/\.parquet$/i.test(i.out) ? 'parquet' : 'csv')),
});
