import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinySnapshot } from '../../store/fixture.test-support.js';
import { openStore } from '../../store/store.js';
import { caucus, json } from '../cli.test-support.js';

// An article written for these tests (not a corpus article), about the tiny fixture's fictional council.
const ARTICLE = `Testborough Labour picks a new council leader

Cllr Sam Sample, a councillor for North Ward, has been elected Leader of Testborough Council after a vote of the Labour group on Monday night.

Cllr Jo Newcombe, who represents North Ward, was deselected by local members last week.
`;

interface Span {
  start: number;
  end: number;
  text: string;
}
interface Extraction {
  entities: Array<{ type: string; name: string; mentions: Span[] }>;
  claims: Array<
    { type: string; subject: string; confidence: number; evidence: Span } & Record<string, unknown>
  >;
}
interface Saved extends Extraction {
  saved: {
    article: { id: number; created: boolean };
    claims: Array<{ id: number; type: string; subject: string; arguments: Record<string, unknown> }>;
  };
}

let dir: string;
let db: string;
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caucus-extract-cli-'));
  db = join(dir, 'tiny.db');
  const store = await openStore(db);
  await store.transaction((r) => r.registry.load(tinySnapshot()));
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('caucus extract', () => {
  it('prints the JSON contract: entities with mentions, claims with evidence, offsets into the text', () => {
    const path = file('a.txt', ARTICLE);
    const r = json<Extraction>(caucus(['extract', path, '--published', '2024-03-01', '--json']));
    expect(Object.keys(r).sort()).toEqual(['claims', 'entities']);
    expect(r.entities.length).toBeGreaterThan(0);
    for (const e of r.entities) {
      expect(Object.keys(e).sort()).toEqual(['mentions', 'name', 'type']);
      for (const m of e.mentions) expect(ARTICLE.slice(m.start, m.end)).toBe(m.text);
    }
    expect(r.claims.length).toBeGreaterThan(0);
    for (const c of r.claims) {
      expect(typeof c.type).toBe('string');
      expect(typeof c.subject).toBe('string');
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(ARTICLE.slice(c.evidence.start, c.evidence.end)).toBe(c.evidence.text);
    }
    expect(r.claims).toContainEqual(expect.objectContaining({ type: 'deselection', subject: 'Jo Newcombe' }));
  });

  it('prints claims readably with their evidence sentences', () => {
    const r = caucus(['extract', file('a.txt', ARTICLE)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/deselection\s+Jo Newcombe/);
    expect(r.stdout).toContain(
      '“Cllr Jo Newcombe, who represents North Ward, was deselected by local members last week.”',
    );
  });

  it('reduces a saved web page to its article text; offsets index that text', () => {
    const html = `<!doctype html><html><head><title>Leader chosen</title>
      <meta property="og:site_name" content="Testborough Echo"><script>alert("never run")</script></head>
      <body><nav><a href="/">Home</a></nav><article><h1>Testborough Labour picks a new council leader</h1>
      <p>Cllr Sam Sample, a councillor for North Ward, has been elected Leader of Testborough Council after a vote of the Labour group on Monday night.</p>
      <p>Cllr Jo Newcombe, who represents North Ward, was deselected by local members last week.</p></article></body></html>`;
    const r = json<Extraction>(caucus(['extract', file('a.html', html), '--json']));
    const deselection = r.claims.find((c) => c.type === 'deselection')!;
    expect(deselection.evidence.text).toBe(
      'Cllr Jo Newcombe, who represents North Ward, was deselected by local members last week.',
    );
    expect(JSON.stringify(r)).not.toContain('never run');
  });

  it('exits 2 naming the file for empty, binary, non-English, missing and oversized input', () => {
    const cases: Array<[string, string]> = [
      [file('empty.txt', '  \n'), 'empty'],
      [
        file('binary.bin', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])),
        'binary',
      ],
      [
        file(
          'french.txt',
          "Le conseil municipal s'est réuni hier soir pour élire un nouveau maire. Les conseillers de la majorité ont voté pour leur candidate, qui a promis de réduire les impôts locaux et de construire des logements sociaux dans tous les quartiers de la ville avant la fin de son mandat.",
        ),
        'English',
      ],
      [join(dir, 'nowhere.txt'), 'no such file'],
      [dir, 'not a regular file'],
    ];
    for (const [path, why] of cases) {
      const r = caucus(['extract', path]);
      expect(r.status, path).toBe(2);
      expect(r.stderr).toContain(path);
      expect(r.stderr).toContain(why);
    }
    const big = join(dir, 'huge.txt');
    writeFileSync(big, Buffer.alloc(17 * 1024 * 1024, 'a'));
    const r = caucus(['extract', big, '--json']);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'invalid-input', where: big, rule: 'max-size' });
  });

  it('gives a bounded result for a 5 MB article', () => {
    const paragraph = `${ARTICLE}\n`;
    const path = file('long.txt', paragraph.repeat(Math.ceil((5 * 1024 * 1024) / paragraph.length)));
    const r = json<Extraction>(caucus(['extract', path, '--json']));
    expect(r.claims.length).toBeGreaterThan(0);
    const text = readFileSync(path, 'utf8');
    for (const c of r.claims) expect(text.slice(c.evidence.start, c.evidence.end)).toBe(c.evidence.text);
  });

  it('checks its options', () => {
    const path = file('a.txt', ARTICLE);
    const bad = caucus(['extract', path, '--published', '2024-02-30']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--published');
    expect(caucus(['extract', path, '--url', 'https://example.org/x']).status).toBe(1);
    const notUrl = caucus(['--db', db, 'extract', path, '--save', '--url', 'javascript:alert(1)']);
    expect(notUrl.status).toBe(2);
    expect(notUrl.stderr).toContain('--url');
  });
});

