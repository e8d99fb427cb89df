/**
 * Errors as RFC 9457 problem details (`application/problem+json`). Each kind of problem has a stable
 * `type` URI (`/problems/<slug>`, documented in docs/api.md and served at that path), a fixed `title`,
 * the HTTP status, a `detail` for this occurrence, and the `field` and `rule` at fault where known.
 * The one place where domain error codes become HTTP statuses.
 */
import { CaucusError } from '../domain/errors.js';

export const PROBLEMS = {
  usage: { status: 400, title: 'The request was made wrongly' },
  'invalid-input': { status: 400, title: 'The request broke a rule' },
  unauthorized: { status: 401, title: 'A valid API token is needed' },
  forbidden: { status: 403, title: 'The token does not allow this' },
  'not-found': { status: 404, title: 'No such record or route' },
  conflict: { status: 409, title: 'The write conflicts with the stored data' },
  'version-mismatch': { status: 412, title: 'The record changed since the version named in If-Match' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'The request body must be JSON' },
  'precondition-required': { status: 428, title: 'Writes must name the version they read (If-Match)' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
} as const;

export type ProblemSlug = keyof typeof PROBLEMS;

export const problemType = (slug: ProblemSlug) => `/problems/${slug}`;

/** A problem raised by the HTTP layer itself (size, media type, rate, preconditions). */
export class HttpProblem extends Error {
  constructor(
    readonly slug: ProblemSlug,
    detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
    readonly status: number = PROBLEMS[slug].status,
  ) {
    super(detail);
  }
}

export interface ProblemResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Maps any error to a problem; unexpected errors are reported through `log` and shown only as internal. */
export function toProblem(
  err: unknown,
  method: string,
  instance: string,
  log: (e: unknown) => void,
): ProblemResponse {
  const make = (
    slug: ProblemSlug,
    detail: string,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
    status: number = PROBLEMS[slug].status,
  ): ProblemResponse => ({
    status,
    body: { type: problemType(slug), title: PROBLEMS[slug].title, status, detail, instance, ...extra },
    headers,
  });

  if (err instanceof HttpProblem) return make(err.slug, err.message, err.extra, err.headers, err.status);
  if (err instanceof CaucusError) {
    const {
      where,
      rule,
      status: wanted,
      ...rest
    } = err.details as {
      where?: string;
      rule?: string;
      status?: number;
      [k: string]: unknown;
    };
    const extra: Record<string, unknown> = { ...rest };
    if (where !== undefined) extra.field = where;
    if (rule !== undefined) extra.rule = rule;
    switch (err.code) {
      case 'usage':
        return make('usage', err.message, extra);
      case 'invalid-input':
        // A well-formed write whose content breaks a rule is 422; a bad parameter or malformed body is 400.
        return make('invalid-input', err.message, extra, {}, wanted ?? (SAFE.has(method) ? 400 : 422));
      case 'not-found':
        return make('not-found', err.message, extra);
      case 'conflict':
        if (rule === 'version-mismatch')
          return make('version-mismatch', err.message, { ...extra, field: 'If-Match' });
        return make('conflict', err.message, extra);
      case 'unauthorized':
        return make('unauthorized', err.message, extra, { 'WWW-Authenticate': 'Bearer realm="caucus"' });
      case 'forbidden':
        return make('forbidden', err.message, extra);
      default:
        break;
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  // Constraint failures that slipped past the commands' own checks are still conflicts, not crashes.
  if (/UNIQUE constraint|duplicate key|FOREIGN KEY constraint|foreign key constraint/i.test(message)) {
    return make('conflict', 'the write conflicts with a stored record; nothing was written');
  }
  log(err);
  return make('internal', 'an internal error occurred; it has been logged');
}
