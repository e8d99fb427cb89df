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
import type { control, nationalControl } from '../../../src/app/commands/control.commands.js';
import type { SaveResult } from '../../../src/app/commands/extract.commands.js';
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
export type { SaveResult };

/** The forecast's JSON as issue 6 specifies it (`caucus forecast --json`); its routes are not built yet. */
export interface ForecastResult {
  seed: number;
  runs: number;
  polls: Array<{
    date: string;
    councils: Array<{
      council: string;
      pPartyMajority: Record<string, number>;
      pFactionControlsGroup: Record<string, number>;
      seats: Record<string, { p5: number; p50: number; p95: number }>;
    }>;
    national: { factionRunCouncils: Record<string, { p5: number; p50: number; p95: number }> };
  }>;
}

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
