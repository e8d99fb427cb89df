import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptySnapshot, type RegistrySnapshot } from '../domain/model.js';
import { toPopolo } from '../engines/popolo/index.js';
import { generateSample } from '../engines/sample/index.js';
import { tinySnapshot } from '../store/fixture.test-support.js';
import { openStore, type Store } from '../store/store.js';
import { type CaucusApp, createApp } from './app.js';
import { movableClock } from './http.test-support.js';

interface Loaded {
  app: CaucusApp;
  store: Store;
  snapshot: RegistrySnapshot;
}
const dirs: string[] = [];
const stores: Store[] = [];

async function load(snapshot: RegistrySnapshot): Promise<Loaded> {
  const dir = mkdtempSync(join(tmpdir(), 'caucus-export-'));
  dirs.push(dir);
  const store = await openStore(join(dir, 'e.db'));
  stores.push(store);
  await store.transaction((r) => r.registry.load(snapshot));
  const app = createApp({
    store,
    clock: movableClock(),
    config: { rateLimit: { perAddress: null, perToken: null }, publicUrl: 'https://caucus.example/' },
  });
  return { app, store, snapshot };
}

let tiny: Loaded;
let sample: Loaded;
beforeAll(async () => {
  const s = tinySnapshot();
  // Text that must survive CSV quoting and never run as a spreadsheet formula.
  s.persons[1]!.name = 'Sam "Sammy" Sample, Jr';
  s.persons[0]!.name = '=HYPERLINK("http://evil.example")';
  s.events.push({
    id: 'ev:2',
    sourceId: 'src:test',
    type: 'motion',
    date: '2024-03-01',
    title: 'Budget motion',
    councilId: 'TST',
    organizationId: null,
    personId: null,
    details: { motionType: 'other' },
  });
  s.events.push({
    id: 'ev:3',
    sourceId: 'src:test',
    type: 'deselection',
    date: '2025-06-01',
    title: 'Sam <b>"Sample"</b> & co deselected \u0007',
    councilId: 'TST',
    organizationId: null,
    personId: 'person:2',
    details: {},
  });
  tiny = await load(s);
  sample = await load(generateSample({ scale: 'small', seed: 1 }));
});
afterAll(async () => {
  for (const s of stores) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Reads a streamed body chunk by chunk. */
async function readChunks(res: Response): Promise<{ text: string; chunks: number }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks++;
    text += decoder.decode(value, { stream: true });
  }
  return { text, chunks };
}

const sortCitations = (doc: Record<string, unknown>) => {
  const c = doc['caucus:citations'] as Array<Record<string, unknown>>;
  c.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return doc;
};

describe('GET /api/export/popolo', () => {
  it.each([
    ['tiny fixture', () => tiny],
    ['small sample', () => sample],
  ])('streams the same document as the Popolo mapper makes of the whole registry (%s)', async (_, which) => {
    const { app, store } = which();
    const res = await app.request('/api/export/popolo');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const { text, chunks } = await readChunks(res);
    const streamed = JSON.parse(text) as Record<string, unknown>;
    const whole = toPopolo(await store.registry.read()) as unknown as Record<string, unknown>;
    expect(Object.keys(streamed)).toEqual(Object.keys(whole));
    expect(sortCitations(streamed)).toEqual(sortCitations(JSON.parse(JSON.stringify(whole))));
    // One chunk per section at least: the document is produced as it is sent, not built whole first.
    expect(chunks).toBeGreaterThan(Object.keys(whole).length);
  });

  it('exports an empty registry as a valid empty document', async () => {
    const empty = await load(emptySnapshot());
    const doc = JSON.parse(await (await empty.app.request('/api/export/popolo')).text());
    expect(doc).toEqual(toPopolo(emptySnapshot()));
  });

  it('takes no parameters', async () => {
    expect((await tiny.app.request('/api/export/popolo?council=TST')).status).toBe(400);
  });
});

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('GET /api/export/candidates.csv', () => {
  it('lists every candidacy in Democracy Club columns, quoting and defusing text', async () => {
    const res = await tiny.app.request('/api/export/candidates.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toEqual([
      'person_id',
      'person_name',
      'election_id',
      'ballot_paper_id',
      'election_date',
      'party_id',
      'party_name',
      'post_label',
      'gss',
      'votes_cast',
      'elected',
    ]);
    expect(rows).toEqual([
      [
        'person:1',
        `'=HYPERLINK("http://evil.example")`,
        'local.testborough.2022-05-05',
        'local.testborough.north.2022-05-05',
        '2022-05-05',
        'PP53',
        'Labour Party',
        'North Ward',
        'E05999001',
        '1234',
        'True',
      ],
      [
        'person:2',
        'Sam "Sammy" Sample, Jr',
        'local.testborough.2022-05-05',
        'local.testborough.north.2022-05-05',
        '2022-05-05',
        'ynmp-party:2',
        'Independent',
        'North Ward',
        'E05999001',
        '99',
        'False',
      ],
    ]);
  });

  it('covers one council or all of them, in pages that add up', async () => {
    const all = parseCsv(await (await sample.app.request('/api/export/candidates.csv')).text()).slice(1);
    expect(all).toHaveLength(sample.snapshot.candidacies.length);
    const councils = sample.snapshot.organizations.filter((o) => o.classification === 'council');
    let sum = 0;
    for (const c of councils) {
      const res = await sample.app.request(
        `/api/export/candidates.csv?council=${encodeURIComponent(c.laCode ?? c.id)}`,
      );
      expect(res.headers.get('content-disposition')).toContain('caucus-candidates-');
      const rows = parseCsv(await res.text()).slice(1);
      const elections = new Set(
        sample.snapshot.elections.filter((e) => e.councilId === c.id).map((e) => e.id),
      );
      expect(rows.every((r) => elections.has(r[2]!))).toBe(true);
      sum += rows.length;
    }
    expect(sum).toBe(all.length);
  });

  it('is 404 for an unknown council and 400 for a bad parameter', async () => {
    const res = await tiny.app.request('/api/export/candidates.csv?council=ZZZ');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await tiny.app.request('/api/export/candidates.csv?councils=TST')).status).toBe(400);
  });
});

