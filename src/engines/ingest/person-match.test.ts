import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MatchCandidate, matchPersons, nameParts, scoreNames } from './person-match.js';

describe('nameParts and scoreNames', () => {
  it('drops honorifics and post-nominals, folds accents, hyphens and apostrophes', () => {
    expect(nameParts('Cllr. Dr JOHN O’Brien-Smith MBE')).toEqual({
      given: ['john', 'obrien'],
      surname: 'smith',
      key: 'johnobriensmith',
    });
    expect(nameParts('Zoë Ma')).toEqual({ given: ['zoe'], surname: 'ma', key: 'zoema' });
  });

  it('scores identical names 1 whatever their dress', () => {
    expect(scoreNames('Cllr JOHN SMITH', 'John Smith').score).toBe(1);
    expect(scoreNames("Mary O'Brien-Smith", 'Mary OBrien Smith').score).toBe(1);
    expect(scoreNames('José Álvarez', 'Jose Alvarez').score).toBe(1);
  });

  it('ranks a dropped middle name above an initial, and an initial above a different first name', () => {
    const middle = scoreNames('Roger Noel Davison', 'Roger Davison').score;
    const initial = scoreNames('R. Davison', 'Roger Davison').score;
    const other = scoreNames('Robert Davison', 'Roger Davison').score;
    const differentMiddles = scoreNames('Roger Noel Davison', 'Roger Paul Davison').score;
    expect(middle).toBeGreaterThanOrEqual(0.97);
    expect(initial).toBeLessThan(0.97);
    expect(initial).toBeGreaterThan(other);
    expect(differentMiddles).toBeLessThan(middle);
    expect(scoreNames('Ann Smyth', 'Ann Smith').score).toBeGreaterThan(
      scoreNames('Ann Jones', 'Ann Smith').score,
    );
  });

  it('is symmetric and bounded', () => {
    const name = fc.stringMatching(/^[A-Za-z' -]{0,20}$/);
    fc.assert(
      fc.property(name, name, (a, b) => {
        const ab = scoreNames(a, b).score;
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
        expect(scoreNames(b, a).score).toBeCloseTo(ab, 2);
      }),
    );
  });
});

const c = (
  id: string,
  name: string,
  councilIds: string[] = ['SHF'],
  extra: Partial<MatchCandidate> = {},
): MatchCandidate => ({
  id,
  name,
  councilIds,
  ...extra,
});

describe('matchPersons', () => {
  it('joins records with the same Democracy Club id, and never those with different ones', () => {
    const r = matchPersons([
      c('dc-person:1@a', 'Ann Able', ['SHF'], { dcPersonId: '1' }),
      c('dc-person:1@b', 'Ann Able-Baker', ['BNS'], { dcPersonId: '1' }),
      c('dc-person:2', 'Ann Able', ['SHF'], { dcPersonId: '2' }),
    ]);
    expect(r.same).toEqual([
      {
        a: 'dc-person:1@a',
        b: 'dc-person:1@b',
        score: 1,
        decision: 'same',
        reason: 'same Democracy Club person id 1',
      },
    ]);
    // dc-person:2 has another Democracy Club id: no name match is proposed against it.
    expect(r.review.some((p) => p.a === 'dc-person:2' || p.b === 'dc-person:2')).toBe(false);
    expect(r.groups).toEqual([['dc-person:1@a', 'dc-person:1@b']]);
  });

  it('proposes a unique, near-identical name in the same council as the same person', () => {
    const r = matchPersons([
      c('lga:2018:smith', 'JOHN SMITH'),
      c('lga:2022:smith', 'Cllr John Smith'),
      c('lga:2022:jones', 'Ann Jones'),
    ]);
    expect(r.same.map((p) => [p.a, p.b, p.score])).toEqual([['lga:2018:smith', 'lga:2022:smith', 1]]);
    expect(r.review).toEqual([]);
    expect(r.groups).toEqual([['lga:2018:smith', 'lga:2022:smith']]);
  });

  it('does not compare across councils', () => {
    const r = matchPersons([c('a', 'John Smith', ['SHF']), c('b', 'John Smith', ['BIR'])]);
    expect(r.same).toEqual([]);
    expect(r.review).toEqual([]);
  });

  it('lists ambiguous matches for review and merges nothing', () => {
    const r = matchPersons([c('a', 'John Smith'), c('b', 'John Smith'), c('c', 'John Smith')]);
    expect(r.same).toEqual([]);
    expect(r.review).toHaveLength(3);
    expect(r.review.every((p) => p.reason.includes('ambiguous'))).toBe(true);
    expect(r.groups).toEqual([]);
  });

  it('takes identical names at different polls, matching nobody else, as one person standing again', () => {
    const at = (d: string) => ({ ballotIds: [`local.testshire.north.${d}`] });
    const r = matchPersons([
      c('lga:2015:smith', 'JOHN SMITH', ['SHF'], at('2015-05-07')),
      c('lga:2019:smith', 'John Smith', ['SHF'], at('2019-05-02')),
      c('lga:2023:smith', 'Cllr John Smith', ['SHF'], at('2023-05-04')),
    ]);
    expect(r.review).toEqual([]);
    expect(r.same).toHaveLength(3);
    expect(r.same.every((p) => p.reason.includes('one person standing at 3 polls'))).toBe(true);
    expect(r.groups).toEqual([['lga:2015:smith', 'lga:2019:smith', 'lga:2023:smith']]);
  });

  it('keeps such a group for review when two of its records stood on one day, or one lacks a poll', () => {
    const at = (d: string, w = 'north') => ({ ballotIds: [`local.testshire.${w}.${d}`] });
    const sameDay = matchPersons([
      c('a', 'John Smith', ['SHF'], at('2019-05-02')),
      c('b', 'John Smith', ['SHF'], at('2019-05-02', 'south')),
      c('c', 'John Smith', ['SHF'], at('2023-05-04')),
    ]);
    expect(sameDay.same).toEqual([]);
    expect(sameDay.review).toHaveLength(3);
    const undated = matchPersons([
      c('a', 'John Smith', ['SHF'], at('2019-05-02')),
      c('b', 'John Smith', ['SHF']),
      c('c', 'John Smith', ['SHF'], at('2023-05-04')),
    ]);
    expect(undated.same).toEqual([]);
    // A near-identical record outside the group (an initial) makes the group ambiguous too.
    const rival = matchPersons([
      c('a', 'John Smith', ['SHF'], at('2015-05-07')),
      c('b', 'John Smith', ['SHF'], at('2019-05-02')),
      c('c', 'John Smith', ['SHF'], at('2023-05-04')),
      c('d', 'J Smith', ['SHF'], at('2022-05-05')),
    ]);
    expect(rival.same).toEqual([]);
  });

  it('sends initials and spelling variants to review', () => {
    const r = matchPersons([
      c('a', 'J. Smith'),
      c('b', 'John Smith'),
      c('x', 'Kate Brown'),
      c('y', 'Katie Browne'),
    ]);
    expect(r.same).toEqual([]);
    expect(r.review.map((p) => [p.a, p.b])).toEqual(
      expect.arrayContaining([
        ['a', 'b'],
        ['x', 'y'],
      ]),
    );
  });

  it('never proposes two candidates on one ballot as one person', () => {
    const r = matchPersons([
      c('a', 'John Smith', ['SHF'], { ballotIds: ['local.sheffield.x.2022-05-05'] }),
      c('b', 'John Smith', ['SHF'], { ballotIds: ['local.sheffield.x.2022-05-05'] }),
    ]);
    expect(r.same).toEqual([]);
    expect(r.review[0]!.reason).toContain('same ballot');
  });

  it('is deterministic whatever the input order', () => {
    const people = [
      c('a', 'John Smith'),
      c('b', 'Jon Smith'),
      c('c', 'Cllr JOHN SMITH'),
      c('d', 'Mary Smith'),
      c('e', 'M Smith'),
    ];
    const base = matchPersons(people);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(people, { minLength: people.length, maxLength: people.length }),
        (shuffled) => {
          expect(matchPersons(shuffled)).toEqual(base);
        },
      ),
      { numRuns: 50 },
    );
  });
});
