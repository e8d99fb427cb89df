/**
 * Cycle inference (pure): from a council's ballots, how it elects: all-out, by halves or by thirds; how many
 * seats an ordinary poll fills; its fallow years; the years it elected all-out (after a boundary review);
 * postponed polls (2020 to 2021); its by-elections. Each conclusion comes with the polls that support it.
 */
import type { IsoDate } from '../../domain/dates.js';
import type { ElectionScheme } from '../../domain/model.js';
import { firstThursdayInMay } from '../timetable/index.js';

export interface CycleBallot {
  id: string;
  postId: string;
  date: IsoDate;
  byElection: boolean;
  seatsContested: number;
}

export interface CyclePost {
  id: string;
  seats: number;
}

export interface CycleInput {
  council: string;
  posts: readonly CyclePost[];
  ballots: readonly CycleBallot[];
  /** A full term in years (4 in England; 5 in Wales and Scotland since 2017), used when the data shows one gap only. */
  termYears?: number;
}

export interface PollEvidence {
  date: IsoDate;
  wards: number;
  seatsUp: number;
  /** Seats of the wards in use at the time (the poll's ward set), when it can be told. */
  councilSeats: number;
  /** seatsUp / councilSeats. */
  share: number;
  /** Every ward of the council filled whole at once. */
  allOut: boolean;
  /** Every contested ward filled whole (true at an all-out poll, and for alternating halves). */
  wardsWhole: boolean;
}

export interface CycleResult {
  council: string;
  scheme: ElectionScheme | null;
  seatsPerPoll: number | null;
  fallowYears: number[];
  allOutYears: number[];
  postponed: Array<{ from: IsoDate; to: IsoDate }>;
  byElections: Array<{ date: IsoDate; ballot: string; post: string }>;
  /** The ordinary polls the inference rests on, oldest first. */
  polls: PollEvidence[];
  notes: string[];
}

const YEAR_DAYS = 365.25;
const dayNumber = (d: IsoDate) => Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000);
const yearOf = (d: IsoDate) => Number(d.slice(0, 4));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Poll {
  date: IsoDate;
  posts: Set<string>;
  seatsUp: number;
  wardsWhole: boolean;
}

