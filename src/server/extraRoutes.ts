// Routes that are not plain ops: real-time reads from memory, ingestion, uploads. Each group
// registers itself here.
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from './serverContext.ts';
import { registerUploadRoutes } from './uploadRoutes.ts';
import { registerRealtimeRoutes } from './realtimeRoutes.ts';
import { registerIngestRoutes } from './ingestRoutes.ts';

export function registerExtraRoutes(_app: FastifyInstance, _ctx: ServerContext): void {
  // filled in by the real-time and upload route groups
  registerUploadRoutes(_app, _ctx);
  registerRealtimeRoutes(_app, _ctx);
  registerIngestRoutes(_app, _ctx);
}
