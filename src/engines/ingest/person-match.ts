/**
 * Which person records are the same person across elections. A Democracy Club person id settles it; without one,
 * names are compared within the same council after normalising capitals, initials, honorifics, hyphens and
 * accents, and scored (Jaro-Winkler on names, double metaphone on surnames). Only a near-certain match with no
 * rival is proposed as the same person; anything weaker or ambiguous is listed for review, never merged.
 */
import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import doubleMetaphone from 'talisman/phonetics/double-metaphone.js';

export interface MatchCandidate {
  /** Registry person id. */
  id: string;
  name: string;
  /** Councils the person stood in or sat on: names are only compared within a council. */
  councilIds: readonly string[];
  /** Democracy Club person id, when the record came with one. */
  dcPersonId?: string | null;
  /** Ballots the person stood in: two records on one ballot are two people. */
  ballotIds?: readonly string[];
}

export type MatchDecision = 'same' | 'review';

export interface MatchPair {
  a: string;
  b: string;
  /** 0..1; 1 for identical normalised names or the same Democracy Club id. */
  score: number;
  decision: MatchDecision;
  reason: string;
}

export interface MatchResult {
  /** Pairs proposed as the same person (safe to merge). */
  same: MatchPair[];
  /** Pairs a person must look at: similar names, initials, or a name shared by several records. */
  review: MatchPair[];
  /** Groups of ids joined by `same` pairs (each group sorted, groups sorted by first id); singletons omitted. */
  groups: string[][];
}

export interface MatchOptions {
  /** Score at or above which a unique match is proposed as the same person (default 0.97). */
  sameAt?: number;
  /** Score at or above which a pair is listed for review (default 0.85). */
  reviewAt?: number;
}

export interface NameParts {
  /** Forenames, lower-case ASCII, honorifics and post-nominals removed. */
  given: string[];
  surname: string;
  /** All name tokens joined without spaces: "O'Brien-Smith" and "OBrien Smith" share it. */
  key: string;
}

const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'doctor',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'rev',
  'revd',
  'reverend',
  'cllr',
  'councillor',
  'councilor',
  'father',
  'canon',
  'hon',
  'rt',
  'the',
  'alderman',
  'baroness',
  'baron',
]);
// Only letters that cannot be a surname: "Ma" and "Ba" are surnames, so degrees like MA and BA stay.
const POST_NOMINALS = new Set([
  'mbe',
  'obe',
  'cbe',
  'kbe',
  'dbe',
  'bem',
  'jp',
  'mp',
  'msp',
  'qc',
  'kc',
  'dl',
  'phd',
  'bsc',
  'msc',
  'jnr',
  'snr',
]);

