/**
 * The compiled CLI for real data in and out: `caucus import ...`, `people`, `ledger`, `cycle`, `export
 * dc-candidates | lga-results` and `sync democracy-club`, with their exit codes (0 ok, 1 usage, 2 bad input,
 * 3 not found, 4 conflict).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DC_CURRENT,
  TESTSHIRE_COUNCILS,
  TESTSHIRE_LGA,
  TESTSHIRE_WARDS,
} from '../../app/commands/import.test-support.js';
import { caucus, json } from '../cli.test-support.js';

let dir: string;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caucus-import-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Summary {
  totals: { added: number; updated: number; unchanged: number };
  rejected: number;
  rejectsFile: string | null;
  merged: unknown[];
  review: Array<{ a: { id: string }; b: { id: string } }>;
}

describe('caucus import', () => {
  it('imports, then changes nothing on a second run (exit 0 both times)', () => {
    const db = join(dir, 'a.db');
    const csv = file('cands.csv', DC_CURRENT);
    const first = json<Summary>(caucus(['--db', db, 'import', 'dc-candidates', csv, '--json']));
    expect(first.totals.added).toBeGreaterThan(20);
    const again = json<Summary>(caucus(['--db', db, 'import', 'dc-candidates', csv, '--json']));
    expect(again.totals).toMatchObject({ added: 0, updated: 0 });
    const text = caucus(['--db', db, 'import', 'dc-candidates', csv]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(
      /imported .*cands\.csv \(dc-candidates\): 6 row\(s\), 0 rejected; 0 record\(s\) added, 0 updated/,
    );
  });

  it('exits 2 on a bad row with FILE:LINE: column X, and writes nothing', () => {
    const db = join(dir, 'b.db');
    const bad = file('bad.csv', DC_CURRENT.replace(',900,', ',lots,'));
    const r = caucus(['--db', db, 'import', 'dc-candidates', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `caucus: ${bad}:3: column votes_cast: expected a number of votes (0 or more) or nothing, got "lots"\n`,
    );
    const asJson = caucus(['--db', db, 'import', 'dc-candidates', bad, '--json']);
    expect(asJson.status).toBe(2);
    expect(JSON.parse(asJson.stderr).error).toMatchObject({
      code: 'invalid-input',
      line: 3,
      column: 'votes_cast',
    });
    const init = json<{ empty: boolean }>(caucus(['--db', db, 'init', '--json']));
    expect(init.empty).toBe(true);
  });

  it('--skip-invalid writes the rejects CSV beside the file, or where --rejects says', () => {
    const db = join(dir, 'c.db');
    const bad = file('mixed.csv', DC_CURRENT.replace(',900,', ',lots,'));
    const r = json<Summary>(caucus(['--db', db, 'import', 'dc-candidates', bad, '--skip-invalid', '--json']));
    expect(r.rejected).toBe(1);
    expect(r.rejectsFile).toBe(`${bad}.rejects.csv`);
    const rejects = readFileSync(`${bad}.rejects.csv`, 'utf8').split('\r\n');
    expect(rejects[0]).toBe('line,reason,row');
    expect(rejects[1]).toMatch(/^3,.*column votes_cast: expected a number of votes/);
    const elsewhere = join(dir, 'elsewhere.csv');
    const r2 = json<Summary>(
      caucus([
        '--db',
        join(dir, 'c2.db'),
        'import',
        'dc-candidates',
        bad,
        '--skip-invalid',
        '--rejects',
        elsewhere,
        '--json',
      ]),
    );
    expect(r2.rejectsFile).toBe(elsewhere);
    expect(existsSync(elsewhere)).toBe(true);
  });

  it('exits 2 on a file in the wrong format, a missing file, or a bad --published date; 1 on an unknown format', () => {
    const db = join(dir, 'd.db');
    const lga = file('lga.csv', TESTSHIRE_LGA);
    const wrong = caucus(['--db', db, 'import', 'dc-candidates', lga]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(
      /this looks like an LGA election results CSV, not a Democracy Club candidates CSV/,
    );
    expect(caucus(['--db', db, 'import', 'councils', join(dir, 'nope.csv')]).status).toBe(2);
    const pub = caucus(['--db', db, 'import', 'lga-results', lga, '--published', '2024-13-01']);
    expect(pub.status).toBe(2);
    expect(pub.stderr).toMatch(/--published: expected a date in the form YYYY-MM-DD/);
    expect(caucus(['--db', db, 'import', 'ballots', lga]).status).toBe(1);
  });
});

describe('caucus people, ledger, cycle, export and sync', () => {
  let db: string;
  beforeAll(() => {
    db = join(dir, 'tst.db');
    for (const [format, name, text] of [
      ['councils', 'la.csv', TESTSHIRE_COUNCILS],
      ['wards', 'wards.csv', TESTSHIRE_WARDS],
      ['lga-results', 'tst.csv', TESTSHIRE_LGA],
    ] as const) {
      const r = caucus(['--db', db, 'import', format, file(name, text)]);
      if (r.status !== 0) throw new Error(r.stderr);
    }
  });

  it('lists the review pair, refuses bad merges with 3 and 4, merges, logs, splits', () => {
    const review = json<{
      pairs: Array<{ a: { id: string; name: string }; b: { id: string; name: string } }>;
    }>(caucus(['--db', db, 'people', 'review', '--json']));
    expect(review.pairs.map((p) => [p.a.name, p.b.name])).toEqual([['Ravi Patel', 'R Patel']]);
    const { a, b } = review.pairs[0]!;
    expect(caucus(['--db', db, 'people', 'merge', a.id, 'lga-person:nobody']).status).toBe(3);
    // Sara Khan and R Patel both stood in South in 2023.
    const clash = caucus(['--db', db, 'people', 'merge', 'lga-person:testshire:2019-05-02:sara-khan', b.id]);
    expect(clash.status).toBe(4);
    expect(clash.stderr).toMatch(/they are two people; nothing was merged/);
    expect(caucus(['--db', db, 'people', 'merge', a.id]).status).toBe(1);
    const merged = caucus(['--db', db, 'people', 'merge', a.id, b.id, '--reason', 'same councillor']);
    expect(merged.status).toBe(0);
    expect(merged.stdout).toMatch(
      /^merged lga-person:testshire:2023-05-04:r-patel into lga-person:testshire:2019-05-02:ravi-patel/,
    );
    const log = caucus(['--db', db, 'people', 'log']);
    expect(log.stdout).toMatch(/same councillor/);
    const candidacy = 'local.testshire.south.2023-05-04:lga-person:testshire:2023-05-04:r-patel';
    const split = json<{ newPerson: string; restored: boolean }>(
      caucus(['--db', db, 'people', 'split', a.id, '--candidacies', candidacy, '--json']),
    );
    expect(split).toMatchObject({ newPerson: b.id, restored: true });
    expect(caucus(['--db', db, 'people', 'split', a.id, '--candidacies', 'nope']).status).toBe(2);
  });

  it('prints the ledger and the cycle in the issue JSON shapes, and exits 3 for an unknown council', () => {
    const l = json<{ council: string; election: string; seats: unknown[]; totals: Record<string, number> }>(
      caucus(['--db', db, 'ledger', '--council', 'TST', '--json']),
    );
    expect(Object.keys(l)).toEqual(['council', 'election', 'seats', 'totals']);
    expect(l.totals).toMatchObject({ 're-elected': 1, lost: 1 });
    const detail = json<{ warnings: string[] }>(
      caucus(['--db', db, 'ledger', '--council', 'TST', '--detail', '--json']),
    );
    expect(detail.warnings.length).toBe(1);
    const text = caucus(['--db', db, 'ledger', '--council', 'TST']);
    expect(text.stdout).toMatch(/John Smith +Labour Party +re-elected/);
    const c = json<Record<string, unknown>>(caucus(['--db', db, 'cycle', '--council', 'TST', '--json']));
    expect(Object.keys(c)).toEqual([
      'council',
      'scheme',
      'seatsPerPoll',
      'fallowYears',
      'allOutYears',
      'postponed',
    ]);
    expect(c.scheme).toBe('thirds');
    expect(caucus(['--db', db, 'ledger', '--council', 'Atlantis']).status).toBe(3);
    expect(caucus(['--db', db, 'ledger', '--council', 'TST', '--election', '2020-05-07']).status).toBe(2);
    expect(caucus(['--db', db, 'ledger']).status).toBe(1);
  });

  it('exports both CSVs, to a file or stdout', () => {
    const out = join(dir, 'dc.csv');
    const r = caucus(['--db', db, 'export', 'dc-candidates', '--council', 'TST', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /wrote .*dc\.csv: 14 Democracy Club candidates row\(s\) for Testshire District Council; 14 without a Democracy Club person id/,
    );
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toMatch(/^person_id,person_name,.*,council_gss$/);
    const lga = caucus(['--db', db, 'export', 'lga-results']);
    expect(lga.status).toBe(0);
    expect(lga.stdout.split('\r\n').filter(Boolean)).toHaveLength(15);
    expect(caucus(['--db', db, 'export', 'lga-results', '--council', 'Atlantis']).status).toBe(3);
  });

  it('sync exits 2 when the API cannot be reached, and writes nothing', () => {
    const before = caucus(['--db', db, 'export', 'dc-candidates']).stdout;
    const r = caucus([
      '--db',
      db,
      'sync',
      'democracy-club',
      '--base-url',
      'http://127.0.0.1:9/api/next',
      '--retries',
      '1',
      '--backoff',
      '10',
      '--delay',
      '0',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/gave up after 2 attempt\(s\): network error .*; nothing was written/);
    expect(caucus(['--db', db, 'export', 'dc-candidates']).stdout).toBe(before);
    expect(caucus(['--db', db, 'sync', 'democracy-club', '--base-url', 'ftp://x']).status).toBe(2);
  });
});
