import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkName, normalisePersonName, type RegistryCandidate, soundKey } from './linker.engine.js';

const registry: RegistryCandidate[] = [
  { id: 'p1', name: 'Jane Smith', councilIds: ['leeds'] },
  { id: 'p2', name: 'John Smith', councilIds: ['leeds'] },
  { id: 'p3', name: 'Robert Thompson', councilIds: ['york'] },
  { id: 'p4', name: 'Siân O’Neill-Jones', councilIds: ['cardiff'] },
  { id: 'p5', name: 'Mohammed Khan', councilIds: ['leeds'], aliases: ['Mo Khan'] },
  { id: 'p6', name: 'Jane Smith', councilIds: ['bristol'] },
];

describe('normalisePersonName', () => {
  it('strips honorifics, keeping them as evidence, and folds accents, hyphens and apostrophes', () => {
    expect(normalisePersonName('Cllr Siân O’Neill-Jones')).toEqual({
      given: ['sian'],
      family: 'oneilljones',
      honorific: 'cllr',
      full: 'sian oneilljones',
    });
    expect(normalisePersonName('Rt Hon Dr Ann Lee MP').honorific).toBe('rt hon dr mp');
  });

  it('gives sound-alike surnames one key', () => {
    expect(soundKey('Smith')).toBe(soundKey('Smyth'));
    expect(soundKey('Smith')).not.toBe(soundKey('Jones'));
  });
});

describe('linkName', () => {
  it('links an exact name within the council automatically, with the title as evidence', () => {
    expect(linkName({ name: 'Cllr Jane Smith', councilId: 'leeds' }, registry)).toMatchObject({
      status: 'link',
      id: 'p1',
      honorific: 'cllr',
    });
  });

  it('proposes, not links, when two candidates are too close', () => {
    const d = linkName({ name: 'Jane Smith' }, registry);
    expect(d.status).toBe('review');
    expect(
      d.proposals
        .slice(0, 2)
        .map((p) => p.id)
        .sort(),
    ).toEqual(['p1', 'p6']);
  });

  it('never links a surname alone', () => {
    const d = linkName({ name: 'Cllr Smith', councilId: 'leeds' }, registry);
    expect(d.status).toBe('review');
    expect(d.proposals.map((p) => p.id)).toEqual(expect.arrayContaining(['p1', 'p2']));
  });

  it('matches nicknames, initials, accents and sound-alike spellings', () => {
    expect(linkName({ name: 'Bob Thompson', councilId: 'york' }, registry)).toMatchObject({
      status: 'link',
      id: 'p3',
    });
    expect(linkName({ name: 'Sian O’Neill Jones', councilId: 'cardiff' }, registry)).toMatchObject({
      status: 'link',
      id: 'p4',
    });
    expect(linkName({ name: 'Mo Khan', councilId: 'leeds' }, registry)).toMatchObject({
      status: 'link',
      id: 'p5',
    });
    const initial = linkName({ name: 'R. Thomson', councilId: 'york' }, registry);
    expect(initial.status).toBe('review');
    expect(initial.proposals[0]?.id).toBe('p3');
  });

  it('drops candidates on another council and calls an unknown name new', () => {
    expect(linkName({ name: 'Robert Thompson', councilId: 'leeds' }, registry).status).toBe('new');
    expect(linkName({ name: 'Priya Raval' }, registry)).toMatchObject({ status: 'new', proposals: [] });
  });

  it('links organisations by whole name', () => {
    const orgs = [
      { id: 'c1', name: 'Leeds City Council' },
      { id: 'c2', name: 'Leicester City Council' },
    ];
    expect(linkName({ name: 'Leeds City Council', kind: 'organization' }, orgs)).toMatchObject({
      status: 'link',
      id: 'c1',
    });
  });

  it('only links with a score at or above the link threshold and a clear margin (property)', () => {
    const names = ['Ann Lee', 'Anne Lee', 'Ann Leigh', 'Dan Lee', 'Ann Bee', 'Jan Lea', 'A Lee'];
    fc.assert(
      fc.property(fc.subarray(names, { minLength: 1 }), fc.constantFrom(...names), (pool, q) => {
        const cands = pool.map((n, i) => ({ id: `x${i}`, name: n }));
        const d = linkName({ name: q }, cands);
        if (d.status === 'link') {
          expect(d.score).toBeGreaterThanOrEqual(0.93);
          expect(d.margin).toBeGreaterThanOrEqual(0.05);
        }
        for (const p of d.proposals) expect(p.score).toBeGreaterThanOrEqual(0.75);
      }),
    );
  });
});
