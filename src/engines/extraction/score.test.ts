import { describe, expect, it } from 'vitest';
import type { ExtractionResult, OutputClaim } from './extraction.types.js';
import { combineScores, type GoldFile, normaliseName, scoreArticle } from './score.js';

const ev = { start: 0, end: 1, text: 'x' };
const gold: GoldFile = {
  entities: [
    { type: 'person', name: 'Jane Roe', aliases: ['Roe'], required: true },
    { type: 'council', name: 'Testford City Council', aliases: ['Testford'], required: true },
    { type: 'ward', name: 'Upper Marsh', required: true },
    { type: 'faction', name: 'moderates', required: false },
    { type: 'party', name: 'Labour', aliases: ['Labour Party'], required: true },
  ],
  claims: [
    {
      type: 'deselection',
      subject: 'Jane Roe',
      ward: 'Upper Marsh',
      council: 'Testford City Council',
      party: 'Labour',
      required: true,
    },
    {
      type: 'office',
      subject: 'Jane Roe',
      office: 'mayor',
      council: 'Testford City Council',
      former: true,
      required: true,
    },
    {
      type: 'leadership_election',
      subject: 'Jane Roe',
      supported_by: ['moderates', 'Labour'],
      required: false,
    },
    { type: 'membership_change', organization: 'Labour', direction: 'increase', count: 20, required: true },
  ],
};
const claim = (c: Partial<OutputClaim> & Pick<OutputClaim, 'type' | 'subject'>): OutputClaim => ({
  confidence: 1,
  evidence: ev,
  ...c,
});

describe('score', () => {
  it('normalises names as SCHEMA.md says', () => {
    expect(normaliseName('Cllr. Jane  Roe-Smith')).toBe('jane roesmith');
    expect(normaliseName('Councillor O’Hara')).toBe('ohara');
  });

  it('matches entities by type and name or alias, one to one', () => {
    const out: ExtractionResult = {
      entities: [
        { type: 'person', name: 'Cllr Jane Roe', mentions: [] },
        { type: 'council', name: 'Testford', mentions: [] },
        { type: 'council', name: 'Testford City Council', mentions: [] },
        { type: 'ward', name: 'Upper Marsh', mentions: [] },
        { type: 'person', name: 'Nobody Else', mentions: [] },
        { type: 'faction', name: 'Moderates', mentions: [] },
      ],
      claims: [],
    };
    const s = scoreArticle('a', out, gold).entities;
    expect(s.overall.matchedOutput).toBe(4);
    expect(s.overall.output).toBe(6);
    expect(s.overall.matchedRequired).toBe(3);
    expect(s.overall.required).toBe(4);
    expect(s.misses.map((m) => m.name)).toEqual(['Labour']);
    expect(s.spurious.map((m) => m.name).sort()).toEqual(['Nobody Else', 'Testford City Council']);
    expect(s.byType.person?.precision).toBe(0.5);
  });

  it('matches claims on type and subject, unmatches on a wrong argument, and lowers the score for a missing one', () => {
    const out: ExtractionResult = {
      entities: [],
      claims: [
        claim({ type: 'deselection', subject: 'Roe', ward: 'Upper Marsh' }),
        claim({ type: 'office', subject: 'Jane Roe', office: 'mayor', council: 'Testford' }),
        claim({ type: 'leadership_election', subject: 'Jane Roe', supported_by: ['moderates', 'Momentum'] }),
        claim({
          type: 'membership_change',
          subject: 'Labour Party',
          organization: 'Labour Party',
          direction: 'decrease',
          count: 20,
        }),
      ],
    };
    const s = scoreArticle('a', out, gold).claims;
    // The office claim lacks former: true, so it matches with a lower argument score;
    // the membership change has the wrong direction, so it does not match.
    expect(s.overall.matchedOutput).toBe(3);
    expect(s.overall.matchedRequired).toBe(2);
    expect(s.misses.map((m) => m.type)).toEqual(['membership_change']);
    expect(s.argumentScore).toBeGreaterThan(0.3);
    expect(s.argumentScore).toBeLessThan(1);
  });

  it('treats former: true where the gold has none as a mismatch', () => {
    const out: ExtractionResult = {
      entities: [],
      claims: [claim({ type: 'office', subject: 'Jane Roe', office: 'mayor', former: true })],
    };
    const g: GoldFile = {
      entities: gold.entities,
      claims: [{ type: 'office', subject: 'Jane Roe', office: 'mayor', required: true }],
    };
    expect(scoreArticle('a', out, g).claims.overall.matchedOutput).toBe(0);
  });

  it('pools counts over articles', () => {
    const a = scoreArticle(
      'a',
      { entities: [{ type: 'person', name: 'Jane Roe', mentions: [] }], claims: [] },
      gold,
    );
    const b = scoreArticle(
      'b',
      { entities: [{ type: 'party', name: 'Labour', mentions: [] }], claims: [] },
      gold,
    );
    const c = combineScores([a, b]);
    expect(c.entities.overall.output).toBe(2);
    expect(c.entities.overall.matchedOutput).toBe(2);
    expect(c.entities.overall.required).toBe(8);
    expect(c.entities.overall.recall).toBe(0.25);
    expect(c.claims.overall.recall).toBe(0);
  });
});
