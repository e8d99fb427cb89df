/**
 * The selection calendar: for each sitting councillor in scope, the seat's next poll, the party's selection
 * window for it (from the party's rule, selection-rules.data.ts) and the statutory close of nominations.
 */
import { type IsoDate, toDayNumber } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Nation } from '../../domain/model.js';
import { statutoryDeadlines } from './deadlines.engine.js';
import { type Duration, formatDuration, parseDuration, shiftDate } from './duration.parser.js';
import { checkDate, parseNation } from './inputs.validator.js';
import { latestGeneralElectionDayNumber } from './parliament.engine.js';
import {
  DEFAULT_SELECTION_RULES,
  FALLBACK_SELECTION_RULE,
  type PartySelectionRule,
  SELECTION_METHODS,
  type SelectionMethod,
} from './selection-rules.data.js';

export {
  DEFAULT_SELECTION_RULES,
  FALLBACK_SELECTION_RULE,
  type PartySelectionRule,
  SELECTION_METHODS,
  type SelectionMethod,
} from './selection-rules.data.js';

/** A sitting councillor, as plain input. */
export interface SittingCouncillor {
  personId: string;
  party: string;
  councilId: string;
  postId: string;
  nation: Nation;
  /** The seat's next ordinary poll; termEnd is used when it is absent. */
  nextPoll?: IsoDate | null;
  termEnd?: IsoDate | null;
}

export interface SelectionCalendarOptions {
  asOf: IsoDate;
  /** Keep entries whose selection window opens within this horizon of asOf (`18m`). */
  within?: string | Duration;
  councilId?: string;
  /** A party id; any id of the same rule matches (`labour` finds `PP53`). */
  party?: string;
  /** Replaces the default rules (e.g. with a region's own). */
  rules?: readonly PartySelectionRule[];
}

/** The `caucus timetable selections --json` element. */
export interface SelectionCalendarEntry {
  personId: string;
  party: string;
  /** Key of the rule used ('default' for a party without its own). */
  ruleKey: string;
  councilId: string;
  postId: string;
  nation: Nation;
  nextPoll: IsoDate;
  selectionOpens: IsoDate;
  selectionCloses: IsoDate;
  nominationsClose: IsoDate;
  sittingCouncillor: SelectionMethod;
  /** Relative to asOf. */
  status: 'upcoming' | 'open' | 'closed';
  /** The seat's poll comes before the latest possible next general election. */
  beforeNextGeneralElection: boolean;
  /** The window comes from a documented default, not the party's own rule. */
  ruleIsDefault: boolean;
}

interface CompiledRule {
  rule: PartySelectionRule;
  opens: Duration;
  closes: Duration;
}

/** Checks a rule table, naming the offending field: rules[2].opensBefore. */
export function compileSelectionRules(rules: readonly PartySelectionRule[]): Map<string, CompiledRule> {
  const byId = new Map<string, CompiledRule>();
  rules.forEach((rule, i) => {
    const where = `rules[${i}]`;
    if (!rule.key) throw new InvalidInputError('a selection rule needs a key', { where: `${where}.key` });
    if (!(SELECTION_METHODS as readonly string[]).includes(rule.sittingCouncillor)) {
      throw new InvalidInputError(
        `unknown method "${String(rule.sittingCouncillor)}"; expected one of: ${SELECTION_METHODS.join(', ')}`,
        { where: `${where}.sittingCouncillor` },
      );
    }
    const opens = parseDuration(rule.opensBefore, `${where}.opensBefore`);
    const closes = parseDuration(rule.closesBefore, `${where}.closesBefore`);
    if (shiftDate('2030-05-02', opens, -1) >= shiftDate('2030-05-02', closes, -1)) {
      throw new InvalidInputError(
        `selections must open before they close: opensBefore ${formatDuration(opens)} is not longer than closesBefore ${formatDuration(closes)}`,
        { where: `${where}.opensBefore` },
      );
    }
    for (const id of [rule.key, ...rule.partyIds]) byId.set(id.toLowerCase(), { rule, opens, closes });
  });
  return byId;
}

const defaultRules = compileSelectionRules(DEFAULT_SELECTION_RULES);
const fallback = compileSelectionRules([FALLBACK_SELECTION_RULE]).get('default')!;

/** The rule for a party id: selectionRuleFor('PP53').key === 'labour'. */
export function selectionRuleFor(
  party: string,
  rules: readonly PartySelectionRule[] = DEFAULT_SELECTION_RULES,
): PartySelectionRule {
  const table = rules === DEFAULT_SELECTION_RULES ? defaultRules : compileSelectionRules(rules);
  return (table.get(party.toLowerCase()) ?? fallback).rule;
}

