import type { ErrorCode } from '../domain/errors.js';

/** The one map from error codes to exit codes: 0 ok, 1 usage, 2 bad input, 3 not found. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  usage: 1,
  'invalid-input': 2,
  'not-found': 3,
  conflict: 4,
  unauthorized: 5,
  forbidden: 5,
  internal: 70,
};
