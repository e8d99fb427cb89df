import { describe, expect, it } from 'vitest';
import { dayOfWeek, isoFromParts } from '../../domain/dates.js';
import { type CycleBallot, type CycleInput, type CyclePost, inferCycle } from './cycle.engine.js';

function pollDay(year: number): string {
  const first = isoFromParts(year, 5, 1);
  return isoFromParts(year, 5, 1 + ((4 - dayOfWeek(first) + 7) % 7));
}

const wards = (prefix: string, n: number, seats: number): CyclePost[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, seats }));

/** Ordinary ballots: every ward in `posts` contests `seats` seats on the poll day of each year. */
function polls(posts: CyclePost[], years: number[], seats: number | 'all'): CycleBallot[] {
  return years.flatMap((y) =>
    posts.map((p) => ({
      id: `local.tst.${p.id}.${pollDay(y)}`,
      postId: p.id,
      date: pollDay(y),
      byElection: false,
      seatsContested: seats === 'all' ? p.seats : seats,
    })),
  );
}

describe('inferCycle', () => {
  it('a metropolitan borough by thirds: fallow county years, 2020 postponed to 2021', () => {
    const posts = wards('w', 28, 3);
    const input: CycleInput = {
      council: 'SHF',
      posts,
      ballots: [...polls(posts, [2011, 2012, 2014, 2015, 2016, 2018, 2019, 2021, 2022, 2023, 2024], 1)],
    };
    const r = inferCycle(input);
    expect(r).toMatchObject({
      council: 'SHF',
      scheme: 'thirds',
      seatsPerPoll: 28,
      fallowYears: [2013, 2017],
      allOutYears: [],
      postponed: [{ from: '2020-05-07', to: '2021-05-06' }],
    });
    expect(r.polls).toHaveLength(11);
    expect(r.polls[0]).toMatchObject({
      date: '2011-05-05',
      wards: 28,
      seatsUp: 28,
      councilSeats: 84,
      allOut: false,
    });
    expect(r.polls[0]!.share).toBeCloseTo(1 / 3, 2);
  });

  it('sees the postponement even in a short history', () => {
    const posts = wards('w', 10, 3);
    const r = inferCycle({ council: 'X', posts, ballots: polls(posts, [2018, 2019, 2021, 2022], 1) });
    expect(r.scheme).toBe('thirds');
    expect(r.postponed).toEqual([{ from: '2020-05-07', to: '2021-05-06' }]);
    expect(r.fallowYears).toEqual([]);
  });

  it('thirds with an all-out year after a boundary review', () => {
    const old = wards('old', 12, 3);
    const fresh = wards('new', 10, 3);
    const r = inferCycle({
      council: 'X',
      posts: [...old, ...fresh],
      ballots: [
        ...polls(old, [2012, 2014, 2015], 1),
        ...polls(fresh, [2016], 'all'),
        ...polls(fresh, [2018, 2019], 1),
      ],
    });
    expect(r.scheme).toBe('thirds');
    expect(r.allOutYears).toEqual([2016]);
    expect(r.seatsPerPoll).toBe(10);
    expect(r.fallowYears).toEqual([2017]);
    expect(r.polls.find((p) => p.date === '2016-05-05')).toMatchObject({
      allOut: true,
      seatsUp: 30,
      councilSeats: 30,
      share: 1,
    });
  });

  it('halves: two-member wards electing one member every other year', () => {
    const posts = wards('w', 16, 2);
    const r = inferCycle({
      council: 'X',
      posts,
      ballots: polls(posts, [2014, 2016, 2018, 2021, 2022, 2024], 1),
    });
    expect(r).toMatchObject({
      scheme: 'halves',
      seatsPerPoll: 16,
      fallowYears: [2015, 2017, 2019, 2023],
      allOutYears: [],
      postponed: [{ from: '2020-05-07', to: '2021-05-06' }],
    });
  });

  it('halves: single-member wards, half of them at each poll, is not mistaken for all-out', () => {
    const a = wards('a', 10, 1);
    const b = wards('b', 10, 1);
    const r = inferCycle({
      council: 'X',
      posts: [...a, ...b],
      ballots: [...polls(a, [2014, 2018, 2022], 1), ...polls(b, [2016, 2021], 1)],
    });
    expect(r.polls.every((p) => !p.allOut)).toBe(true);
    expect(r.scheme).toBe('halves');
  });

  it('all-out every four years', () => {
    const posts = wards('w', 20, 2);
    const r = inferCycle({ council: 'X', posts, ballots: polls(posts, [2011, 2015, 2019, 2023], 'all') });
    expect(r).toMatchObject({
      scheme: 'all-out',
      seatsPerPoll: 40,
      fallowYears: [],
      allOutYears: [2011, 2015, 2019, 2023],
      postponed: [],
    });
  });

  it('all-out, with the 2020 poll postponed to 2021', () => {
    const posts = wards('w', 20, 3);
    const r = inferCycle({ council: 'X', posts, ballots: polls(posts, [2016, 2021], 'all') });
    expect(r).toMatchObject({
      scheme: 'all-out',
      allOutYears: [2016, 2021],
      postponed: [{ from: '2020-05-07', to: '2021-05-06' }],
    });
  });

  it('five-year terms are not postponements', () => {
    const posts = wards('w', 20, 3);
    expect(
      inferCycle({ council: 'X', posts, ballots: polls(posts, [2012, 2017, 2022], 'all') }).postponed,
    ).toEqual([]);
    expect(
      inferCycle({ council: 'X', posts, ballots: polls(posts, [2017, 2022], 'all'), termYears: 5 }).postponed,
    ).toEqual([]);
    expect(inferCycle({ council: 'X', posts, ballots: polls(posts, [2017, 2022], 'all') }).postponed).toEqual(
      [],
    );
  });

  it('a council that moved from thirds to all-out reads as all-out', () => {
    const posts = wards('w', 40, 3);
    const r = inferCycle({
      council: 'BIR',
      posts,
      ballots: [...polls(posts, [2011, 2012, 2014, 2015, 2016], 1), ...polls(posts, [2018, 2022], 'all')],
    });
    expect(r.scheme).toBe('all-out');
    expect(r.allOutYears).toEqual([2018, 2022]);
    expect(r.seatsPerPoll).toBe(120);
  });

  it('lists by-elections, which do not count as polls', () => {
    const posts = wards('w', 5, 3);
    const by: CycleBallot = {
      id: 'local.tst.w1.by.2019-09-12',
      postId: 'w1',
      date: '2019-09-12',
      byElection: true,
      seatsContested: 1,
    };
    const r = inferCycle({
      council: 'X',
      posts,
      ballots: [...polls(posts, [2018, 2019, 2021, 2022], 1), by],
    });
    expect(r.byElections).toEqual([{ date: '2019-09-12', ballot: by.id, post: 'w1' }]);
    expect(r.polls).toHaveLength(4);
  });

  it('understated ward seats do not make every partial poll all-out', () => {
    // Posts known only from results: seat counts read as 1 for three-member wards electing by thirds.
    const posts = wards('w', 10, 1);
    const r = inferCycle({ council: 'X', posts, ballots: polls(posts, [2018, 2019, 2021, 2022], 1) });
    expect(r.allOutYears).toEqual([]);
    expect(r.notes).toContain('partial polls fill most seats: the ward seat counts may be understated');
    expect(r.scheme).toBe('thirds');
    expect(r.postponed).toEqual([{ from: '2020-05-07', to: '2021-05-06' }]);
  });

  it('says so when there is nothing to infer', () => {
    expect(inferCycle({ council: 'X', posts: [], ballots: [] })).toMatchObject({
      scheme: null,
      seatsPerPoll: null,
      polls: [],
    });
  });
});
