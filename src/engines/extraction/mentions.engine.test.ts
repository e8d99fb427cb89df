import { describe, expect, it } from 'vitest';
import { findMentions, mergeWords, nameKey } from './mentions.engine.js';
import { splitSentences } from './sentences.engine.js';
import { tokenize } from './tokens.engine.js';

function mentionsOf(text: string) {
  const sentences = splitSentences(text);
  const { mentions } = findMentions(text, sentences, tokenize(text));
  return mentions.map((m) => ({
    type: m.type,
    text: text.slice(m.start, m.end),
    name: m.name,
    title: m.title,
  }));
}
const has = (text: string, type: string, surface: string) =>
  mentionsOf(text).some((m) => m.type === type && m.text === surface);

describe('findMentions', () => {
  it('takes a compass or common word as a ward when a capitalised "Ward" names it', () => {
    expect(has('Cllr Ann Lee, who represents North Ward, spoke.', 'ward', 'North')).toBe(true);
    expect(has('She is a councillor for Central Ward in the borough.', 'ward', 'Central')).toBe(true);
    // Without "Ward" the word is only a direction.
    expect(has('Cllr Ann Lee, who represents North Fulford, spoke.', 'ward', 'North')).toBe(false);
    expect(mentionsOf('The north ward of the hospital reopened.').some((m) => m.type === 'ward')).toBe(false);
  });

  it('types a named group as a faction wherever the article once calls it a campaign group or faction', () => {
    const t =
      'The Riverside Forum met on Monday. Cllr Ann Lee is a supporter of the Riverside Forum, the campaign group formed last year.';
    const ms = mentionsOf(t).filter((m) => m.text === 'Riverside Forum');
    expect(ms).toHaveLength(2);
    expect(ms.every((m) => m.type === 'faction')).toBe(true);
    // Without that description it stays an organisation.
    expect(has('The Riverside Forum met on Monday.', 'faction', 'Riverside Forum')).toBe(false);
  });

  it('finds people with titles, keeping the title apart from the name', () => {
    const ms = mentionsOf('Yesterday Cllr Rosalind Achebe-Hart met Councillor Tom Duffy and Mrs Ivy Lowe.');
    expect(ms).toContainEqual(
      expect.objectContaining({ type: 'person', text: 'Rosalind Achebe-Hart', title: 'Cllr' }),
    );
    expect(ms).toContainEqual(
      expect.objectContaining({ type: 'person', text: 'Tom Duffy', title: 'Councillor' }),
    );
    expect(ms).toContainEqual(expect.objectContaining({ type: 'person', text: 'Ivy Lowe', title: 'Mrs' }));
  });

  it('finds untitled full names, bylines and names with Mc, Mac and O’', () => {
    const t =
      'By Peter Quayle, Political Editor\n\nCouncillors Ewan McBride, Isla MacLeod and Sean O’Hara voted against.';
    expect(has(t, 'person', 'Peter Quayle')).toBe(true);
    expect(has(t, 'person', 'Ewan McBride')).toBe(true);
    expect(has(t, 'person', 'Isla MacLeod')).toBe(true);
    expect(has(t, 'person', 'Sean O’Hara')).toBe(true);
    expect(has(t, 'person', 'Political Editor')).toBe(false);
  });

  it('finds councils in their many forms, with one key per place', () => {
    const t =
      'Testford City Council met. The Lord Mayor of Testford was absent. In my borough of Hollings, the London Borough of Hollings Pension Fund is large. Every Hollings councillor knows it.';
    const sentences = splitSentences(t);
    const { mentions, councils } = findMentions(t, sentences, tokenize(t));
    const council = mentions.filter((m) => m.type === 'council');
    expect(council.map((m) => t.slice(m.start, m.end))).toEqual(
      expect.arrayContaining(['Testford City Council', 'Testford', 'Hollings', 'London Borough of Hollings']),
    );
    expect(councils).toEqual(['council:testford', 'council:hollings']);
    expect(has(t, 'organization', 'London Borough of Hollings Pension Fund')).toBe(true);
  });

  it('finds wards from their context and the same name elsewhere', () => {
    const t =
      'Cllr Ann Bell, a councillor for Upper Marsh, spoke. The councillors from Eastgate, Mill Hill and Kings Cross met. Kay Ross represents Fen Ditton and Quy. Upper Marsh voters were angry.';
    expect(has(t, 'ward', 'Upper Marsh')).toBe(true);
    expect(has(t, 'ward', 'Eastgate')).toBe(true);
    expect(has(t, 'ward', 'Mill Hill')).toBe(true);
    expect(has(t, 'ward', 'Kings Cross')).toBe(true);
    expect(has(t, 'ward', 'Fen Ditton and Quy')).toBe(true);
    expect(mentionsOf(t).filter((m) => m.type === 'ward' && m.text === 'Upper Marsh')).toHaveLength(2);
  });

  it('finds parties, local parties, party groups and factions', () => {
    const t =
      'The Tories and Lib Dems objected. Westvale Labour Party and Norton Conservative Association met. The Labour group’s whip and the Green group leader spoke. Momentum and Labour First organised, as did the Westvale Labour Left caucus and the so-called ‘Tuesday club’. The moderates sulked. The SNP’s Riverside branch grew.';
    expect(mentionsOf(t)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'party', text: 'Tories', name: 'Conservatives' }),
        expect.objectContaining({ type: 'party', text: 'Lib Dems', name: 'Liberal Democrats' }),
        expect.objectContaining({ type: 'local_party', text: 'Westvale Labour Party' }),
        expect.objectContaining({ type: 'local_party', text: 'Norton Conservative Association' }),
        expect.objectContaining({ type: 'organization', text: 'Labour group' }),
        expect.objectContaining({ type: 'party', text: 'Green' }),
        expect.objectContaining({ type: 'faction', text: 'Momentum' }),
        expect.objectContaining({ type: 'faction', text: 'Labour First' }),
        expect.objectContaining({ type: 'faction', text: 'Westvale Labour Left' }),
        expect.objectContaining({ type: 'faction', text: 'Tuesday club' }),
        expect.objectContaining({ type: 'faction', name: 'moderates' }),
        expect.objectContaining({ type: 'local_party', name: 'Riverside SNP branch' }),
      ]),
    );
  });

  it('does not take sentence openers, months or office words for names', () => {
    const t =
      'Last Thursday the Deputy Leader spoke. Speaking afterwards, Members said May was busy. Correction – none.';
    expect(mentionsOf(t).filter((m) => m.type === 'person')).toEqual([]);
  });

  it('joins hyphenated words split by the tokeniser', () => {
    const t = 'Ann O’Brien-Lowe met Springburn/Robroyston people.';
    expect(mergeWords(tokenize(t)).map((w) => w.text)).toEqual(
      expect.arrayContaining(['O’Brien-Lowe', 'Springburn/Robroyston']),
    );
  });

  it('normalises name keys (accents, apostrophes, punctuation)', () => {
    expect(nameKey('Siân O’Neill-Jones')).toBe('sian oneill jones');
    expect(nameKey('Gipton & Harehills')).toBe('gipton and harehills');
  });
});

