// Errors crossing a thread or the network keep their class (and so their exit code / HTTP status):
// they travel as {name, message, problems?} and are rebuilt on the other side.
import { ConflictError, ForbiddenError, InputError, NotFoundError, UserError, type RowProblem } from './errors.ts';

export interface WireError {
  name: string;
  message: string;
  problems?: RowProblem[];
  total?: number;
  stack?: string;
}

export function wireFromError(e: unknown): WireError {
  const err = e instanceof Error ? e : new Error(String(e));
  const out: WireError = { name: err.name, message: err.message, stack: err.stack };
  if (err instanceof InputError) {
    out.problems = err.problems;
    out.total = err.total;
  }
  return out;
}

export function errorFromWire(w: WireError): Error {
  let e: Error;
  switch (w.name) {
    case 'InputError':
      e = new InputError(w.problems ?? [], w.total ?? 0);
      e.message = w.message;
      break;
    case 'ConflictError':
      e = new ConflictError(w.message);
      break;
    case 'NotFoundError':
      e = new NotFoundError(w.message);
      break;
    case 'ForbiddenError':
      e = new ForbiddenError(w.message);
      break;
    case 'UserError':
      e = new UserError(w.message);
      break;
    default:
      e = new Error(w.message);
      e.name = w.name;
  }
  if (w.stack && !(e instanceof UserError)) e.stack = w.stack;
  return e;
}
