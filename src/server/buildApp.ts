// The HTTP server: fastify + zod (validation and the OpenAPI document from the same schemas),
// access hooks, per-key rate limits, and every route group.
import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerAccessHooks } from './accessHooks.ts';
import { apiErrorHandler, sendError } from './apiError.ts';
import { registerHealthRoutes } from './healthRoutes.ts';
import { registerJobRoutes } from './jobRoutes.ts';
import { registerOpRoutes } from './registerOpRoutes.ts';
import { registerSessionRoutes } from './sessionRoutes.ts';
import type { ServerContext } from './serverContext.ts';
import { registerExtraRoutes } from './extraRoutes.ts';

export interface AppOptions {
  version: string;
  logger?: boolean;
  bodyLimitBytes?: number;
}

export async function buildApp(ctx: ServerContext, opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: opts.bodyLimitBytes ?? 10 * 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(apiErrorHandler);
  app.setNotFoundHandler((req, reply) => sendError(reply, 404, 'not_found', `no route ${req.method} ${req.url.split('?')[0]}`));
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 2 * 1024 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'nextbest API',
        version: opts.version,
        description: 'Next-best-offer engine: data, offers, TORs, recommendations, jobs, access.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'nb_session' } },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  registerAccessHooks(app, ctx);
  // Per key (or per address without one), after authentication has named the caller.
  await app.register(rateLimit, {
    global: true,
    hook: 'preParsing',
    max: ctx.rateLimit,
    timeWindow: 1000,
    keyGenerator: (req: FastifyRequest) => req.principal?.keyId ?? req.principal?.actor ?? req.ip,
    allowList: (req: FastifyRequest) => req.principal?.via === 'local',
  });
  app.get('/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  registerHealthRoutes(app, ctx, opts.version);
  registerSessionRoutes(app, ctx);
  registerJobRoutes(app, ctx);
  registerOpRoutes(app, ctx);
  registerExtraRoutes(app, ctx);
  if (ctx.webRoot && existsSync(ctx.webRoot)) {
    await app.register(fastifyStatic, { root: ctx.webRoot, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return app;
}