describe('findMentions: wards tagged to councillors (issue #7)', () => {
  it('reads a ward in brackets after a councillor, beside a party or not, and nothing else in brackets', () => {
    const t =
      'Cllrs Ruth Penhale (Hollins Cross), Omar Dace (Lab, Kettle Moor) and Cllr Ivy Bray (Lab) voted against.';
    expect(has(t, 'ward', 'Hollins Cross')).toBe(true);
    expect(has(t, 'ward', 'Kettle Moor')).toBe(true);
    expect(mentionsOf(t).filter((m) => m.type === 'ward')).toHaveLength(2);
    // No councillor named: a bracket is no ward.
    expect(has('The agency (Harbour Lights) opened an office.', 'ward', 'Harbour Lights')).toBe(false);
    expect(has('Cllr Ann Lee (Deputy Leader) spoke.', 'ward', 'Deputy Leader')).toBe(false);
  });

  it('reads "Cllr X of Ward" but not a council, a party or a faction after "of"', () => {
    expect(has('The motion came from Coun. Ned Hale of Ashworth Vale.', 'ward', 'Ashworth Vale')).toBe(true);
    expect(has('Cllr Ned Hale of Momentum spoke.', 'ward', 'Momentum')).toBe(false);
    expect(has('Cllr Ned Hale of Labour spoke.', 'ward', 'Labour')).toBe(false);
    expect(mentionsOf('Cllr Ned Hale of Ashby City Council spoke.').some((m) => m.type === 'ward')).toBe(
      false,
    );
    const two = 'It was backed by Cllr Jo Marr of Oldfield and Cllr Tim Rudd of Stanegate.';
    expect(has(two, 'ward', 'Oldfield')).toBe(true);
    expect(has(two, 'ward', 'Stanegate')).toBe(true);
  });

  it('keeps a multi-member ward whole after "a councillor for" or "represents", but splits a plural list', () => {
    const one = 'Cllr Iona Reid, a councillor for Cairnhill, Braeside and Upper Glen since 2017, resigned.';
    expect(has(one, 'ward', 'Cairnhill, Braeside and Upper Glen')).toBe(true);
    expect(
      has(
        'Cllr Hamish Bell, who represents Lochend, Muir and Old Kilbride, spoke.',
        'ward',
        'Lochend, Muir and Old Kilbride',
      ),
    ).toBe(true);
    const many = 'The councillors for Cairnhill, Braeside and Upper Glen met.';
    for (const w of ['Cairnhill', 'Braeside', 'Upper Glen']) expect(has(many, 'ward', w)).toBe(true);
    const wards = 'She relies on the councillors who sit for the Eastfield, Moorside and Low Carr wards.';
    for (const w of ['Eastfield', 'Moorside', 'Low Carr']) expect(has(wards, 'ward', w)).toBe(true);
  });

  it('reads "the member for X", "her ward, X", saints\' wards and numbered place names', () => {
    expect(has('The post goes to Cllr Bryn Hale, the member for Cwmgarw.', 'ward', 'Cwmgarw')).toBe(true);
    expect(has('Cllr Bryn Hale, the cabinet member for Finance, spoke.', 'ward', 'Finance')).toBe(false);
    expect(has("Her ward, St Oswald's, votes next year.", 'ward', "St Oswald's")).toBe(true);
    expect(has('Cllr Mo Tait, who represents Five Lanes, spoke.', 'ward', 'Five Lanes')).toBe(true);
    expect(has('Cllr Mo Tait, who represents Bruce Grove, spoke.', 'ward', 'Bruce Grove')).toBe(true);
  });

  it('takes no council from "X councillor" when the article is about another council or X is a ward', () => {
    const t = 'Several councillors left. A Farley councillor quit Ashby Borough Council on Monday.';
    const councils = mentionsOf(t)
      .filter((m) => m.type === 'council')
      .map((m) => m.name);
    expect(councils).toEqual(['Ashby Borough Council']);
    // Alone, "Farley councillors" still names Farley's council.
    expect(mentionsOf('Farley councillors voted on Monday.').some((m) => m.type === 'council')).toBe(true);
  });

  it("keeps an honorific after a councillor's title out of the name", () => {
    expect(has('Councillor Mrs Edna Platt (Oakridge) spoke.', 'person', 'Edna Platt')).toBe(true);
  });
});

