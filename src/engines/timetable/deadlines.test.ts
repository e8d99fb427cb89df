import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { DEADLINE_RULES } from './deadlines.data.js';
import { calendarFor, statutoryDeadlines } from './deadlines.engine.js';
import { firstThursdayInMay } from './polling-days.js';
import { workingDaysAfter, workingDaysBefore } from './working-days.engine.js';

const SOPN_CSV = fileURLToPath(
  new URL('../../../../shared/data/timetable/uk-election-timetables_historic_sopn_data.csv', import.meta.url),
);

function whereOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return (e as InvalidInputError).details.where as string;
  }
  expect.unreachable('expected an InvalidInputError');
}

describe('statutoryDeadlines: local polls, against published timetables', () => {
  it('England, 2024-05-02 (Electoral Commission timetable)', () => {
    expect(statutoryDeadlines('2024-05-02', 'england')).toEqual({
      poll: '2024-05-02',
      noticeOfElection: '2024-03-26',
      nominationsClose: '2024-04-05',
      statementOfPersonsNominated: '2024-04-08',
      registrationDeadline: '2024-04-16',
      postalVoteDeadline: '2024-04-17',
      proxyVoteDeadline: '2024-04-24',
      voterIdDeadline: '2024-04-24',
    });
  });

  it('England, a Wednesday by-election on 2024-11-20 (North Yorkshire timetable)', () => {
    expect(statutoryDeadlines('2024-11-20', 'england')).toEqual({
      poll: '2024-11-20',
      noticeOfElection: '2024-10-16',
      nominationsClose: '2024-10-24',
      statementOfPersonsNominated: '2024-10-25',
      registrationDeadline: '2024-11-04',
      postalVoteDeadline: '2024-11-05',
      proxyVoteDeadline: '2024-11-12',
      voterIdDeadline: '2024-11-12',
    });
  });

  it('England, across Easter: 2025-05-01 (Gloucestershire timetable) and 2019-05-02', () => {
    const d = statutoryDeadlines('2025-05-01', 'england');
    expect([
      d.noticeOfElection,
      d.nominationsClose,
      d.registrationDeadline,
      d.postalVoteDeadline,
      d.proxyVoteDeadline,
    ]).toEqual(['2025-03-25', '2025-04-02', '2025-04-11', '2025-04-14', '2025-04-23']);
    expect(statutoryDeadlines('2019-05-02', 'england').nominationsClose).toBe('2019-04-03');
  });

  it('uses the 2006 rules before SI 2014/494: statement of persons nominated on the 17th day', () => {
    const before = statutoryDeadlines('2013-05-02', 'england');
    const after = statutoryDeadlines('2015-05-07', 'england');
    expect(workingDaysBefore('2013-05-02', 17, calendarFor({ holidays: 'nation' }, 'england'))).toBe(
      before.statementOfPersonsNominated,
    );
    expect(workingDaysAfter(after.nominationsClose, 1, calendarFor({ holidays: 'nation' }, 'england'))).toBe(
      after.statementOfPersonsNominated,
    );
    expect(before.voterIdDeadline).toBeNull();
  });

  it('Scotland, 2022-05-05 (Dumfries and Galloway timetable): Easter Monday counts only outside the timetable', () => {
    const d = statutoryDeadlines('2022-05-05', 'scotland');
    expect(d.nominationsClose).toBe('2022-03-30');
    expect(d.statementOfPersonsNominated).toBe('2022-03-30');
    expect(d.registrationDeadline).toBe('2022-04-18');
    expect(d.postalVoteDeadline).toBe('2022-04-19');
    expect(d.voterIdDeadline).toBeNull();
    // The council published its notice on the earliest day the rules allow, the 35th day.
    expect(
      workingDaysBefore(
        '2022-05-05',
        35,
        calendarFor({ holidays: 'nation', easterMonday: true }, 'scotland'),
      ),
    ).toBe('2022-03-14');
  });

  it('Northern Ireland, 2023-05-18 (Electoral Commission timetable) and 2019-05-02', () => {
    expect(statutoryDeadlines('2023-05-18', 'northern-ireland')).toEqual({
      poll: '2023-05-18',
      noticeOfElection: '2023-04-11',
      nominationsClose: '2023-04-24',
      statementOfPersonsNominated: '2023-04-24',
      registrationDeadline: '2023-04-28',
      postalVoteDeadline: '2023-04-26',
      proxyVoteDeadline: '2023-04-26',
      voterIdDeadline: null,
    });
    expect(statutoryDeadlines('2019-05-02', 'northern-ireland').nominationsClose).toBe('2019-04-08');
  });

  it('Wales has no voter ID at local polls', () => {
    const d = statutoryDeadlines('2022-05-05', 'wales');
    expect(d.nominationsClose).toBe('2022-04-05');
    expect(d.voterIdDeadline).toBeNull();
    expect(statutoryDeadlines('2027-05-06', 'wales').voterIdDeadline).toBeNull();
  });

  it('applies voter ID in England from the polls of 2023-05-04', () => {
    expect(statutoryDeadlines('2022-05-05', 'england').voterIdDeadline).toBeNull();
    expect(statutoryDeadlines('2023-05-04', 'england').voterIdDeadline).toBe('2023-04-25');
  });
});

