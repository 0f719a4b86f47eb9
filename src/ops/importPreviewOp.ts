// import.preview: a file's columns, first rows and the mapping an import would use — for the
// mapping screen before the import. Cheap: the readers stop after the requested rows.
import { z } from 'zod';
import { importPreview } from '../ingest/importPreview.ts';
import { importSourceFields } from './importOp.ts';
import { defineOp } from './op.ts';

export const importPreviewOp = defineOp({
  name: 'import.preview',
  summary: 'Preview a file on the server: detected columns, first rows, the suggested mapping and required columns still missing',
  method: 'POST',
  path: '/v1/imports/preview',
  // It reads files on the server, so it needs the same role as importing them.
  access: 'write',
  input: z.object({
    ...importSourceFields,
    rows: z.number().int().min(1).max(100).default(10).describe('first rows to return'),
  }),
  files: (i) => [{ path: i.file, mode: 'read' }],
  run: async (store, i) => {
    const preview = await importPreview(store, { ...i, map: i.map ?? [] });
    return { file: i.fileLabel ?? i.file, ...preview };
  },
});
