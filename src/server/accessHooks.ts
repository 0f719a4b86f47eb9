// Authentication and role checks run at onRequest — before the body is read or validated and
// before any id is looked up — so a caller without the role learns nothing about schemas or ids.
// Cookie-authenticated writes must carry the session's CSRF token. Mutating calls are audited.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { appendAudit } from '../access/audit.ts';
import { roleMay } from '../ops/access.ts';
import type { Access } from '../ops/op.ts';
import { sendError } from './apiError.ts';
import { SESSION_COOKIE, type Principal } from './principal.ts';
import type { ServerContext } from './serverContext.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    access?: Access;
    public?: boolean;
    action?: string;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAccessHooks(app: FastifyInstance, ctx: ServerContext): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (req, reply) => {
    const cfg = req.routeOptions.config ?? {};
    if (cfg.public) return;
    const url = req.url;
    if (!url.startsWith('/v1/') && !cfg.access) return; // the dashboard's static files
    const auth = req.headers.authorization;
    let p: Principal | null = null;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      p = m ? ctx.principals.fromBearer(m[1]) : null;
      if (!p) return sendError(reply, 401, 'unauthorized', 'invalid or revoked API key (send Authorization: Bearer KEY)');
    } else {
      const token = req.cookies?.[SESSION_COOKIE];
      p = token ? await ctx.principals.fromSession(token) : null;
      if (!p) return sendError(reply, 401, 'unauthorized', 'sign in or send an API key (Authorization: Bearer KEY)');
      if (!SAFE.has(req.method) && req.headers['x-csrf-token'] !== p.csrf) {
        return sendError(reply, 403, 'csrf', 'missing or wrong x-csrf-token header for a signed-in write');
      }
    }
    req.principal = p;
    if (!cfg.access) return;
    if (!roleMay(p.role, cfg.access)) {
      return sendError(reply, 403, 'forbidden', `the ${p.role} role may not do this (needs ${cfg.access} access)`);
    }
  });
  // onSend (not onResponse): the entry is written before the caller sees the answer, so a read
  // right after a write always finds it.
  app.addHook('onSend', async (req, reply, payload) => {
    if (SAFE.has(req.method) || !req.url.startsWith('/v1/')) return payload;
    const cfg = req.routeOptions.config ?? {};
    // Read-only POSTs (audience count, auto-select preview) change nothing: only refusals are kept.
    if ((cfg.access === 'read' || cfg.access === 'realtime') && reply.statusCode < 400) return payload;
    if (cfg.action === 'session.login') return payload; // audited by the route, with the username
    await appendAudit(ctx.store, {
      actor: req.principal?.actor ?? `anonymous (${req.ip})`,
      role: req.principal?.role ?? null,
      action: cfg.action ?? `${req.method} ${req.routeOptions.url ?? req.url}`,
      target: targetOf(req),
      outcome: reply.statusCode < 400 ? (reply.statusCode === 202 ? 'accepted' : 'ok') : `refused ${reply.statusCode}`,
      detail: null,
    }).catch((e) => req.log.error(e));
    return payload;
  });
}

function targetOf(req: FastifyRequest): string | null {
  const params = req.params as Record<string, string> | undefined;
  const vals = params ? Object.values(params).filter(Boolean) : [];
  return vals.length ? vals.join('/') : null;
}
