// Uploads: a file sent with the request instead of a path on the server. POST /v1/imports/upload
// saves it to a private temp dir and runs the same import job as POST /v1/imports (202 + job
// URL); the file is deleted when the job ends. POST /v1/imports/preview/upload previews a small
// sample the same way as POST /v1/imports/preview.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { importOp, importSourceFields } from '../ops/importOp.ts';
import { importPreviewOp } from '../ops/importPreviewOp.ts';
import { sendError } from './apiError.ts';
import { receiveUpload, type Upload } from './multipartUpload.ts';
import { runOpInRequest } from './registerOpRoutes.ts';
import type { ServerContext } from './serverContext.ts';

/** A preview needs the first rows only: a sample, not the whole file. */
const SAMPLE_BYTES = 10 * 1024 * 1024;

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
// Form fields are text: booleans as true/false, the mapping as JSON (object or canonical=source list).
const mappingJson = z
  .string()
  .transform((s, c) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      c.addIssue({ code: 'custom', message: 'not JSON, e.g. {"customer_id":"ClientNo"}' });
      return z.NEVER;
    }
  })
  .pipe(importSourceFields.map.unwrap())
  .optional();

const sourceForm = {
  table: importSourceFields.table,
  recipe: importSourceFields.recipe,
  format: importSourceFields.format,
  mapping: mappingJson,
  delimiter: importSourceFields.delimiter,
  encoding: importSourceFields.encoding,
  header: flag,
};
const importForm = z.strictObject({
  ...sourceForm,
  decimalComma: flag,
  dryRun: flag,
  checkRefs: flag,
  tsFormat: z.string().min(1).optional(),
  maxErrors: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
const previewForm = z.strictObject({ ...sourceForm, rows: z.coerce.number().int().min(1).max(100).optional() });

/** The form's fields as op input, or null after answering 400 naming each bad field. */
function formInput<S extends z.ZodType>(schema: S, up: Upload, reply: FastifyReply): Record<string, unknown> | null {
  const r = schema.safeParse(up.fields);
  if (r.success) {
    const { mapping, ...rest } = r.data as Record<string, unknown>;
    return { ...rest, map: mapping, file: up.path, fileLabel: up.filename };
  }
  const details = r.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ field: `body.${k}`, problem: 'unknown field' }))
      : [{ field: ['body', ...i.path.map(String)].join('.'), problem: i.message }],
  );
  sendError(reply, 400, 'validation', details.map((d) => `${d.field}: ${d.problem}`).join('; '), details);
  return null;
}

export function registerUploadRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post(
    '/v1/imports/upload',
    {
      config: { access: importOp.access, action: 'import.upload' },
      schema: {
        operationId: 'import.upload',
        tags: ['import'],
        consumes: ['multipart/form-data'],
        summary:
          'Upload a file and import it (a job): file part + fields table, recipe, mapping (JSON), dryRun, format, delimiter, ' +
          'encoding, header, decimalComma, checkRefs, maxErrors, tsFormat',
      },
    },
    async (req, reply) => {
      const up = await receiveUpload(req);
      try {
        const form = formInput(importForm, up, reply);
        if (!form) {
          await up.remove();
          return reply;
        }
        const job = await ctx.jobs.start(importOp, importOp.input.parse(form), req.principal?.actor ?? 'anonymous');
        // However the job ends (done, failed, cancelled, server closing), the upload goes with it.
        void ctx.jobs
          .wait(job.jobId)
          .catch(() => undefined)
          .then(up.remove);
        const url = `/v1/jobs/${job.jobId}`;
        return reply
          .code(202)
          .header('location', url)
          .send({ job, url, events: `${url}/events` });
      } catch (e) {
        await up.remove();
        throw e;
      }
    },
  );

  app.post(
    '/v1/imports/preview/upload',
    {
      config: { access: importPreviewOp.access, action: 'import.preview' },
      schema: {
        operationId: 'import.previewUpload',
        tags: ['import'],
        consumes: ['multipart/form-data'],
        summary: `Preview an uploaded sample (at most ${SAMPLE_BYTES / 1024 / 1024} MB): columns, first rows, suggested mapping`,
      },
    },
    async (req, reply) => {
      const up = await receiveUpload(req, SAMPLE_BYTES);
      try {
        const form = formInput(previewForm, up, reply);
        if (!form) return reply;
        return reply.send(
          await runOpInRequest(ctx, importPreviewOp, importPreviewOp.input.parse(form), req.principal?.actor ?? 'anonymous'),
        );
      } finally {
        await up.remove();
      }
    },
  );
}
