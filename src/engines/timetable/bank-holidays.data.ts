/**
 * One-off changes to the UK bank holidays, made by royal proclamation: the usual rules compute every
 * other holiday. Checked against GOV.UK's published calendars (2012-2028) and the proclamations before that.
 */
import type { IsoDate } from '../../domain/dates.js';

export const DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
/** GOV.UK's three bank-holiday calendars. */
export type Division = (typeof DIVISIONS)[number];

export type BankHolidayChange =
  /** A usual holiday moved to another day that year. */
  | {
      kind: 'move';
      divisions: readonly Division[];
      from: IsoDate;
      to: IsoDate;
      title: string;
      reason: string;
    }
  /** An extra holiday for that year only. */
  | { kind: 'extra'; divisions: readonly Division[]; date: IsoDate; title: string; reason: string };

const ALL: readonly Division[] = DIVISIONS;

export const BANK_HOLIDAY_CHANGES: readonly BankHolidayChange[] = [
  {
    kind: 'move',
    divisions: ALL,
    from: '1995-05-01',
    to: '1995-05-08',
    title: 'Early May bank holiday (VE day)',
    reason: '50th anniversary of VE Day',
  },
  {
    kind: 'extra',
    divisions: ALL,
    date: '1999-12-31',
    title: 'Millennium bank holiday',
    reason: 'the millennium',
  },
  {
    kind: 'move',
    divisions: ALL,
    from: '2002-05-27',
    to: '2002-06-04',
    title: 'Spring bank holiday',
    reason: "moved for the Queen's Golden Jubilee",
  },
  {
    kind: 'extra',
    divisions: ALL,
    date: '2002-06-03',
    title: "Queen's Golden Jubilee",
    reason: "the Queen's Golden Jubilee",
  },
  { kind: 'extra', divisions: ALL, date: '2011-04-29', title: 'Royal wedding', reason: 'the royal wedding' },
  {
    kind: 'move',
    divisions: ALL,
    from: '2012-05-28',
    to: '2012-06-04',
    title: 'Spring bank holiday',
    reason: "moved for the Queen's Diamond Jubilee",
  },
  {
    kind: 'extra',
    divisions: ALL,
    date: '2012-06-05',
    title: "Queen's Diamond Jubilee",
    reason: "the Queen's Diamond Jubilee",
  },
  {
    kind: 'move',
    divisions: ALL,
    from: '2020-05-04',
    to: '2020-05-08',
    title: 'Early May bank holiday (VE day)',
    reason: '75th anniversary of VE Day',
  },
  {
    kind: 'move',
    divisions: ALL,
    from: '2022-05-30',
    to: '2022-06-02',
    title: 'Spring bank holiday',
    reason: "moved for the Queen's Platinum Jubilee",
  },
  {
    kind: 'extra',
    divisions: ALL,
    date: '2022-06-03',
    title: 'Platinum Jubilee bank holiday',
    reason: "the Queen's Platinum Jubilee",
  },
  {
    kind: 'extra',
    divisions: ALL,
    date: '2022-09-19',
    title: 'Bank Holiday for the State Funeral of Queen Elizabeth II',
    reason: 'state funeral of Queen Elizabeth II',
  },
  {
    kind: 'extra',
    divisions: ALL,
    date: '2023-05-08',
    title: 'Bank holiday for the coronation of King Charles III',
    reason: 'coronation of King Charles III',
  },
  {
    kind: 'extra',
    divisions: ['scotland'],
    date: '2026-06-15',
    title: 'World Cup bank holiday',
    reason: "Scotland's first match of the 2026 FIFA World Cup",
  },
];
