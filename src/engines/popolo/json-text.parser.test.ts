import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { locateJsonError, parseJsonText, positionAt } from './json-text.parser.js';

function syntaxError(text: string): InvalidInputError {
  try {
    parseJsonText(text, 'in.json');
  } catch (e) {
    if (e instanceof InvalidInputError) return e;
    throw e;
  }
  throw new Error('expected a syntax error');
}

describe('parseJsonText', () => {
  it('parses valid JSON and ignores a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"persons": [1, 2]}', 'in.json')).toEqual({ persons: [1, 2] });
  });

  it('names the file, line and column of a missing value', () => {
    const e = syntaxError('{\n  "persons": [\n    {"id": }\n  ]\n}');
    expect(e.message).toMatch(/^in\.json: line 3, column 12: invalid JSON: expected a value, found "}"/);
    expect(e.details).toMatchObject({ rule: 'json-syntax', file: 'in.json', line: 3, column: 12 });
  });

  it('points at a trailing comma', () => {
    const e = syntaxError('[1,\n 2,\n]');
    expect(e.details).toMatchObject({ line: 3, column: 1 });
    expect(e.message).toContain('trailing comma');
  });

  it('points at a single-quoted string and a bare word', () => {
    expect(syntaxError("{'a': 1}").details).toMatchObject({ line: 1, column: 2 });
    const word = syntaxError('{"a": tru}');
    expect(word.message).toContain('unexpected word "tru"');
    expect(word.details).toMatchObject({ line: 1, column: 7 });
  });

  it('reports an unterminated string where it starts and truncated input at its end', () => {
    expect(syntaxError('{"a": "abc').details).toMatchObject({ line: 1, column: 7 });
    const cut = syntaxError('{"a": [1, 2');
    expect(cut.message).toContain('end of input');
    expect(cut.details).toMatchObject({ line: 1, column: 12 });
  });

  it('rejects text after the value, leading zeros and bad escapes', () => {
    expect(syntaxError('{} {}').message).toContain('after the JSON value');
    expect(syntaxError('[012]').message).toContain('malformed number');
    expect(syntaxError('["a\\x"]').message).toContain('bad escape');
  });
});

describe('locateJsonError', () => {
  it('finds an error exactly when JSON.parse does (random edits of random JSON)', () => {
    const edit = fc.record({
      at: fc.nat(),
      drop: fc.nat({ max: 3 }),
      insert: fc.constantFrom('', ',', '"', '}', ']', ':', 'x', ' ', '0', '\n'),
    });
    fc.assert(
      fc.property(fc.json(), fc.array(edit, { maxLength: 3 }), (json, edits) => {
        let text = json;
        for (const { at, drop, insert } of edits) {
          const i = text.length === 0 ? 0 : at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + drop);
        }
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const located = locateJsonError(text);
        expect(located === null).toBe(parses);
        if (located) expect(located.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('positionAt', () => {
  it('counts lines and columns from 1', () => {
    expect(positionAt('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt('ab\ncd\nef', 8)).toEqual({ line: 3, column: 3 });
  });
});