/** Lower-case ASCII words of a name: accents stripped, apostrophes dropped, hyphens and dots as spaces. */
export function normalisePersonName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2018\u2019`]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/** Splits a name into forenames and surname, without honorifics ("Cllr", "Dr") or post-nominals ("MBE"). */
export function nameParts(name: string): NameParts {
  const words = normalisePersonName(name).split(' ').filter(Boolean);
  while (words.length > 1 && HONORIFICS.has(words[0]!)) words.shift();
  while (words.length > 1 && POST_NOMINALS.has(words[words.length - 1]!)) words.pop();
  const surname = words.pop() ?? '';
  return { given: words, surname, key: [...words, surname].join('') };
}

function forenameScore(a: string[], b: string[]): { score: number; why: string } {
  const fa = a[0];
  const fb = b[0];
  if (!fa || !fb) return { score: 0.8, why: 'a forename is missing' };
  if (fa === fb) {
    // Middle names: one record often omits them; two different ones mean two people.
    const ma = a.slice(1);
    const mb = b.slice(1);
    if (ma.length && mb.length && ma[0]![0] !== mb[0]![0])
      return { score: 0.85, why: 'same first name, different middle names' };
    return {
      score: ma.join() === mb.join() ? 1 : 0.96,
      why: ma.join() === mb.join() ? 'same forenames' : 'same first name, middle names differ in presence',
    };
  }
  if ((fa.length === 1 && fb.startsWith(fa)) || (fb.length === 1 && fa.startsWith(fb)))
    return { score: 0.88, why: 'an initial matches a first name' };
  const jw = jaroWinkler(fa, fb);
  return { score: jw * 0.95, why: `first names ${fa}/${fb} similar (${jw.toFixed(2)})` };
}

/** How alike two names are, 0..1, with the reason: scoreNames('Cllr JOHN SMITH', 'John Smith').score === 1. */
export function scoreNames(a: string, b: string): { score: number; reason: string } {
  const pa = nameParts(a);
  const pb = nameParts(b);
  if (pa.key === '' || pb.key === '') return { score: 0, reason: 'empty name' };
  if (pa.key === pb.key)
    return { score: 1, reason: 'identical after normalising capitals, honorifics, hyphens and accents' };
  let surname: number;
  let why: string;
  if (pa.surname === pb.surname) {
    surname = 1;
    why = 'same surname';
  } else {
    const jw = jaroWinkler(pa.surname, pb.surname);
    const [a1, a2] = doubleMetaphone(pa.surname);
    const [b1, b2] = doubleMetaphone(pb.surname);
    const sounds = a1 !== '' && (a1 === b1 || a1 === b2 || a2 === b1);
    surname = sounds ? Math.max(jw, 0.93) : jw;
    why = `surnames ${pa.surname}/${pb.surname} ${sounds ? 'sound alike' : 'similar'} (${jw.toFixed(2)})`;
  }
  const f = forenameScore(pa.given, pb.given);
  const score = Math.round((0.55 * surname + 0.45 * f.score) * 1000) / 1000;
  return { score, reason: `${why}; ${f.why}` };
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller id becomes the root, so groups come out the same whatever the input order.
    if (ra < rb) this.parent.set(rb, ra);
    else if (rb < ra) this.parent.set(ra, rb);
  }
}

const DATE_AT_END = /(\d{4}-\d{2}-\d{2})$/;

/**
 * Files without person ids (LGA results) give one record per person and polling day, so someone who stood at
 * three polls is three records that all match each other. Such a group is one person when every pair in it is
 * a near-identical match, none of its records matches anyone outside it, and no two of them stood on the same
 * day (nobody stands twice in one council on one day). Returns the pairs of such groups with the reason.
 */
function repeatStanding(
  candidates: readonly MatchCandidate[],
  scored: ReadonlyMap<string, MatchPair>,
  sameAt: number,
  sameBallot: ReadonlySet<string>,
): Map<string, string> {
  const out = new Map<string, string>();
  const links = new Map<string, string[]>();
  for (const p of scored.values()) {
    links.set(p.a, [...(links.get(p.a) ?? []), p.b]);
    links.set(p.b, [...(links.get(p.b) ?? []), p.a]);
  }
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const done = new Set<string>();
  for (const start of [...links.keys()].sort()) {
    if (done.has(start)) continue;
    const group: string[] = [];
    const todo = [start];
    done.add(start);
    while (todo.length) {
      const x = todo.pop()!;
      group.push(x);
      for (const y of links.get(x) ?? []) {
        if (done.has(y)) continue;
        done.add(y);
        todo.push(y);
      }
    }
    if (group.length < 3) continue;
    // The order scored pairs are keyed in.
    group.sort((p, q) => p.localeCompare(q));
    const keys: string[] = [];
    let clique = true;
    for (let i = 0; i < group.length && clique; i++)
      for (let j = i + 1; j < group.length && clique; j++) {
        const key = `${group[i]}\u0000${group[j]}`;
        const p = scored.get(key);
        if (!p || p.score < sameAt || sameBallot.has(key)) clique = false;
        else keys.push(key);
      }
    if (!clique) continue;
    const days = new Set<string>();
    let apart = true;
    for (const id of group) {
      const own = new Set(
        (byId.get(id)?.ballotIds ?? []).map((b) => DATE_AT_END.exec(b)?.[1]).filter((d): d is string => !!d),
      );
      if (own.size === 0) apart = false;
      for (const d of own) {
        if (days.has(d)) apart = false;
        days.add(d);
      }
    }
    if (!apart) continue;
    for (const key of keys)
      out.set(key, `one person standing at ${group.length} polls (no two on the same day)`);
  }
  return out;
}

/**
 * Proposes which records are the same person. Same Democracy Club id: same. Different Democracy Club ids:
 * never matched. Otherwise names within a shared council: a score >= sameAt with no rival above reviewAt is
 * `same`; other pairs >= reviewAt (and every pair sharing a name with a third record) go to `review`.
 */
export function matchPersons(candidates: readonly MatchCandidate[], options: MatchOptions = {}): MatchResult {
  const sameAt = options.sameAt ?? 0.97;
  const reviewAt = options.reviewAt ?? 0.85;
  const pairs: MatchPair[] = [];
  const byDc = new Map<string, MatchCandidate[]>();
  for (const c of candidates) {
    if (!c.dcPersonId) continue;
    const list = byDc.get(c.dcPersonId);
    if (list) list.push(c);
    else byDc.set(c.dcPersonId, [c]);
  }
  for (const [dc, list] of byDc) {
    const sorted = [...list].sort((x, y) => x.id.localeCompare(y.id));
    for (let i = 1; i < sorted.length; i++)
      pairs.push({
        a: sorted[0]!.id,
        b: sorted[i]!.id,
        score: 1,
        decision: 'same',
        reason: `same Democracy Club person id ${dc}`,
      });
  }

  // Compare names within each council, blocked by surname sound and surname start to keep it near-linear.
  const parts = new Map(candidates.map((c) => [c.id, nameParts(c.name)]));
  const byCouncil = new Map<string, MatchCandidate[]>();
  for (const c of candidates)
    for (const council of new Set(c.councilIds)) {
      const list = byCouncil.get(council);
      if (list) list.push(c);
      else byCouncil.set(council, [c]);
    }
  const scored = new Map<string, MatchPair>();
  const sameBallot = new Set<string>();
  for (const members of byCouncil.values()) {
    const blocks = new Map<string, MatchCandidate[]>();
    for (const c of members) {
      const p = parts.get(c.id)!;
      if (!p.surname) continue;
      const keys = new Set([`m:${doubleMetaphone(p.surname)[0]}`, `s:${p.surname.slice(0, 3)}`]);
      for (const k of keys) {
        const list = blocks.get(k);
        if (list) list.push(c);
        else blocks.set(k, [c]);
      }
    }
    for (const block of blocks.values()) {
      for (let i = 0; i < block.length; i++) {
        for (let j = i + 1; j < block.length; j++) {
          const [x, y] = [block[i]!, block[j]!].sort((p, q) => p.id.localeCompare(q.id)) as [
            MatchCandidate,
            MatchCandidate,
          ];
          if (x.id === y.id) continue;
          const key = `${x.id}\u0000${y.id}`;
          if (scored.has(key)) continue;
          if (x.dcPersonId && y.dcPersonId) continue;
          const s = scoreNames(x.name, y.name);
          if (s.score < reviewAt) continue;
          const shared = x.ballotIds?.some((bid) => y.ballotIds?.includes(bid)) ?? false;
          if (shared) sameBallot.add(key);
          scored.set(key, {
            a: x.id,
            b: y.id,
            score: s.score,
            decision: 'review',
            reason: shared ? `${s.reason}; but both stood on the same ballot` : s.reason,
          });
        }
      }
    }
  }
  // A strong pair is only safe when neither record has another plausible partner.
  const rivals = new Map<string, number>();
  for (const p of scored.values()) {
    rivals.set(p.a, (rivals.get(p.a) ?? 0) + 1);
    rivals.set(p.b, (rivals.get(p.b) ?? 0) + 1);
  }
  const dcPaired = new Set(pairs.flatMap((p) => [p.a, p.b]));
  const repeat = repeatStanding(candidates, scored, sameAt, sameBallot);
  for (const [key, p] of scored) {
    const unique = rivals.get(p.a) === 1 && rivals.get(p.b) === 1;
    if (p.score >= sameAt && unique && !sameBallot.has(key)) p.decision = 'same';
    else if (p.score >= sameAt && repeat.has(key)) {
      p.decision = 'same';
      p.reason += `; ${repeat.get(key)}`;
    } else if (p.score >= sameAt && !unique) p.reason += '; ambiguous: another record matches as well';
    // Records already tied by a Democracy Club id are settled; a name match to them still needs a look.
    if (p.decision === 'same' && (dcPaired.has(p.a) || dcPaired.has(p.b))) {
      p.decision = 'review';
      p.reason += '; one record is already matched by Democracy Club id';
    }
    pairs.push(p);
  }
  const order = (x: MatchPair, y: MatchPair) =>
    y.score - x.score || x.a.localeCompare(y.a) || x.b.localeCompare(y.b);
  const same = pairs.filter((p) => p.decision === 'same').sort(order);
  const review = pairs.filter((p) => p.decision === 'review').sort(order);
  const uf = new UnionFind();
  for (const p of same) uf.union(p.a, p.b);
  const groups = new Map<string, string[]>();
  for (const id of new Set(same.flatMap((p) => [p.a, p.b]))) {
    const root = uf.find(id);
    const g = groups.get(root);
    if (g) g.push(id);
    else groups.set(root, [id]);
  }
  return {
    same,
    review,
    groups: [...groups.values()].map((g) => g.sort()).sort((x, y) => x[0]!.localeCompare(y[0]!)),
  };
}
