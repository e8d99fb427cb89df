import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, caucus, json } from './cli.test-support.js';

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caucus-cli-'));
  db = join(dir, 'small.db');
  const r = caucus(['--db', db, 'demo', '--scale', 'small', '--seed', '7', '--json']);
  if (r.status !== 0) throw new Error(r.stderr);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('caucus CLI', () => {
  it('prints help listing the commands', () => {
    const r = caucus(['--help']);
    expect(r.status).toBe(0);
    for (const c of ['init', 'demo', 'import', 'export', 'overview', 'show']) expect(r.stdout).toContain(c);
  });

  it('exits 1 on a usage error', () => {
    const r = caucus(['frobnicate']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/unknown command/);
  });

  it('creates a database with init', () => {
    const path = join(dir, 'fresh.db');
    const r = json<{ schemaVersion: number; empty: boolean }>(caucus(['--db', path, 'init', '--json']));
    expect(r.empty).toBe(true);
    expect(existsSync(path)).toBe(true);
  });

  it('leaves quietly when the reader closes the pipe early', async () => {
    // Like `caucus export popolo | head -c 200`: the reader hangs up while the export is still writing.
    const child = spawn(process.execPath, [CLI, '--db', db, 'export', 'popolo'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  it('refuses to load the sample over existing data', () => {
    const r = caucus(['--db', db, 'demo', '--scale', 'small']);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/already holds data/);
  });

  it('prints the overview as JSON, consistent with the council pages', () => {
    const o = json<{
      councils: number;
      seats: number;
      byControl: Array<{ councils: number }>;
      largestGroups: Array<{ council: { id: string }; party: { id: string }; seats: number }>;
    }>(caucus(['--db', db, 'overview', '--json']));
    expect(o.councils).toBe(3);
    expect(o.byControl.reduce((n, c) => n + c.councils, 0)).toBe(3);
    const top = o.largestGroups[0]!;
    const council = json<{ seats: number; groups: Array<{ party: { id: string }; seats: number }> }>(
      caucus(['--db', db, 'show', 'council', top.council.id, '--json']),
    );
    expect(council.groups.find((g) => g.party.id === top.party.id)!.seats).toBe(top.seats);
    const total = o.largestGroups.length ? council.seats : 0;
    expect(total).toBeGreaterThan(0);
  });

  it('keeps stdout pure JSON in --json mode and text otherwise', () => {
    const r = caucus(['--db', db, 'overview']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Councils by control/);
    expect(() => JSON.parse(caucus(['--db', db, 'overview', '--json']).stdout)).not.toThrow();
  });

  it('exits 3 with close matches for an unknown id', () => {
    const o = json<{ largestGroups: Array<{ council: { id: string } }> }>(
      caucus(['--db', db, 'overview', '--json']),
    );
    const id = o.largestGroups[0]!.council.id;
    const typo = `${id.slice(0, -1)}${id.endsWith('X') ? 'Y' : 'X'}`;
    const r = caucus(['--db', db, 'show', 'council', typo]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`No council with id "${typo}"`);
    expect(r.stderr).toContain(id);
  });

  it('exits 2 naming the option for a bad date', () => {
    const r = caucus(['--db', db, 'overview', '--as-of', '2024-02-30']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--as-of: expected a date in the form YYYY-MM-DD, got "2024-02-30"');
  });

  it('shows a person and a ward with their sources', () => {
    const o = json<{ largestGroups: Array<{ council: { id: string } }> }>(
      caucus(['--db', db, 'overview', '--json']),
    );
    const c = json<{ offices: Array<{ person: { id: string } }> }>(
      caucus(['--db', db, 'show', 'council', o.largestGroups[0]!.council.id, '--json']),
    );
    const personId = c.offices[0]!.person.id;
    const p = json<{ person: { id: string }; memberships: Array<{ sources: Array<{ kind: string }> }> }>(
      caucus(['--db', db, 'show', 'person', personId, '--json']),
    );
    expect(p.person.id).toBe(personId);
    expect(p.memberships.length).toBeGreaterThan(0);
    expect(p.memberships[0]!.sources[0]!.kind).toBe('generated');
    const text = caucus(['--db', db, 'show', 'person', personId]);
    expect(text.stdout).toContain('generated sample');
  });

  it('round-trips the registry through Popolo export and import', () => {
    const first = join(dir, 'export1.json');
    const second = join(dir, 'export2.json');
    const copy = join(dir, 'copy.db');
    expect(caucus(['--db', db, 'export', 'popolo', '--out', first]).status).toBe(0);
    const imp = caucus(['--db', copy, 'import', 'popolo', first, '--json']);
    expect(imp.status, imp.stderr).toBe(0);
    expect(caucus(['--db', copy, 'export', 'popolo', '--out', second]).status).toBe(0);
    const canon = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(canon)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([k, x]) => [k, canon(x)]),
            )
          : v;
    const a = JSON.stringify(canon(JSON.parse(readFileSync(first, 'utf8'))));
    const b = JSON.stringify(canon(JSON.parse(readFileSync(second, 'utf8'))));
    expect(a.length).toBeGreaterThan(10_000);
    expect(b).toBe(a);
  });

  it('rejects malformed Popolo naming the file and line, and writes nothing', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "persons": [\n    { "id": "p1", "name": "A" },\n  ]\n}\n');
    const target = join(dir, 'untouched.db');
    caucus(['--db', target, 'init']);
    const size = statSync(target).size;
    const r = caucus(['--db', target, 'import', 'popolo', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toMatch(/line 4/);
    expect(json<{ empty: boolean }>(caucus(['--db', target, 'init', '--json'])).empty).toBe(true);
    expect(statSync(target).size).toBe(size);
  });

  it('names the missing file', () => {
    const r = caucus(['--db', db, 'import', 'popolo', join(dir, 'nope.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nope\.json: no such file/);
  });

  it('refuses a non-database file without touching it', () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'hello');
    const r = caucus(['--db', notes, 'overview']);
    expect(r.status).toBe(2);
    expect(readFileSync(notes, 'utf8')).toBe('hello');
  });

  it('prints polling days and deadlines in the documented JSON shapes', () => {
    const days = json<Array<{ year: number; date: string | null; note?: string }>>(
      caucus(['timetable', 'polling-days', '--from', '2019', '--to', '2021', '--json']),
    );
    expect(days).toEqual([
      { year: 2019, date: '2019-05-02' },
      { year: 2020, date: null, note: 'postponed to 2021-05-06' },
      { year: 2021, date: '2021-05-06' },
    ]);
    const d = json<Record<string, string | null>>(
      caucus(['timetable', 'deadlines', '--poll', '2024-05-02', '--json']),
    );
    expect(d).toMatchObject({
      poll: '2024-05-02',
      noticeOfElection: '2024-03-26',
      nominationsClose: '2024-04-05',
    });
    expect(Object.keys(d).sort()).toEqual(
      [
        'nominationsClose',
        'noticeOfElection',
        'poll',
        'postalVoteDeadline',
        'proxyVoteDeadline',
        'registrationDeadline',
        'statementOfPersonsNominated',
        'voterIdDeadline',
      ].sort(),
    );
  });

  it('names the argument and what is accepted for bad timetable input', () => {
    const nation = caucus([
      'timetable',
      'polling-days',
      '--from',
      '2019',
      '--to',
      '2021',
      '--nation',
      'mars',
    ]);
    expect(nation.status).toBe(2);
    expect(nation.stderr).toMatch(/--nation.*england.*wales.*scotland.*northern-ireland/);
    const year = caucus(['timetable', 'polling-days', '--from', '1800', '--to', '1801']);
    expect(year.status).toBe(2);
    expect(year.stderr).toContain('--from');
    const council = caucus(['--db', db, 'timetable', 'council', 'council:atlantis']);
    expect(council.status).toBe(3);
  });

  it('computes voting power with exact fractions and refuses bad games', () => {
    const r = json<{ players: Array<{ name: string; exact: { banzhaf: string; shapleyShubik: string } }> }>(
      caucus([
        'power',
        '--quota',
        '12',
        '--weights',
        '4,4,4,2,2,1',
        '--names',
        'FR,DE,IT,BE,NL,LU',
        '--exact',
        '--json',
      ]),
    );
    expect(r.players.map((p) => p.exact.banzhaf)).toEqual(['5/21', '5/21', '5/21', '1/7', '1/7', '0/1']);
    expect(r.players[0]!.exact.shapleyShubik).toBe('7/30');
    const bad = caucus(['power', '--quota', '20', '--weights', '4,4,x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--weights');
    const over = caucus(['power', '--quota', '20', '--weights', '4,4']);
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('--quota');
  });

  it('shows control, council power and takeover for the sample', () => {
    const c = json<{
      councils: Array<{
        council: { id: string };
        groups: Array<{ factions: Array<{ faction: { id: string } | null }> }>;
      }>;
    }>(caucus(['--db', db, 'control', '--json']));
    expect(c.councils).toHaveLength(3);
    const withFaction = c.councils.find((k) => k.groups.some((g) => g.factions.some((f) => f.faction)))!;
    const faction = withFaction.groups.flatMap((g) => g.factions).find((f) => f.faction)!.faction!.id;
    const t = caucus(['--db', db, 'takeover', '--council', withFaction.council.id, '--faction', faction]);
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/Control of the group/);
    expect(caucus(['--db', db, 'power', '--council', withFaction.council.id]).status).toBe(0);
  });
});
