// Errors carry their exit code so the CLI and the API map them without guessing:
// 2 = the user's input or usage is wrong (fixable by them), 1 = our own failure.

/** Bad usage or bad input: exit code 2, HTTP 400. */
export class UserError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** One rejected input row: where it is and why. `line` is 1-based and counts the header line. */
export interface RowProblem {
  file: string;
  line: number;
  column: string;
  reason: string;
}

/** An import that failed validation: nothing was written. Lists up to `limit` problems plus a count of the rest. */
export class InputError extends UserError {
  constructor(
    readonly problems: RowProblem[],
    readonly total: number,
    header?: string,
  ) {
    super(InputError.format(problems, total, header));
    this.name = 'InputError';
  }

  static format(problems: RowProblem[], total: number, header?: string): string {
    const lines = problems.map((p) => `${p.file}:${p.line}: column ${p.column}: ${p.reason}`);
    const rest = total - problems.length;
    if (rest > 0) lines.push(`… and ${rest} more problem(s)`);
    return [header ?? `${total} problem(s) found; nothing was written`, ...lines].join('\n');
  }
}

/** A state conflict (e.g. a TOR is already computing): exit code 2, HTTP 409. */
export class ConflictError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Something asked for does not exist: exit code 2, HTTP 404. */
export class NotFoundError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Allowed for the role, but not for this target (e.g. a file outside the server's folders): exit 2, HTTP 403. */
export class ForbiddenError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}
