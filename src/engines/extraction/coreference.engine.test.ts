import { describe, expect, it } from 'vitest';
import { findQuotes } from './coreference.engine.js';
import { analyse } from './test-helpers.js';

describe('resolveCoreference', () => {
  it('joins full name, title and surname, surname alone and pronouns into one person', () => {
    const t =
      'Cllr Jane Okafor won the vote. Later Cllr Okafor thanked members. Okafor said she was pleased, and her allies cheered.';
    const a = analyse(t);
    expect(a.spans('person', 'Jane Okafor')).toEqual(['Jane Okafor', 'Okafor', 'Okafor', 'she', 'her']);
  });

  it('keeps two people with one surname apart and picks the nearest for a bare surname', () => {
    const t = 'Cllr Ann Cole spoke first. Cllr Mark Cole spoke next. Then Cole sat down.';
    const a = analyse(t);
    expect(a.spans('person', 'Mark Cole')).toContain('Cole');
    expect(a.spans('person', 'Ann Cole')).not.toContain('Cole');
  });

  it('uses gender to pass over the nearer person', () => {
    const t =
      'Cllr Helen Varga beat Cllr Robert Dunn in the ballot. Dunn congratulated the winner. Her margin was six votes.';
    const a = analyse(t);
    expect(a.spans('person', 'Helen Varga')).toContain('Her');
    expect(a.spans('person', 'Robert Dunn')).not.toContain('Her');
  });

  it('resolves they to a list of people and its to the faction named before', () => {
    const t =
      'Councillors Amy Ward, Luke Fane and Raj Patel said they would resign. Westvale Labour Left met. Its convenor spoke.';
    const a = analyse(t);
    const they = a.coref.refs.find((r) => t.slice(r.start, r.end) === 'they');
    expect(they?.ids.map((id) => a.coref.entities[id]?.name)).toEqual(['Amy Ward', 'Luke Fane', 'Raj Patel']);
    expect(a.spans('faction', 'Westvale Labour Left')).toContain('Its');
  });

  it('gives I to the byline author outside quotes only', () => {
    const t = 'By Nora Quint\n\nI have been a member for years. “I am leaving,” said Cllr Tom Pratt.';
    const a = analyse(t);
    expect(a.spans('person', 'Nora Quint')).toEqual(['Nora Quint', 'I']);
  });

  it('finds quoted spans', () => {
    expect(findQuotes('He said “we won” and "they lost".')).toEqual([
      { start: 8, end: 16 },
      { start: 21, end: 32 },
    ]);
  });
});

describe('definite descriptions of factions', () => {
  it('resolves "the network" or "the caucus" to the faction named or described with that noun', () => {
    const t =
      'The Tyne Socialist Network, a left-wing caucus, met on Monday. Cllr Kay Orr, a founder of the network, spoke. The caucus then voted.';
    const a = analyse(t);
    expect(a.spans('faction', 'Tyne Socialist Network')).toEqual([
      'Tyne Socialist Network',
      'the network',
      'The caucus',
    ]);
  });

  it('leaves "the network" alone when no faction was named or described by that noun', () => {
    const t =
      'Momentum met on Monday. Cllr Kay Orr said the network was down. The campaign had stalled. Dan Roe agreed. Ivy Lam left. The faction split.';
    const a = analyse(t);
    const texts = a.coref.refs.map((r) => t.slice(r.start, r.end));
    expect(texts).not.toContain('the network');
    expect(texts).not.toContain('The campaign');
    // "the faction" takes a faction only from the last few sentences.
    expect(texts).not.toContain('The faction');
    const near = 'Momentum met on Monday. The faction split.';
    expect(analyse(near).spans('faction', 'Momentum')).toEqual(['Momentum', 'The faction']);
  });
});
