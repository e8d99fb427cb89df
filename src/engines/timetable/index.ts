/**
 * The timetable engine's public API: pure functions over plain data (no I/O, no clock: pass asOf).
 * - bank holidays and working days: bankHolidays, isBankHoliday, easterSunday, workingDaysBefore/After
 * - ordinary polling days: ordinaryPollingDay, pollingDays, effectivePollingDate
 * - statutory deadlines: statutoryDeadlines (the `timetable deadlines` JSON shape)
 * - council schemes: compileCouncilSchedule, councilPolls, defaultCouncilSchedule
 * - seat terms: seatTerm, seatTerms, byElectionNeeded, byElectionDecision
 * - selections: selectionCalendar, selectionRuleFor, selectionWindow, parseDuration
 * - Parliament: GENERAL_ELECTIONS, PARLIAMENTS, nextGeneralElection, automaticDissolution
 */

export { BANK_HOLIDAY_CHANGES, type BankHolidayChange } from './bank-holidays.data.js';
export {
  BANK_HOLIDAY_YEARS,
  type BankHoliday,
  bankHolidays,
  DIVISIONS,
  type Division,
  divisionOf,
  easterSunday,
  isBankHoliday,
  parseDivision,
} from './bank-holidays.engine.js';
export {
  ALL_OUT_TERM_RULES,
  type AllOutTermRule,
  type BoundaryReview,
  type CouncilFacts,
  type CouncilPoll,
  type CouncilSchedule,
  type CouncilScheduleInput,
  compileCouncilSchedule,
  councilPolls,
  defaultCouncilSchedule,
  type ScheduledPoll,
  type SchemePeriod,
  type WardInput,
  type WardSeatsUp,
} from './council-schedule.engine.js';
export {
  type CalendarRule,
  DEADLINE_RULES,
  type DeadlineDays,
  type DeadlineRule,
  ELECTION_KINDS,
  type ElectionKind,
} from './deadlines.data.js';
export {
  calendarFor,
  type Deadlines,
  deadlineRuleFor,
  parseElectionKind,
  statutoryDeadlines,
} from './deadlines.engine.js';
export {
  addMonths,
  type Duration,
  type DurationUnit,
  formatDuration,
  parseDuration,
  shiftDate,
} from './duration.parser.js';
export { checkDate, checkYear, parseNation, SUPPORTED_YEARS } from './inputs.validator.js';
export {
  automaticDissolution,
  fixedTermPollingDay,
  GENERAL_ELECTIONS,
  type GeneralElectionOutlook,
  latestPollingDayAfter,
  nextGeneralElection,
  PARLIAMENTS,
  type Parliament,
  type ParliamentRegime,
} from './parliament.engine.js';
export {
  effectivePollingDate,
  firstThursdayInMay,
  ordinaryPollingDay,
  type PollingDay,
  pollingDays,
} from './polling-days.js';
export {
  type ByElectionDecision,
  type ByElectionOptions,
  byElectionDecision,
  byElectionNeeded,
  type SeatElection,
  type SeatInput,
  type SeatTerm,
  seatTerm,
  seatTerms,
} from './seat-terms.engine.js';
export {
  DEFAULT_SELECTION_RULES,
  FALLBACK_SELECTION_RULE,
  type PartySelectionRule,
  SELECTION_METHODS,
  type SelectionCalendarEntry,
  type SelectionCalendarOptions,
  type SelectionMethod,
  type SittingCouncillor,
  selectionCalendar,
  selectionRuleFor,
  selectionWindow,
} from './selection.engine.js';
export {
  isWorkingDay,
  type WorkingCalendar,
  workingDaysAfter,
  workingDaysBefore,
} from './working-days.engine.js';
