// One error shape for every API failure: {error, message, details}. Never a stack trace.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ConflictError, ForbiddenError, InputError, NotFoundError, UserError } from '../domain/errors.ts';

export interface ApiErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

export function sendError(reply: FastifyReply, status: number, error: string, message: string, details?: unknown): FastifyReply {
  return reply.code(status).send({ error, message, ...(details === undefined ? {} : { details }) } satisfies ApiErrorBody);
}

export function apiErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const details = err.validation.map((v) => {
      const field = [
        where === 'querystring' ? 'query' : where,
        ...String(v.instancePath ?? '')
          .split('/')
          .filter(Boolean),
      ].join('.');
      return { field, problem: v.message ?? 'invalid' };
    });
    return sendError(reply, 400, 'validation', details.map((d) => `${d.field}: ${d.problem}`).join('; '), details);
  }
  if (err instanceof InputError) return sendError(reply, 400, 'invalid_input', err.message, { problems: err.problems, total: err.total });
  if (err instanceof NotFoundError) return sendError(reply, 404, 'not_found', err.message);
  if (err instanceof ConflictError) return sendError(reply, 409, 'conflict', err.message);
  if (err instanceof ForbiddenError) return sendError(reply, 403, 'forbidden', err.message);
  if (err instanceof UserError) return sendError(reply, 400, 'bad_request', err.message);
  if (err.statusCode === 429) return sendError(reply, 429, 'rate_limited', err.message);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return sendError(reply, err.statusCode, err.code?.toLowerCase() ?? 'bad_request', err.message);
  }
  req.log.error({ err }, 'internal error');
  return sendError(reply, 500, 'internal', 'internal error: the server logged the details');
}