describe('caucus review', () => {
  let saved: Saved;
  beforeAll(() => {
    mkdirSync(join(dir, 'review'), { recursive: true });
    const path = file('review/a.txt', ARTICLE);
    saved = json<Saved>(
      caucus([
        '--db',
        db,
        'extract',
        path,
        '--published',
        '2024-03-01',
        '--save',
        '--url',
        'https://example.org/leader',
        '--publisher',
        'Testborough Echo',
        '--json',
      ]),
    );
  });
  const claimId = (type: string, subject: string) =>
    saved.saved.claims.find((c) => c.type === type && c.subject === subject)!.id;

  it('saves once: saving again stores nothing new', () => {
    expect(saved.saved.article.created).toBe(true);
    const again = json<Saved>(
      caucus([
        '--db',
        db,
        'extract',
        join(dir, 'review/a.txt'),
        '--published',
        '2024-03-01',
        '--save',
        '--json',
      ]),
    );
    expect(again.saved.article).toMatchObject({ id: saved.saved.article.id, created: false });
    const list = json<{ total: number }>(caucus(['--db', db, 'review', 'list', '--json']));
    expect(list.total).toBe(saved.saved.claims.length);
  });

  it('lists, shows, accepts and rejects with the documented shapes and exit codes', () => {
    const list = json<{ total: number; claims: Array<{ id: number; status: string }>; next: number | null }>(
      caucus(['--db', db, 'review', 'list', '--status', 'proposed', '--json']),
    );
    expect(list.claims.every((c) => c.status === 'proposed')).toBe(true);

    const id = claimId('deselection', 'Jo Newcombe');
    const show = json<{
      id: number;
      article: { url: string };
      links: Array<{ argument: string; status: string }>;
    }>(caucus(['--db', db, 'review', 'show', String(id), '--json']));
    expect(show.article.url).toBe('https://example.org/leader');
    expect(show.links.find((l) => l.argument === 'subject')!.status).toBe('new');

    const badLink = caucus(['--db', db, 'review', 'accept', String(id), '--link', 'ward=E05nowhere']);
    expect(badLink.status).toBe(2);
    expect(badLink.stderr).toContain('--link ward');

    const accepted = json<{
      claim: { status: string; reviewer: string };
      facts: Array<{ type: string }>;
      created: unknown[];
    }>(
      caucus([
        '--db',
        db,
        'review',
        'accept',
        String(id),
        '--link',
        'ward=E05999001',
        '--reviewer',
        'desk',
        '--json',
      ]),
    );
    expect(accepted.claim).toMatchObject({ status: 'accepted', reviewer: 'desk' });
    expect(accepted.facts.map((f) => f.type)).toContain('event');
    expect(accepted.created).toHaveLength(1);
    expect(caucus(['--db', db, 'review', 'accept', String(id)]).status).toBe(4);

    const other = saved.saved.claims.find(
      (c) => c.type === 'office' && c.arguments.office === 'councillor',
    )!.id;
    expect(caucus(['--db', db, 'review', 'reject', String(other)]).status).toBe(1);
    const rejected = caucus([
      '--db',
      db,
      'review',
      'reject',
      String(other),
      '--reason',
      'duplicate',
      '--reviewer',
      'desk',
    ]);
    expect(rejected.status).toBe(0);
    expect(rejected.stdout).toContain('Rejected claim');

    expect(caucus(['--db', db, 'review', 'show', '999999']).status).toBe(3);
    expect(caucus(['--db', db, 'review', 'show', 'abc']).status).toBe(2);
    expect(caucus(['--db', db, 'review', 'list', '--status', 'maybe']).status).toBe(2);
  });

  it('shows an accepted fact on the person page with the article and the quote', () => {
    const leader = saved.saved.claims.find((c) => c.type === 'office' && c.arguments.office === 'leader')!;
    const r = caucus(['--db', db, 'review', 'accept', String(leader.id), '--reviewer', 'desk']);
    expect(r.status).toBe(0);
    const page = caucus(['--db', db, 'show', 'person', 'person:2']);
    expect(page.stdout).toContain('https://example.org/leader');
    expect(page.stdout).toContain('has been elected Leader of Testborough Council');
  });
});
