/**
 * The API's response shapes, taken from the application commands the routes call (type-only imports: no
 * server code reaches the bundle). A route returns its command's result as JSON, so these are exact.
 */
import type {
  listCouncils,
  listElections,
  listEvents,
  listFactions,
  listParties,
  searchPeople,
  showBallot,
  showElection,
} from '../../../src/app/commands/catalog.commands.js';
import type { control, controlSummary, nationalControl } from '../../../src/app/commands/control.commands.js';
import type { SaveResult } from '../../../src/app/commands/extract.commands.js';
import type { ForecastResult, forecastCompare } from '../../../src/app/commands/forecast.commands.js';
import type {
  ForecastJobInput,
  ForecastJobView,
  forecastPage,
} from '../../../src/app/commands/forecast-jobs.commands.js';
import type { ledger } from '../../../src/app/commands/ledger.commands.js';
import type {
  councilPowerCommand,
  powerCalculator,
  takeover,
} from '../../../src/app/commands/power.commands.js';
import type { acceptClaim, listClaims, rejectClaim } from '../../../src/app/commands/review.commands.js';
import type {
  timetableCouncil,
  timetableDeadlines,
  timetablePollingDays,
  timetableSelections,
} from '../../../src/app/commands/timetable.commands.js';
import type {
  overview,
  SourceRef,
  showCouncil,
  showPerson,
  showWard,
} from '../../../src/app/commands/view.commands.js';
import type { Source } from '../../../src/domain/model.js';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export type { Named } from '../../../src/app/commands/control.commands.js';
export type { SourceRef };
export type SourceRecord = Source & { version: number };

export type Overview = Result<typeof overview>;
export type CouncilList = Result<typeof listCouncils>;
export type CouncilListItem = CouncilList['items'][number];
export type ControlView = Result<typeof control>;
export type ControlRow = ControlView['councils'][number];
export type ControlSummary = Result<typeof controlSummary>;
export type ControlSummaryRow = ControlSummary['councils'][number];
export type NationalControl = Result<typeof nationalControl>;
export type CouncilView = Result<typeof showCouncil>;
export type PersonView = Result<typeof showPerson>;
export type WardView = Result<typeof showWard>;
export type BallotView = Result<typeof showBallot>;
export type ElectionView = Result<typeof showElection>;
export type PartyList = Result<typeof listParties>;
export type FactionList = Result<typeof listFactions>;
export type EventList = Result<typeof listEvents>;
export type ElectionList = Result<typeof listElections>;
export type PeopleSearch = Result<typeof searchPeople>;
export type PollingDays = Result<typeof timetablePollingDays>;
export type Deadlines = Result<typeof timetableDeadlines>;
export type CouncilTimetable = Result<typeof timetableCouncil>;
export type SelectionCalendar = Result<typeof timetableSelections>;
export type SelectionEntry = SelectionCalendar['entries'][number];
export type CouncilPower = Result<typeof councilPowerCommand>;
export type CouncilPowerCouncil = Extract<CouncilPower, { kind: 'council' }>;
export type CouncilPowerGroup = Extract<CouncilPower, { kind: 'group' }>;
export type PowerCalculation = Result<typeof powerCalculator>;
export type { PowerJson } from '../../../src/engines/power/index.js';
export type Takeover = Result<typeof takeover>;
export type ClaimList = Result<typeof listClaims>;
export type ClaimView = ClaimList['claims'][number];
export type AcceptResult = Result<typeof acceptClaim>;
export type RejectResult = Result<typeof rejectClaim>;
/** The forecast's JSON (`caucus forecast --json`), as GET /api/forecast and a finished job's `result` give it. */
export type { ForecastResult, SaveResult };
export type PollForecast = ForecastResult['polls'][number];
export type CouncilForecast = PollForecast['councils'][number];
/** What POST /api/forecasts takes. */
export type { ForecastJobInput };
/** GET /api/forecasts/{id}: the job, with a failure as problem details. */
export type ForecastJob = Omit<ForecastJobView, 'failure' | 'result'> & {
  result?: ForecastResult;
  error?: Problem;
};
/** POST /api/forecasts: 202 with the job's id and where to follow it. */
export interface ForecastStarted {
  id: string;
  status: 'running';
  progress: { done: number; total: number };
  links: { self: string };
}
export type ForecastList = Result<typeof forecastPage>;
export type ForecastListItem = ForecastList['items'][number];
export type ForecastComparison = Result<typeof forecastCompare>;
/** GET /api/councils/{id}/ledger: the JSON of `caucus ledger --json`. */
export type LedgerView = Result<typeof ledger>['json'];

/** An RFC 9457 problem, as every API error is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  field?: string;
  rule?: string;
  suggestions?: string[];
}
