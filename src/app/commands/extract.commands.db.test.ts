/**
 * Fuzzing the extraction entry point (`caucus extract`, POST /api/extract, POST /api/articles): random and
 * mutated articles (truncated, wrong encodings, invalid UTF-8, NUL bytes, huge fields, HTML soup, nothing but
 * punctuation, very long words and sentences) give a result or the project's InvalidInputError, never
 * anything else; and saving never leaves a partial write, even when the save fails part-way.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { fixedClock } from '../../domain/ports.js';
import type { ExtractionResult } from '../../engines/extraction/index.js';
import { tinySnapshot } from '../../store/fixture.test-support.js';
import type { ReviewRepository } from '../../store/repositories/review.repo.js';
import { openStore, type Store } from '../../store/store.js';
import { testTargets } from '../../store/targets.test-support.js';
import { extractArticle, MAX_ARTICLE_BYTES, saveArticle } from './extract.commands.js';

// Written for these tests about the fictional Testborough of the tiny fixture.
const ARTICLE = `Testborough Labour picks a new council leader

Cllr Sam Sample, a councillor for North Ward, has been elected Leader of Testborough Council after a vote of the Labour group on Monday night.

Cllr Jo Newcombe, who represents North Ward, was deselected by local members last week. Cllr Alex Example has defected from Labour to the Green Party, saying the £2.5m cuts were “the last straw”.

Pat Jones, a Momentum organiser in the town, said members were disappointed.
`;
const PAGE = `<!doctype html><html><head><title>Leader elected</title>
<meta property="og:site_name" content="Testborough Echo"><script>alert('x')</script></head>
<body><article><h1>Testborough Labour picks a new council leader</h1>
${ARTICLE.split('\n\n')
  .map((p) => `<p>${p}</p>`)
  .join('\n')}
</article></body></html>`;

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const seed = fc.constantFrom(ARTICLE, PAGE);
const words = ARTICLE.split(/\s+/).filter(Boolean);

/** Wrong encodings of a good article: Latin-1 (a lone byte for £ and the quotes), UTF-16 both ways. */
const misencoded = fc.tuple(seed, fc.constantFrom('latin1', 'utf16le', 'utf16be')).map(([s, enc]) => {
  if (enc === 'latin1') return Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);
  const le = Buffer.from(s, 'utf16le');
  return enc === 'utf16le' ? new Uint8Array(le) : new Uint8Array(le.swap16());
});

const SOUP = [
  '<div>',
  '</div>',
  '<p>',
  '</p',
  '<script>while(true){}</script>',
  '<style>p{}</style>',
  '<!--',
  '-->',
  '<![CDATA[',
  '&amp;',
  '&#0;',
  '&#xFFFF;',
  '<table><tr><td>',
  '</html>',
  '<html>',
  '<meta charset="latin1">',
  '<a href="javascript:alert(1)">',
  '<<>>',
  '<br/>',
  '<li>',
  '</ul>',
  '<svg onload=alert(1)>',
];
const soup = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...SOUP), fc.constantFrom(...words)), { minLength: 1, maxLength: 400 }),
    fc.constantFrom('', ' ', '\n'),
  )
  .map(([xs, sep]) => utf8(xs.join(sep)));

const punctuation = fc
  .string({
    unit: fc.constantFrom(...'.,;:!?-—–()[]{}"\'…/\\*&%$#@~^`|+=<>_ \n'),
    minLength: 1,
    maxLength: 5000,
  })
  .map(utf8);

const longWord = fc
  .tuple(fc.integer({ min: 1000, max: 100_000 }), fc.constantFrom('a', 'Sample', 'é', '-'))
  .map(([n, w]) =>
    utf8(`Cllr ${w.repeat(Math.ceil(n / w.length))} was elected Leader of Testborough Council.`),
  );

const longSentence = fc
  .integer({ min: 500, max: 20_000 })
  .map((n) =>
    utf8(Array.from({ length: n }, (_, i) => words[i % words.length]!.replace(/[.!?]$/, '')).join(' ')),
  );