/** Infers how a council elects from its ballots: inferCycle({ council: 'SHF', posts, ballots }).scheme === 'thirds'. */
export function inferCycle(input: CycleInput): CycleResult {
  const notes: string[] = [];
  const byElections = input.ballots
    .filter((b) => b.byElection)
    .map((b) => ({ date: b.date, ballot: b.id, post: b.postId }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.ballot.localeCompare(b.ballot));

  // A ward's seats: what the registry says, or more if a poll ever filled more at once.
  const seats = new Map(input.posts.map((p) => [p.id, p.seats]));
  for (const b of input.ballots)
    if (b.seatsContested > (seats.get(b.postId) ?? 0)) seats.set(b.postId, b.seatsContested);

  const byDate = new Map<IsoDate, Poll>();
  for (const b of input.ballots) {
    if (b.byElection) continue;
    let p = byDate.get(b.date);
    if (!p) {
      p = { date: b.date, posts: new Set(), seatsUp: 0, wardsWhole: true };
      byDate.set(b.date, p);
    }
    p.posts.add(b.postId);
    p.seatsUp += b.seatsContested;
    if (b.seatsContested < (seats.get(b.postId) ?? b.seatsContested)) p.wardsWhole = false;
  }
  const polls = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  if (polls.length === 0)
    return {
      council: input.council,
      scheme: null,
      seatsPerPoll: null,
      fallowYears: [],
      allOutYears: [],
      postponed: [],
      byElections,
      polls: [],
      notes: ['no ordinary polls in the data: nothing to infer'],
    };

  const within = (a: Poll, b: Poll, years: number) =>
    Math.abs(dayNumber(a.date) - dayNumber(b.date)) <= years * YEAR_DAYS;
  const subset = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));
  const overlaps = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));
  const contestedBefore = (i: number, post: string) => polls.slice(0, i).some((q) => q.posts.has(post));

  // All-out: every contested ward filled whole, and the poll covered the council: polls in the next three
  // years contest only its wards and only in part. With no later poll, earlier ones must either be part of
  // the same ward set (in part) or belong to a ward set it replaced (its wards all new).
  const allOut = polls.map((p, i) => {
    if (!p.wardsWhole) return false;
    const later = polls.slice(i + 1).filter((q) => within(p, q, 3));
    if (later.length)
      return later.every((q) => subset(q.posts, p.posts) && !(q.wardsWhole && overlaps(q.posts, p.posts)));
    const earlier = polls.slice(0, i).filter((q) => within(p, q, 3));
    if (!earlier.length) return true;
    const sameSet = earlier.every((q) => subset(q.posts, p.posts) && !q.wardsWhole);
    const replacedSet =
      earlier.every((q) => !overlaps(q.posts, p.posts)) && [...p.posts].every((x) => !contestedBefore(i, x));
    return sameSet || replacedSet;
  });

  // The seats of the ward set in use at each poll: the wards of the nearest all-out poll before it (same set),
  // else every ward contested within three years on the same side of any all-out poll.
  const evidence: PollEvidence[] = polls.map((p, i) => {
    let wards: Set<string>;
    const prevAllOut = [...polls.keys()].filter((j) => j <= i && allOut[j]).pop();
    if (prevAllOut !== undefined && subset(p.posts, polls[prevAllOut]!.posts))
      wards = polls[prevAllOut]!.posts;
    else {
      const nextAllOut = [...polls.keys()].find((j) => j > i && allOut[j]) ?? polls.length;
      const from = prevAllOut === undefined ? 0 : prevAllOut + 1;
      wards = new Set(
        polls
          .slice(from, nextAllOut)
          .filter((q) => within(p, q, 3))
          .flatMap((q) => [...q.posts]),
      );
    }
    const councilSeats = [...wards].reduce((n, w) => n + (seats.get(w) ?? 1), 0);
    return {
      date: p.date,
      wards: p.posts.size,
      seatsUp: p.seatsUp,
      councilSeats,
      share: Math.round((p.seatsUp / councilSeats) * 1000) / 1000,
      allOut: allOut[i]!,
      wardsWhole: p.wardsWhole,
    };
  });

  // The scheme is read from the latest regime: the partial polls after the last all-out poll, else those before
  // it, unless the council has gone all-out twice running at the end (then it now elects all-out).
  const lastAllOut = allOut.lastIndexOf(true);
  let regime = evidence.filter((e, i) => !e.allOut && i > lastAllOut);
  let regimeStart = lastAllOut >= 0 && regime.length ? evidence[lastAllOut]!.date : regime[0]?.date;
  if (regime.length === 0 && lastAllOut >= 0) {
    const prevAllOut = allOut.slice(0, lastAllOut).lastIndexOf(true);
    const between = evidence.slice(prevAllOut + 1, lastAllOut).filter((e) => !e.allOut);
    if (!(prevAllOut >= 0 && between.length === 0)) {
      regime = evidence.slice(0, lastAllOut).filter((e) => !e.allOut);
      regimeStart = regime[0]?.date;
    }
  }
  const recent = regime.slice(-6);
  let scheme: ElectionScheme;
  let seatsPerPoll: number;
  if (recent.length === 0) {
    scheme = 'all-out';
    seatsPerPoll = evidence[lastAllOut >= 0 ? lastAllOut : evidence.length - 1]!.seatsUp;
  } else {
    const share = median(recent.map((e) => e.share));
    // The commonest count; on a tie the smaller, since extra seats come from vacancies filled on the same day.
    const tally = new Map<number, number>();
    for (const e of recent) tally.set(e.seatsUp, (tally.get(e.seatsUp) ?? 0) + 1);
    seatsPerPoll = [...tally].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
    if (share <= 0.7) {
      scheme = share <= 0.42 ? 'thirds' : 'halves';
      notes.push(
        `scheme read from ${recent.length} partial poll(s) with a median share of seats up of ${share.toFixed(2)}`,
      );
    } else {
      // Wards' seat counts are too low (known only from results): count polls per four-year cycle instead.
      const dates = regime.map((e) => e.date);
      const perCycle = median(
        dates.map((d) => dates.filter((x) => x >= d && yearOf(x) < yearOf(d) + 4).length),
      );
      scheme = perCycle >= 2.5 ? 'thirds' : perCycle >= 1.5 ? 'halves' : 'all-out';
      notes.push('partial polls fill most seats: the ward seat counts may be understated');
      notes.push(`scheme read from the number of polls per four-year cycle (${perCycle})`);
    }
  }

  const allOutYears = evidence.filter((e) => e.allOut).map((e) => yearOf(e.date));
  const years = new Set(polls.map((p) => yearOf(p.date)));
  const postponed = findPostponed(scheme, polls, evidence, years, input.termYears ?? 4);
  const fromYears = new Set(postponed.map((p) => yearOf(p.from)));

  const fallowYears: number[] = [];
  if (scheme !== 'all-out' && regimeStart) {
    // Years without an ordinary poll inside the regime the scheme was read from.
    const last = yearOf(polls[polls.length - 1]!.date);
    for (let y = yearOf(regimeStart); y <= last; y++)
      if (!years.has(y) && !fromYears.has(y)) fallowYears.push(y);
  }
  return {
    council: input.council,
    scheme,
    seatsPerPoll,
    fallowYears,
    allOutYears,
    postponed,
    byElections,
    polls: evidence,
    notes,
  };
}