/** The selection window for a poll under a rule: selectionWindow('2026-05-07', labour) opens 2024-11-07. */
export function selectionWindow(
  poll: IsoDate,
  rule: PartySelectionRule,
): { opens: IsoDate; closes: IsoDate } {
  const day = checkDate(poll, 'poll');
  const opens = parseDuration(rule.opensBefore, 'rule.opensBefore');
  const closes = parseDuration(rule.closesBefore, 'rule.closesBefore');
  return { opens: shiftDate(day, opens, -1), closes: shiftDate(day, closes, -1) };
}

/**
 * Builds the selection calendar, soonest first (by the day the selection must close, then polling day):
 * selectionCalendar(councillors, { asOf: '2025-06-01', within: '18m', party: 'labour' }).
 * Councillors whose seat has no poll after asOf are left out.
 */
export function selectionCalendar(
  councillors: readonly SittingCouncillor[],
  options: SelectionCalendarOptions,
): SelectionCalendarEntry[] {
  const asOf = checkDate(options.asOf, 'asOf');
  const horizon =
    options.within === undefined
      ? null
      : shiftDate(
          asOf,
          typeof options.within === 'string' ? parseDuration(options.within, 'within') : options.within,
          1,
        );
  const table = options.rules ? compileSelectionRules(options.rules) : defaultRules;
  const wantedRule =
    options.party === undefined ? undefined : table.get(options.party.toLowerCase())?.rule.key;
  const wantedParty = options.party?.toLowerCase();
  const gePoll = latestGeneralElectionDayNumber(asOf);
  const windows = new Map<string, { opens: IsoDate; closes: IsoDate }>();
  const nominations = new Map<string, IsoDate>();

  const out: SelectionCalendarEntry[] = [];
  for (let i = 0; i < councillors.length; i++) {
    const c = councillors[i]!;
    if (options.councilId !== undefined && c.councilId !== options.councilId) continue;
    const partyKey = typeof c.party === 'string' ? c.party.toLowerCase() : '';
    if (!partyKey)
      throw new InvalidInputError('a sitting councillor needs a party', { where: `councillors[${i}].party` });
    const compiled = table.get(partyKey) ?? fallback;
    if (wantedParty !== undefined) {
      const match =
        wantedRule !== undefined
          ? compiled.rule.key === wantedRule && compiled !== fallback
          : partyKey === wantedParty;
      if (!match) continue;
    }
    const pollValue = c.nextPoll ?? c.termEnd;
    if (pollValue == null) {
      throw new InvalidInputError('a sitting councillor needs the seat’s nextPoll or termEnd', {
        where: `councillors[${i}].nextPoll`,
      });
    }
    const poll = checkDate(pollValue, `councillors[${i}].${c.nextPoll != null ? 'nextPoll' : 'termEnd'}`);
    if (poll <= asOf) continue;
    const nation = parseNation(c.nation, `councillors[${i}].nation`);
    const windowKey = `${compiled.rule.key}|${poll}`;
    let window = windows.get(windowKey);
    if (!window) {
      window = { opens: shiftDate(poll, compiled.opens, -1), closes: shiftDate(poll, compiled.closes, -1) };
      windows.set(windowKey, window);
    }
    if (horizon !== null && window.opens > horizon) continue;
    const nomKey = `${poll}|${nation}`;
    let nominationsClose = nominations.get(nomKey);
    if (!nominationsClose) {
      nominationsClose = statutoryDeadlines(poll, nation, 'local').nominationsClose;
      nominations.set(nomKey, nominationsClose);
    }
    out.push({
      personId: c.personId,
      party: c.party,
      ruleKey: compiled.rule.key,
      councilId: c.councilId,
      postId: c.postId,
      nation,
      nextPoll: poll,
      selectionOpens: window.opens,
      selectionCloses: window.closes,
      nominationsClose,
      sittingCouncillor: compiled.rule.sittingCouncillor,
      status: asOf < window.opens ? 'upcoming' : asOf <= window.closes ? 'open' : 'closed',
      beforeNextGeneralElection: toDayNumber(poll) < gePoll,
      ruleIsDefault: compiled.rule.isDefault,
    });
  }
  out.sort(
    (a, b) =>
      cmp(a.selectionCloses, b.selectionCloses) ||
      cmp(a.nextPoll, b.nextPoll) ||
      cmp(a.councilId, b.councilId) ||
      cmp(a.postId, b.postId) ||
      cmp(a.personId, b.personId),
  );
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