/** A good article, then a few byte-level mutations: cut anywhere, bytes spliced in (NULs, stray UTF-8). */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 16 }),
      fc.constantFrom(
        Uint8Array.of(0),
        Uint8Array.of(0xff, 0xfe),
        Uint8Array.of(0xc3),
        Uint8Array.of(0xe2, 0x80),
        Uint8Array.of(0xed, 0xa0, 0x80),
        Uint8Array.of(0xef, 0xbb, 0xbf),
        Uint8Array.of(0x1b, 0x5b, 0x32, 0x4a),
      ),
    ),
  }),
  fc.record({ kind: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 40 }) }),
);
const mutated = fc.tuple(seed, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([s, ms]) => {
  let b = utf8(s);
  for (const m of ms) {
    if (m.kind === 'truncate') b = b.slice(0, m.at % (b.length + 1));
    else if (m.kind === 'splice') {
      const at = m.at % (b.length + 1);
      b = concat(b.slice(0, at), m.bytes, b.slice(at));
    } else if (b.length * m.times <= 64_000) b = concat(...Array.from({ length: m.times }, () => b));
  }
  return b;
});

const article = fc.oneof(
  { arbitrary: mutated, weight: 4 },
  { arbitrary: misencoded, weight: 1 },
  { arbitrary: soup, weight: 2 },
  { arbitrary: punctuation, weight: 1 },
  { arbitrary: longWord, weight: 1 },
  { arbitrary: longSentence, weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 4096 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 2000 }).map(utf8), weight: 1 },
  { arbitrary: seed.map(utf8), weight: 1 },
);
const published = fc.option(fc.oneof(fc.constant('2024-03-01'), fc.string({ maxLength: 12 })), {
  nil: undefined,
});
const file = fc.oneof(fc.constant('article.txt'), fc.string({ minLength: 1, maxLength: 60 }));

type Outcome = { result: ExtractionResult } | { refused: InvalidInputError };

/** Runs `fn`, which may return a result or throw only InvalidInputError naming where and why. */
async function outcome<T>(fn: () => T | Promise<T>): Promise<{ result: T } | { refused: InvalidInputError }> {
  try {
    return { result: await fn() };
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    expect(err.code).toBe('invalid-input');
    expect(typeof err.details.where === 'string' && err.details.where.length > 0).toBe(true);
    expect(err.message.length).toBeGreaterThan(0);
    return { refused: err };
  }
}

/** A result is well-formed: every span is consistent, every confidence a probability. */
function checkResult(r: ExtractionResult): void {
  expect(Array.isArray(r.entities) && Array.isArray(r.claims)).toBe(true);
  for (const e of r.entities) {
    expect(e.name.length).toBeGreaterThan(0);
    for (const m of e.mentions) {
      expect(m.start).toBeGreaterThanOrEqual(0);
      expect(m.text.length).toBe(m.end - m.start);
    }
  }
  for (const c of r.claims) {
    expect(c.confidence).toBeGreaterThanOrEqual(0);
    expect(c.confidence).toBeLessThanOrEqual(1);
    expect(c.evidence.text.length).toBe(c.evidence.end - c.evidence.start);
  }
}

