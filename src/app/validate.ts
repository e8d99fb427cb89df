import { z } from 'zod';
import { isIsoDate } from '../domain/dates.js';
import { InvalidInputError } from '../domain/errors.js';

/** A `YYYY-MM-DD` calendar date field. */
export const isoDate = z.string().refine(isIsoDate, { message: 'expected a date in the form YYYY-MM-DD' });

/**
 * Validates a command's input; the first problem becomes an InvalidInputError naming the field
 * (the CLI and API rename fields to their own option or parameter names through `names`).
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, names: Record<string, string> = {}): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  const where = names[field] ?? (field || 'input');
  const got = issue.path.reduce<unknown>(
    (v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k as PropertyKey],
    input,
  );
  const shown = got === undefined ? '' : `, got ${JSON.stringify(got)}`;
  throw new InvalidInputError(`${issue.message}${shown}`, { where, rule: issue.code });
}
