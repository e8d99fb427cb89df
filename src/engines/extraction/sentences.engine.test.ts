import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_CHARS, splitSentences } from './sentences.engine.js';

const texts = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('splitSentences', () => {
  it('does not end a sentence after UK titles and honorifics', () => {
    const t =
      'Cllr. Ann Pike met Coun. Bo Day and the Rt. Hon. Mr. Lee. Dr. Obi went to St. Mary’s. It rained.';
    expect(texts(t)).toEqual([
      'Cllr. Ann Pike met Coun. Bo Day and the Rt. Hon. Mr. Lee.',
      'Dr. Obi went to St. Mary’s.',
      'It rained.',
    ]);
  });

  it('keeps initials and abbreviations before numbers inside a sentence', () => {
    expect(texts('J. R. Hart won No. 4 in Sept. 2019 easily. Then he left.')).toEqual([
      'J. R. Hart won No. 4 in Sept. 2019 easily.',
      'Then he left.',
    ]);
  });

  it('ends sentences at closing quotes and question marks', () => {
    expect(texts('“We won,” she said. “Did we?” Yes. Is it over? No.')).toEqual([
      '“We won,” she said.',
      '“Did we?”',
      'Yes.',
      'Is it over?',
      'No.',
    ]);
  });

  it('numbers paragraphs and treats short lines and bullets as their own sentences', () => {
    const t =
      'HEADLINE HERE\nBy A Writer\n\n• Upper Ward – Cllr Kay Lamb was reselected.\n• Another line here\n\nLast para.';
    const s = splitSentences(t);
    expect(s.map((x) => t.slice(x.start, x.end))).toEqual([
      'HEADLINE HERE',
      'By A Writer',
      'Upper Ward – Cllr Kay Lamb was reselected.',
      'Another line here',
      'Last para.',
    ]);
    expect(s.map((x) => x.paragraph)).toEqual([0, 0, 1, 1, 2]);
    const head = s[2]?.bulletHead;
    expect(head && t.slice(head.start, head.end)).toBe('Upper Ward');
  });

  it('joins hard-wrapped prose lines', () => {
    const t =
      'The ruling group met on Tuesday night to choose a new chair for the planning\ncommittee, and the vote went to a second round.';
    expect(texts(t)).toHaveLength(1);
  });

  it('cuts over-long runs so no sentence exceeds the cap', () => {
    const t = 'word '.repeat(2000);
    const s = splitSentences(t);
    expect(s.length).toBeGreaterThan(1);
    for (const x of s) expect(x.end - x.start).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
  });

  it('cuts a run without spaces into consecutive pieces at the cap', () => {
    const t = `Cllr Smith said ${'x'.repeat(10 * MAX_SENTENCE_CHARS)}`;
    const s = splitSentences(t);
    expect(s[0]!.start).toBe(0);
    for (const [i, x] of s.entries()) {
      expect(x.end - x.start).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      if (i > 0) expect(x.start).toBe(s[i - 1]!.end + (t[s[i - 1]!.end] === ' ' ? 1 : 0));
    }
    expect(s.at(-1)!.end).toBe(t.length);
  });

  it('yields ordered, non-overlapping, trimmed spans inside the text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'B', ' ', '.', '\n', 'Cllr', '?', '“', '”', 'Mr.', '•') }),
        (t) => {
          let last = 0;
          for (const s of splitSentences(t)) {
            expect(s.start).toBeGreaterThanOrEqual(last);
            expect(s.end).toBeGreaterThan(s.start);
            expect(s.end).toBeLessThanOrEqual(t.length);
            expect(t.slice(s.start, s.end)).toBe(t.slice(s.start, s.end).trim());
            last = s.end;
          }
        },
      ),
    );
  });
});

describe('splitSentences: Welsh initials (issue #7, second round)', () => {
  it('does not end a sentence after a Welsh digraph initial in a name', () => {
    expect(texts('Cllr Geraint Ll. Morgan resigned. He left.')).toEqual([
      'Cllr Geraint Ll. Morgan resigned.',
      'He left.',
    ]);
    // Elsewhere such letters still end a sentence.
    expect(texts('He quoted Matt. Th. Then he left.')).toHaveLength(3);
  });
});
