import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize, winkInstance } from './tokens.engine.js';

describe('tokenize', () => {
  it('loads wink-nlp once per process', () => {
    expect(winkInstance()).toBe(winkInstance());
  });

  it('gives offsets whose slice is the token, with POS tags', () => {
    const t = 'Cllr Niamh O’Neill-Ross can’t win Upper/Lower ward; Labour’s 2,100 members (9.5%) – said so.';
    const toks = tokenize(t);
    expect(toks.length).toBeGreaterThan(15);
    for (const k of toks) expect(t.slice(k.start, k.end)).toBe(k.text);
    expect(toks.find((k) => k.text === 'Cllr')?.pos).toBe('PROPN');
    expect(toks.find((k) => k.text === 'said')?.pos).toBe('VERB');
  });

  it('skips a run of non-space too long to be a word, keeping the offsets of the words around it', () => {
    const t = `Cllr Jo Smith ${'a'.repeat(50_000)} resigned on Monday.`;
    const toks = tokenize(t);
    for (const k of toks) expect(t.slice(k.start, k.end)).toBe(k.text);
    expect(toks.map((k) => k.text)).toEqual(['Cllr', 'Jo', 'Smith', 'resigned', 'on', 'Monday', '.']);
  });

  it('keeps offsets exact on arbitrary text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', 'Bc', ' ', '.', '\n', '’', "'", '-', '“', '2', ',', 'é', 'n’t'),
        }),
        (t) => {
          let last = 0;
          for (const k of tokenize(t)) {
            expect(t.slice(k.start, k.end)).toBe(k.text);
            expect(k.start).toBeGreaterThanOrEqual(last);
            last = k.end;
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
