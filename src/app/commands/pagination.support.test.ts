import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { compareKeys, decodeCursor, encodeCursor, pageInMemory } from './pagination.support.js';

describe('cursors', () => {
  it('round-trip any key', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.integer()), { minLength: 1, maxLength: 4 }), (key) => {
        expect(decodeCursor(encodeCursor(key), key.length)).toEqual(key);
      }),
    );
  });
  it('refuse anything else, naming the cursor', () => {
    for (const bad of [
      '%%%',
      encodeCursor(['a']).slice(1),
      Buffer.from('{"a":1}').toString('base64url'),
      encodeCursor([{}] as never),
    ]) {
      expect(() => decodeCursor(bad, 1)).toThrow(InvalidInputError);
    }
    expect(() => decodeCursor(encodeCursor(['a', 'b']), 1)).toThrow(/cursor/);
  });
});

describe('pageInMemory', () => {
  it('visits every row once, in key order, whatever the page size', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 6 })),
        fc.integer({ min: 1, max: 7 }),
        (ids, limit) => {
          const rows = ids.map((id) => ({ id }));
          const seen: string[] = [];
          let cursor: string | undefined;
          for (let guard = 0; guard <= ids.length + 1; guard++) {
            const page = pageInMemory(
              rows,
              cursor,
              limit,
              (r) => [r.id],
              (r) => r.id,
            );
            expect(page.items.length).toBeLessThanOrEqual(limit);
            seen.push(...page.items);
            if (!page.nextCursor) break;
            cursor = page.nextCursor;
          }
          expect(seen).toEqual([...ids].sort((a, b) => compareKeys([a], [b])));
        },
      ),
    );
  });
});
