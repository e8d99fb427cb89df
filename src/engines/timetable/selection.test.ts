import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { addMonths, parseDuration, shiftDate } from './duration.parser.js';
import {
  DEFAULT_SELECTION_RULES,
  type SittingCouncillor,
  selectionCalendar,
  selectionRuleFor,
  selectionWindow,
} from './selection.engine.js';

function whereOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return (e as InvalidInputError).details.where as string;
  }
  expect.unreachable('expected an InvalidInputError');
}

describe('durations', () => {
  it('parses days, weeks, months and years', () => {
    expect(parseDuration('18m')).toEqual({ amount: 18, unit: 'm' });
    expect(parseDuration(' 2Y ')).toEqual({ amount: 2, unit: 'y' });
    expect(parseDuration('90d')).toEqual({ amount: 90, unit: 'd' });
    expect(shiftDate('2024-05-02', parseDuration('6w'), -1)).toBe('2024-03-21');
    expect(shiftDate('2024-05-02', parseDuration('2y'), 1)).toBe('2026-05-02');
  });

  it('rejects anything else, naming the argument', () => {
    for (const bad of ['18', 'm18', '1.5y', '', '-3m', '18 months', 18]) {
      expect(whereOf(() => parseDuration(bad, '--within'))).toBe('--within');
    }
    expect(() => parseDuration('18x', '--within')).toThrow(/18m, 2y, 90d or 6w/);
  });

  it('adds calendar months, clamping to the end of the month', () => {
    expect(addMonths('2024-08-31', -6)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2026-05-07', -18)).toBe('2024-11-07');
  });
});

describe('selection rules', () => {
  it('finds a party by any of its ids', () => {
    expect(selectionRuleFor('PP53').key).toBe('labour');
    expect(selectionRuleFor('Labour').key).toBe('labour');
    expect(selectionRuleFor('joint-party:53-119').key).toBe('labour');
    expect(selectionRuleFor('PP52').sittingCouncillor).toBe('readoption');
    expect(selectionRuleFor('monster-raving-loony').key).toBe('default');
  });

  it('documents every rule as a default, opening before it closes', () => {
    for (const rule of DEFAULT_SELECTION_RULES) {
      expect(rule.isDefault).toBe(true);
      expect(rule.note).toMatch(/^default/);
      const w = selectionWindow('2026-05-07', rule);
      expect(w.opens < w.closes && w.closes < '2026-05-07').toBe(true);
    }
    expect(selectionWindow('2026-05-07', selectionRuleFor('labour'))).toEqual({
      opens: '2024-11-07',
      closes: '2025-11-07',
    });
  });
});

const councillors: SittingCouncillor[] = [
  {
    personId: 'a',
    party: 'PP53',
    councilId: 'sheffield',
    postId: 'w1',
    nation: 'england',
    nextPoll: '2026-05-07',
  },
  {
    personId: 'b',
    party: 'PP52',
    councilId: 'sheffield',
    postId: 'w2',
    nation: 'england',
    nextPoll: '2026-05-07',
  },
  {
    personId: 'c',
    party: 'labour',
    councilId: 'leeds',
    postId: 'w3',
    nation: 'england',
    termEnd: '2027-05-06',
  },
  {
    personId: 'd',
    party: 'snp',
    councilId: 'glasgow',
    postId: 'w4',
    nation: 'scotland',
    nextPoll: '2027-05-06',
  },
  {
    personId: 'e',
    party: 'PP90',
    councilId: 'leeds',
    postId: 'w5',
    nation: 'england',
    nextPoll: '2030-05-02',
  },
  {
    personId: 'f',
    party: 'PP63',
    councilId: 'leeds',
    postId: 'w6',
    nation: 'england',
    nextPoll: '2025-05-01',
  },
];

describe('selectionCalendar', () => {
  it('lists each councillor with the window and the close of nominations, soonest deadline first', () => {
    const cal = selectionCalendar(councillors, { asOf: '2025-06-01' });
    expect(cal.map((e) => e.personId)).toEqual(['a', 'b', 'd', 'c', 'e']);
    const a = cal[0]!;
    expect(a).toMatchObject({
      ruleKey: 'labour',
      nextPoll: '2026-05-07',
      selectionOpens: '2024-11-07',
      selectionCloses: '2025-11-07',
      nominationsClose: '2026-04-09',
      sittingCouncillor: 'trigger-ballot',
      status: 'open',
      beforeNextGeneralElection: true,
      ruleIsDefault: true,
    });
    expect(cal.find((e) => e.personId === 'b')).toMatchObject({
      selectionOpens: '2025-05-07',
      selectionCloses: '2026-01-07',
    });
    expect(cal.find((e) => e.personId === 'c')!.status).toBe('upcoming');
    expect(cal.find((e) => e.personId === 'e')!.beforeNextGeneralElection).toBe(false);
    for (let i = 1; i < cal.length; i++)
      expect(cal[i - 1]!.selectionCloses <= cal[i]!.selectionCloses).toBe(true);
  });

  it('filters by horizon, council and party', () => {
    const within = selectionCalendar(councillors, { asOf: '2025-06-01', within: '12m' });
    expect(within.map((e) => e.personId)).toEqual(['a', 'b', 'd', 'c']);
    expect(
      selectionCalendar(councillors, { asOf: '2025-06-01', within: '3m' }).map((e) => e.personId),
    ).toEqual(['a', 'b']);
    expect(
      selectionCalendar(councillors, { asOf: '2025-06-01', councilId: 'leeds' }).map((e) => e.personId),
    ).toEqual(['c', 'e']);
    expect(
      selectionCalendar(councillors, { asOf: '2025-06-01', party: 'labour' }).map((e) => e.personId),
    ).toEqual(['a', 'c']);
    expect(
      selectionCalendar(councillors, { asOf: '2025-06-01', party: 'PP53' }).map((e) => e.personId),
    ).toEqual(['a', 'c']);
    expect(selectionCalendar(councillors, { asOf: '2025-06-01', party: 'nobody' })).toEqual([]);
  });

  it('accepts a region’s own rules', () => {
    const rules = [
      { ...DEFAULT_SELECTION_RULES[0]!, opensBefore: '24m', closesBefore: '12m', isDefault: false },
    ];
    const cal = selectionCalendar(councillors.slice(0, 1), { asOf: '2024-01-01', rules });
    expect(cal[0]).toMatchObject({
      selectionOpens: '2024-05-07',
      selectionCloses: '2025-05-07',
      ruleIsDefault: false,
    });
  });

  it('names the bad input', () => {
    expect(whereOf(() => selectionCalendar(councillors, { asOf: '2025-13-01' }))).toBe('asOf');
    expect(whereOf(() => selectionCalendar(councillors, { asOf: '2025-06-01', within: 'soon' }))).toBe(
      'within',
    );
    const noPoll = [{ ...councillors[0]!, nextPoll: null }];
    expect(whereOf(() => selectionCalendar(noPoll, { asOf: '2025-06-01' }))).toBe('councillors[0].nextPoll');
    const badNation = [councillors[1]!, { ...councillors[0]!, nation: 'mars' as never }];
    expect(whereOf(() => selectionCalendar(badNation, { asOf: '2025-06-01' }))).toBe('councillors[1].nation');
    const badRule = [{ ...DEFAULT_SELECTION_RULES[0]!, opensBefore: '3m', closesBefore: '6m' }];
    expect(whereOf(() => selectionCalendar(councillors, { asOf: '2025-06-01', rules: badRule }))).toBe(
      'rules[0].opensBefore',
    );
  });
});