describe('findMentions: place names with a party word and Welsh names (issue #7, second round)', () => {
  it('reads "Green" inside a place before another party as the place, not the Green Party', () => {
    const t = 'Birchley Hall Green Labour Party met. Wood Green Conservative Association agreed.';
    const ms = mentionsOf(t);
    expect(ms.filter((m) => m.type === 'local_party').map((m) => m.name)).toEqual([
      'Birchley Hall Green Labour Party',
      'Wood Green Conservative Association',
    ]);
    expect(ms.some((m) => m.type === 'party' && m.name === 'Green Party')).toBe(false);
    // The party itself is still read: after a lower-case word, before a role noun, or as a local party.
    expect(has('Labour and Green councillors voted against.', 'party', 'Green')).toBe(true);
    expect(has('Kelby Green Party has a new chair.', 'local_party', 'Kelby Green Party')).toBe(true);
  });

  it('makes "X CLP" and "X Constituency Labour Party" one local party', () => {
    const t = 'Harrow Vale Constituency Labour Party met. Harrow Vale CLP then voted.';
    const ms = findMentions(t, splitSentences(t), tokenize(t)).mentions.filter(
      (m) => m.type === 'local_party',
    );
    expect(ms).toHaveLength(2);
    expect(new Set(ms.map((m) => m.key)).size).toBe(1);
  });

  it('keeps Welsh and Gaelic particles and Welsh initials inside a name', () => {
    expect(has('Cllr Non ap Iorwerth spoke first.', 'person', 'Non ap Iorwerth')).toBe(true);
    expect(has('The seat went to Carys ferch Owain on Friday.', 'person', 'Carys ferch Owain')).toBe(true);
    expect(has('Cllr Dylan Rh. Evans, who represents Tonna, resigned.', 'person', 'Dylan Rh. Evans')).toBe(
      true,
    );
    // A particle-like word is no joiner outside a name.
    expect(has('He met Rhys ap the day after.', 'person', 'Rhys ap')).toBe(false);
  });
});
