// Dashboard sign-in: POST /v1/session (username + password → HttpOnly SameSite=Strict cookie and a
// CSRF token), GET /v1/session (who am I), DELETE /v1/session (sign out).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../access/audit.ts';
import { createSession, deleteSession, SESSION_HOURS } from '../access/sessions.ts';
import { userFromPassword } from '../access/users.ts';
import { sendError } from './apiError.ts';
import { SESSION_COOKIE } from './principal.ts';
import type { ServerContext } from './serverContext.ts';

export function registerSessionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/v1/session',
    {
      config: { public: true, action: 'session.login', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        summary: 'Sign in with a dashboard user; sets the session cookie and returns the CSRF token',
        tags: ['session'],
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
      },
    },
    async (req, reply) => {
      const user = await userFromPassword(ctx.store, req.body.username, req.body.password);
      if (!user) {
        await appendAudit(ctx.store, {
          actor: req.body.username,
          role: null,
          action: 'session.login',
          target: null,
          outcome: 'refused 401',
          detail: req.ip,
        });
        return sendError(reply, 401, 'unauthorized', 'wrong username or password');
      }
      const s = await createSession(ctx.store, user.username);
      await appendAudit(ctx.store, {
        actor: user.username,
        role: user.role,
        action: 'session.login',
        target: null,
        outcome: 'ok',
        detail: req.ip,
      });
      reply.setCookie(SESSION_COOKIE, s.token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: req.protocol === 'https',
        maxAge: SESSION_HOURS * 3600,
      });
      return { username: user.username, role: user.role, csrfToken: s.csrf, expiresAt: s.expiresAt };
    },
  );

  r.get('/v1/session', { schema: { summary: 'The signed-in user (or key) and the CSRF token', tags: ['session'] } }, async (req) => {
    const p = req.principal!;
    // `files`: the folders this caller may name for server-side imports and exports (see fileAccess.ts).
    return { actor: p.actor, role: p.role, via: p.via, csrfToken: p.csrf ?? null, files: p.via === 'local' ? null : ctx.fileRoots };
  });

  r.delete(
    '/v1/session',
    { config: { action: 'session.logout' }, schema: { summary: 'Sign out', tags: ['session'] } },
    async (req, reply) => {
      const token = req.cookies?.[SESSION_COOKIE];
      if (token) await deleteSession(ctx.store, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { signedOut: true };
    },
  );
}