function findPostponed(
  scheme: ElectionScheme,
  polls: Poll[],
  evidence: PollEvidence[],
  years: Set<number>,
  termYears: number,
): Array<{ from: IsoDate; to: IsoDate }> {
  const out: Array<{ from: IsoDate; to: IsoDate }> = [];
  const pollIn = (y: number) => polls.find((p) => yearOf(p.date) === y)!;
  if (scheme === 'all-out') {
    // A gap one year longer than the council's usual term is a delay. With a single gap there is no usual to
    // compare with, and only the national postponement of 2020's polls is claimed.
    const outs = evidence.filter((e) => e.allOut).map((e) => e.date);
    const gaps = outs.slice(1).map((d, i) => yearOf(d) - yearOf(outs[i]!));
    const counts = new Map<number, number>();
    for (const g of gaps) counts.set(g, (counts.get(g) ?? 0) + 1);
    const usual = gaps.length > 1 ? [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0] : termYears;
    outs.slice(1).forEach((d, i) => {
      const due = yearOf(outs[i]!) + usual;
      if (yearOf(d) !== due + 1 || years.has(due)) return;
      if (gaps.length > 1 || due === 2020) out.push({ from: firstThursdayInMay(due), to: d });
    });
    return out;
  }
  // Thirds poll in three years of every four, halves in two: the years of the cycle are the residues (year mod 4)
  // with most polls. A cycle year with no poll, followed by a poll in a year outside the cycle, is a postponement.
  // 2021's polls in councils due in 2020 were the postponed 2020 polls, so they count for 2020.
  const shifted = !years.has(2020) && years.has(2021);
  const counts = [0, 0, 0, 0];
  for (const y of years) counts[(shifted && y === 2021 ? 2020 : y) % 4]!++;
  const k = scheme === 'thirds' ? 3 : 2;
  const cycle = new Set(
    [0, 1, 2, 3]
      // Ties go to the usual English pattern: county-election years (2017, 2021: residue 1) are the fallow ones.
      .sort((a, b) => counts[b]! - counts[a]! || (a === 1 ? 1 : b === 1 ? -1 : a - b))
      .slice(0, k),
  );
  const first = Math.min(...years);
  const last = Math.max(...years);
  for (let y = first + 1; y < last; y++) {
    if (years.has(y) || !years.has(y + 1) || !cycle.has(y % 4) || cycle.has((y + 1) % 4)) continue;
    out.push({ from: firstThursdayInMay(y), to: pollIn(y + 1).date });
  }
  return out;
}
