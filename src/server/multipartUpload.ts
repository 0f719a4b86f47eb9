// Receives a multipart upload: the one file part is streamed (never buffered) to a private temp
// dir under its original name — the extension tells the reader CSV, Parquet or JSON — and the
// text fields are collected. The caller removes the dir when done with the file.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { UserError } from '../domain/errors.ts';

export interface Upload {
  /** Where the file was saved. */
  path: string;
  /** The name the client gave it (for messages). */
  filename: string;
  fields: Record<string, string>;
  /** Deletes the file and its temp dir. */
  remove(): Promise<void>;
}

export async function receiveUpload(req: FastifyRequest, maxBytes?: number): Promise<Upload> {
  if (!req.isMultipart()) throw new UserError('send multipart/form-data: a file part plus the fields');
  // mkdtemp makes the dir 0700: other local users cannot read the upload.
  const dir = await mkdtemp(join(tmpdir(), 'nb-upload-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    let file: { path: string; filename: string } | null = null;
    const fields: Record<string, string> = {};
    for await (const part of req.parts(maxBytes ? { limits: { fileSize: maxBytes } } : undefined)) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const filename = basename(part.filename || 'upload.csv');
      // Only word characters, dots and dashes, never a leading dot ('..' would leave the dir).
      const safe = filename.replace(/[^\w.-]/g, '_');
      const path = join(dir, /^\w/.test(safe) ? safe : `upload${safe}`);
      await pipeline(part.file, createWriteStream(path, { mode: 0o600 }));
      if (part.file.truncated) throw new req.server.multipartErrors.RequestFileTooLargeError();
      file = { path, filename };
    }
    if (!file) throw new UserError('the upload has no file part');
    return { ...file, fields, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}