describe('statutoryDeadlines: UK Parliament general elections', () => {
  it('2019-12-12: registration counts England, postal votes count every part of the UK', () => {
    const d = statutoryDeadlines('2019-12-12', 'england', 'parl');
    expect(d.statementOfPersonsNominated).toBe('2019-11-14');
    expect(d.registrationDeadline).toBe('2019-11-26');
    expect(d.postalVoteDeadline).toBe('2019-11-26');
    expect(d.proxyVoteDeadline).toBe('2019-12-04');
    expect(d.voterIdDeadline).toBeNull();
  });

  it('2024-07-04', () => {
    const d = statutoryDeadlines('2024-07-04', 'england', 'parl');
    expect([
      d.nominationsClose,
      d.registrationDeadline,
      d.postalVoteDeadline,
      d.proxyVoteDeadline,
      d.voterIdDeadline,
    ]).toEqual(['2024-06-07', '2024-06-18', '2024-06-19', '2024-06-26', '2024-06-26']);
    expect(statutoryDeadlines('2024-07-04', 'northern-ireland', 'parl').voterIdDeadline).toBeNull();
  });
});

describe('statutoryDeadlines: order and errors', () => {
  it('keeps the deadlines in order for every English first Thursday in May', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2015, max: 2050 }),
        fc.constantFrom('england', 'wales', 'scotland', 'northern-ireland'),
        (year, nation) => {
          const d = statutoryDeadlines(firstThursdayInMay(year), nation as 'england');
          expect(d.noticeOfElection < d.nominationsClose).toBe(true);
          expect(d.nominationsClose <= d.statementOfPersonsNominated).toBe(true);
          expect(d.statementOfPersonsNominated < d.registrationDeadline).toBe(true);
          expect(d.registrationDeadline < d.poll && d.postalVoteDeadline <= d.proxyVoteDeadline).toBe(true);
          expect(d.proxyVoteDeadline < d.poll).toBe(true);
        },
      ),
    );
  });

  it('rejects impossible dates, non-working polling days, unknown nations and years outside the rules', () => {
    expect(whereOf(() => statutoryDeadlines('2024-02-30', 'england'))).toBe('poll');
    expect(whereOf(() => statutoryDeadlines('2024-05-04', 'england'))).toBe('poll');
    expect(() => statutoryDeadlines('2024-05-04', 'england')).toThrow(/working day/);
    expect(whereOf(() => statutoryDeadlines('2024-05-02', 'mars' as never))).toBe('nation');
    expect(whereOf(() => statutoryDeadlines('2024-05-02', 'england', 'sp'))).toBe('nation');
    expect(whereOf(() => statutoryDeadlines('2024-05-02', 'england', 'euro' as never))).toBe('kind');
    expect(whereOf(() => statutoryDeadlines('2005-05-05', 'england'))).toBe('poll');
    expect(() => statutoryDeadlines('2005-05-05', 'england')).toThrow(/from 2007-01-01/);
    expect(whereOf(() => statutoryDeadlines('2051-05-04', 'england'))).toBe('poll');
  });

  it('has no overlapping eras in the rule table', () => {
    for (const a of DEADLINE_RULES) {
      for (const b of DEADLINE_RULES) {
        if (a === b || a.kind !== b.kind || !a.nations.some((n) => b.nations.includes(n))) continue;
        const overlap = a.from <= (b.to ?? '9999') && b.from <= (a.to ?? '9999');
        expect(overlap, `${a.source} / ${b.source}`).toBe(false);
      }
    }
  });
});

// Cross-check with real publication dates of statements of persons nominated. Kinds whose rules are
// implemented here: parl (UK Parliament), sp (Scottish Parliament), nia (NI Assembly). The naw, gla, mayor and
// pcc rows are for kinds not modelled and are not used.
describe.skipIf(!existsSync(SOPN_CSV))(
  'statement of persons nominated against historic data (skipped: ../shared is absent)',
  () => {
    const rows = existsSync(SOPN_CSV)
      ? readFileSync(SOPN_CSV, 'utf8')
          .split('\n')
          .filter((l) => l.trim() && !l.startsWith('--') && !l.startsWith('election_id'))
          .map((l) => {
            const [id, , , date, published] = l.split(',');
            return { id: id!, kind: id!.split('.')[0]!, date: date!, published: published! };
          })
      : [];

    it('Scottish Parliament 2016 and NI Assembly 2016 and 2017: every row exactly', () => {
      const sp = rows.filter((r) => r.kind === 'sp');
      const nia = rows.filter((r) => r.kind === 'nia');
      expect(sp.length).toBe(51);
      expect(nia.length).toBe(36);
      for (const r of sp)
        expect([r.id, statutoryDeadlines(r.date, 'scotland', 'sp').statementOfPersonsNominated]).toEqual([
          r.id,
          r.published,
        ]);
      for (const r of nia) {
        expect([
          r.id,
          statutoryDeadlines(r.date, 'northern-ireland', 'nia').statementOfPersonsNominated,
        ]).toEqual([r.id, r.published]);
      }
    });

    it('UK Parliament 2015, 2016 and 2017: the usual day exactly, and no row earlier or more than a working day later', () => {
      const parl = rows.filter((r) => r.kind === 'parl');
      expect(parl.length).toBe(873);
      const byElection = new Map<string, Map<string, number>>();
      for (const r of parl) {
        const computed = statutoryDeadlines(r.date, 'england', 'parl').statementOfPersonsNominated;
        const nextDay = workingDaysAfter(computed, 1, calendarFor({ holidays: 'uk' }, 'england'));
        expect([r.id, r.published === computed || r.published === nextDay]).toEqual([r.id, true]);
        const counts = byElection.get(r.date) ?? new Map<string, number>();
        counts.set(r.published, (counts.get(r.published) ?? 0) + 1);
        byElection.set(r.date, counts);
      }
      for (const [date, counts] of byElection) {
        const usual = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
        expect([date, usual]).toEqual([
          date,
          statutoryDeadlines(date, 'england', 'parl').statementOfPersonsNominated,
        ]);
      }
    });
  },
);
