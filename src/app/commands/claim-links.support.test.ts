import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { extractWithText } from '../../engines/extraction/index.js';
import {
  councilCore,
  entityTypeOf,
  expectedTypes,
  namedArguments,
  nameKey,
  newLinkContext,
  publicOfficeHolders,
} from './claim-links.support.js';
import { parseKeyValues } from './review.commands.js';

describe('claim link helpers', () => {
  it('reduces council names of every form to their place', () => {
    expect(councilCore('Leeds City Council')).toBe('leeds');
    expect(councilCore('London Borough of Hackney')).toBe('hackney');
    expect(councilCore('Royal Borough of Kingston upon Thames')).toBe('kingston upon thames');
    expect(councilCore('Testborough Metropolitan Borough Council')).toBe('testborough');
    expect(councilCore('the council of Newport')).toBe('newport');
    expect(councilCore('Newcastle-under-Lyme Borough Council')).toBe('newcastle under lyme');
  });

  it('keys names without case, accents or punctuation', () => {
    expect(nameKey('Siân O’Neill-Jones')).toBe('sian oneill jones');
    expect(nameKey('  Lib  Dems ')).toBe('lib dems');
  });

  it('lists the named arguments of a claim, lists by position', () => {
    expect(
      namedArguments({
        type: 'leadership_election',
        subject: 'Ann Lee',
        council: 'Ferndale Council',
        supported_by: ['Bo Hart', 'Cy Dunn'],
        confidence: 0.9,
        office: 'leader',
      }),
    ).toEqual([
      { argument: 'subject', name: 'Ann Lee' },
      { argument: 'council', name: 'Ferndale Council' },
      { argument: 'supported_by.0', name: 'Bo Hart' },
      { argument: 'supported_by.1', name: 'Cy Dunn' },
    ]);
  });

  it('types an argument from the article, else from what the argument may name', () => {
    const lc = newLinkContext(
      [
        { type: 'faction', name: 'Momentum', mentions: [] },
        { type: 'local_party', name: 'Ferndale Labour Party', mentions: [] },
      ],
      new Set(),
    );
    expect(entityTypeOf(lc, 'dependence', 'on.0', 'Momentum')).toBe('faction');
    expect(entityTypeOf(lc, 'dependence', 'on.1', 'Ann Lee')).toBe('person');
    expect(entityTypeOf(lc, 'membership_change', 'subject', 'Ferndale Labour Party')).toBe('local_party');
    expect(entityTypeOf(lc, 'office', 'subject', 'Momentum')).toBe('person');
    expect(expectedTypes('defection', 'to')).toEqual(['party']);
  });

  it('counts titled people and office-holders as public, and not a faction organiser', () => {
    const { text, result } = extractWithText(
      'Cllr Ann Lee was deselected in Kilnfield ward. Tom Price, a Momentum organiser, welcomed it. Jo Hart MP said nothing.',
    );
    const holders = publicOfficeHolders(text, result.entities, result.claims);
    expect(holders.has('Ann Lee')).toBe(true);
    expect(holders.has('Jo Hart')).toBe(true);
    expect(holders.has('Tom Price')).toBe(false);
  });

  it('splits KEY=VALUE options and names the option when one is malformed', () => {
    expect(parseKeyValues(['office=leader', 'label=a=b', 'ward='], '--edit')).toEqual([
      ['office', 'leader'],
      ['label', 'a=b'],
      ['ward', ''],
    ]);
    expect(() => parseKeyValues(['leader'], '--edit')).toThrow(InvalidInputError);
    expect(() => parseKeyValues(['=x'], '--link')).toThrow(/--link/);
  });
});