describe('the extraction entry point under fuzzing', () => {
  it('returns a well-formed result or an InvalidInputError for every random or mutated article', async () => {
    const seen = { results: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(article, file, published, async (bytes, name, day) => {
        const o: Outcome = await outcome(() => extractArticle({ bytes, file: name, published: day }));
        if ('result' in o) {
          checkResult(o.result);
          seen.results++;
        } else seen.refused++;
      }),
      { numRuns: 200 },
    );
    // Both paths must have been exercised, or the property proved little.
    expect(seen.results).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(20);
  }, 120_000);

  it('reads the good articles and finds their claims (the seeds are meaningful)', () => {
    for (const s of [ARTICLE, PAGE]) {
      const r = extractArticle({ bytes: utf8(s), file: 'a.txt' });
      expect(r.claims.map((c) => c.type)).toEqual(
        expect.arrayContaining(['office', 'deselection', 'defection']),
      );
    }
  });

  it('refuses oversized input by size, before reading it as text', () => {
    const tooBig = new Uint8Array(MAX_ARTICLE_BYTES + 1).fill(0x61);
    expect(() => extractArticle({ bytes: tooBig, file: 'big.txt' })).toThrow(
      expect.objectContaining({ code: 'invalid-input', details: { where: 'big.txt', rule: 'max-size' } }),
    );
    // Under the byte limit but over the character limit: refused by the input guard, naming the file.
    const wide = new Uint8Array(8_000_001).fill(0x61);
    expect(() => extractArticle({ bytes: wide, file: 'wide.txt' })).toThrow(
      expect.objectContaining({ code: 'invalid-input', details: { where: 'wide.txt', rule: 'max-size' } }),
    );
  });

  it('gives a bounded result for large articles (hundreds of kilobytes of repeated or unbroken text)', async () => {
    const large = fc.oneof(
      fc.integer({ min: 50, max: 150 }).map((n) => utf8(ARTICLE.repeat(n))),
      fc.integer({ min: 100_000, max: 400_000 }).map((n) => utf8(`${'x'.repeat(n)} said Cllr Sam Sample.`)),
      fc.integer({ min: 10_000, max: 30_000 }).map((n) => utf8('Cllr Sample and '.repeat(n))),
    );
    await fc.assert(
      fc.asyncProperty(large, async (bytes) => {
        const o = await outcome(() => extractArticle({ bytes, file: 'large.txt' }));
        if ('result' in o) checkResult(o.result);
      }),
      { numRuns: 4 },
    );
  }, 120_000);
});

/** The store, except that inside a transaction saving claims stores the first `after` and then fails. */
function failingAfter(store: Store, after: number): Store {
  return {
    ...store,
    transaction: (fn) =>
      store.transaction((repos) => {
        const review = Object.create(repos.review) as ReviewRepository;
        review.insertClaims = async (id, claims) => {
          await repos.review.insertClaims(id, claims.slice(0, after));
          throw new Error(`injected failure after ${after} claims`);
        };
        return fn({ ...repos, review });
      }),
  };
}

const targets = testTargets();
afterAll(async () => {
  for (const t of targets) await t.cleanup();
});

for (const target of targets) {
  describe(`saving fuzzed articles on ${target.name}`, () => {
    it('holds all of an article’s claims or none, even when the save fails part-way', async () => {
      const store = await openStore(await target.fresh());
      await store.transaction((r) => r.registry.load(tinySnapshot()));
      const clock = fixedClock('2026-01-02');
      const saved = new Set<string>();
      const seen = { created: 0, failed: 0, refused: 0 };
      try {
        // Mostly articles that extract (so saves happen), with the fuzzed ones mixed in.
        const input = fc.oneof({ arbitrary: mutated, weight: 3 }, { arbitrary: article, weight: 1 });
        await fc.assert(
          fc.asyncProperty(
            input,
            fc.option(fc.nat({ max: 6 }), { nil: undefined }),
            async (bytes, failAt) => {
              const total = await store.review.countClaims({});
              if (failAt !== undefined) {
                const ctx = { store: failingAfter(store, failAt), clock };
                try {
                  await saveArticle(ctx, { bytes, file: 'fuzz.txt' });
                  // Only an article saved before (nothing new to write) gets through the failing store.
                } catch (err) {
                  if (!(err instanceof InvalidInputError)) {
                    expect(String(err)).toMatch(/injected failure/);
                    seen.failed++;
                  }
                }
                expect(await store.review.countClaims({})).toBe(total);
              }
              const o = await outcome(() => saveArticle({ store, clock }, { bytes, file: 'fuzz.txt' }));
              if ('refused' in o) {
                seen.refused++;
                expect(await store.review.countClaims({})).toBe(total);
                return;
              }
              const { article: a, claims } = o.result.saved;
              // A failed save left no article behind: the first successful save of a text creates it.
              expect(a.created).toBe(!saved.has(a.sha256));
              saved.add(a.sha256);
              if (a.created) seen.created++;
              expect(claims).toHaveLength(o.result.claims.length);
              expect(await store.review.countClaims({ articleId: a.id })).toBe(o.result.claims.length);
              expect(await store.review.countClaims({})).toBe(
                total + (a.created ? o.result.claims.length : 0),
              );
            },
          ),
          { numRuns: 40 },
        );
        expect(seen.created).toBeGreaterThan(5);
        expect(seen.failed).toBeGreaterThan(5);
        expect(seen.refused).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    }, 120_000);
  });
}