/**
 * A strict well-formedness check for the XML we produce: every tag closes in order, attribute values
 * are quoted, and text holds no raw '<' or unescaped '&'.
 */
function assertWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  for (;;) {
    token.lastIndex = pos;
    m = token.exec(body);
    if (!m) break;
    pos = token.lastIndex;
    const [, close, name, , selfClose, text] = m;
    if (text !== undefined) {
      expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
      continue;
    }
    if (close) expect(stack.pop()).toBe(name);
    else if (!selfClose) stack.push(name!);
  }
  expect(pos, `unparsed XML at ${body.slice(pos, pos + 40)}`).toBe(body.length);
  expect(stack).toEqual([]);
  // No control characters but tab, newline and carriage return.
  expect([...xml].filter((ch) => ch.charCodeAt(0) < 0x20 && !'\t\n\r'.includes(ch))).toEqual([]);
}

const ATOM = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function checkAtom(xml: string) {
  assertWellFormed(xml);
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const feed = doc.documentElement;
  expect(feed.tagName).toBe('feed');
  expect(feed.getAttribute('xmlns')).toBe(ATOM);
  type Node = {
    children: ArrayLike<Node>;
    tagName: string;
    textContent: string | null;
    getAttribute(n: string): string | null;
  };
  const child = (el: Node, name: string): Node[] =>
    [...Array.from(el.children)].filter((c) => c.tagName === name);
  for (const name of ['id', 'title', 'updated', 'author']) expect(child(feed, name), name).toHaveLength(1);
  expect(child(child(feed, 'author')[0]!, 'name')[0]!.textContent).toBe('Caucus');
  expect(child(feed, 'updated')[0]!.textContent).toMatch(RFC3339);
  expect(child(feed, 'link').some((l) => l.getAttribute('rel') === 'self')).toBe(true);
  const entries = child(feed, 'entry').map((e) => {
    for (const name of ['id', 'title', 'updated', 'summary']) expect(child(e, name), name).toHaveLength(1);
    expect(child(e, 'updated')[0]!.textContent).toMatch(RFC3339);
    const link = child(e, 'link')[0]!;
    expect(link.getAttribute('href')).toMatch(/^https:\/\/caucus\.example\/api\/events\//);
    return {
      id: child(e, 'id')[0]!.textContent!,
      title: child(e, 'title')[0]!.textContent!,
      updated: child(e, 'updated')[0]!.textContent!,
      category: child(e, 'category')[0]?.getAttribute('term'),
    };
  });
  expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  // The feed's updated is its latest entry's.
  if (entries.length)
    expect(child(feed, 'updated')[0]!.textContent).toBe(
      entries
        .map((e) => e.updated)
        .sort()
        .at(-1),
    );
  return { feed, entries };
}

describe('Atom feeds', () => {
  it('/feeds/events.atom: deselections, defections and leadership changes, newest first, valid Atom', async () => {
    const res = await tiny.app.request('/feeds/events.atom');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const { entries } = checkAtom(await res.text());
    expect(entries.map((e) => e.category)).toEqual(['deselection', 'defection']);
    // Markup in a title is text: it arrives as the characters typed (the control character dropped).
    expect(entries[0]!.title).toBe('Sam <b>"Sample"</b> & co deselected ');
  });

  it('/feeds/councils/{id}.atom: one council, by id or code, with a weak ETag', async () => {
    const res = await tiny.app.request('/feeds/councils/tst.atom?limit=1');
    const { feed, entries } = checkAtom(await res.text());
    expect(entries).toHaveLength(1);
    expect(feed.querySelector('title')!.textContent).toContain('Testborough');
    const etag = res.headers.get('etag')!;
    expect(
      (await tiny.app.request('/feeds/councils/tst.atom?limit=1', { headers: { 'If-None-Match': etag } }))
        .status,
    ).toBe(304);
  });

  it('is valid for a whole sample too', async () => {
    const { entries } = checkAtom(await (await sample.app.request('/feeds/events.atom?limit=200')).text());
    const expected = sample.snapshot.events.filter((e) =>
      ['deselection', 'defection', 'leadership-election'].includes(e.type),
    ).length;
    expect(entries).toHaveLength(Math.min(200, expected));
  });

  it('is 404 for an unknown council, 400 for a bad limit', async () => {
    expect((await tiny.app.request('/feeds/councils/NOPE.atom')).status).toBe(404);
    expect((await tiny.app.request('/feeds/events.atom?limit=0')).status).toBe(400);
    expect((await tiny.app.request('/feeds/councils/TST')).status).toBe(404);
  });
});
