/**
 * The few domain error classes. Each carries a stable code; the CLI maps codes to exit codes
 * and the HTTP layer maps them to statuses, once each (see cli/exit-codes.ts, http/errors).
 */
export type ErrorCode =
  | 'usage'
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'internal';

export class CaucusError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A command was called wrongly: unknown option, missing argument. */
export class UsageError extends CaucusError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('usage', message, details);
  }
}

/**
 * Input broke a rule. `where` names the file, line, JSON path, field or argument, so the user can find it:
 * e.g. new InvalidInputError('expected YYYY-MM-DD, got "2024-13-01"', { where: '--as-of' }).
 */
export class InvalidInputError extends CaucusError {
  constructor(message: string, details: { where?: string; rule?: string; [k: string]: unknown } = {}) {
    super('invalid-input', details.where ? `${details.where}: ${message}` : message, details);
  }
}

/** A record that was asked for does not exist; `suggestions` lists the closest ids. */
export class NotFoundError extends CaucusError {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly suggestions: string[] = [],
  ) {
    const hint = suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : '';
    super('not-found', `No ${kind} with id "${id}".${hint}`, { kind, id, suggestions });
  }
}

/** A write lost a race or would break a uniqueness rule; nothing was written. */
export class ConflictError extends CaucusError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('conflict', message, details);
  }
}
