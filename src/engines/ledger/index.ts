/**
 * What the election history says that no file records (pure): the incumbency ledger (who held each seat up
 * at an election and whether they were re-elected, lost, changed party, moved, stood down or were deselected)
 * and cycle inference (all-out, halves or thirds; fallow, all-out and postponed years).
 */
export {
  type CycleBallot,
  type CycleInput,
  type CyclePost,
  type CycleResult,
  inferCycle,
  type PollEvidence,
} from './cycle.engine.js';
export {
  incumbencyLedger,
  LEDGER_READS,
  type Ledger,
  type LedgerBallot,
  type LedgerCandidacy,
  type LedgerEvent,
  type LedgerIncumbent,
  type LedgerInput,
  type LedgerPost,
  type LedgerSeat,
  type LedgerSelection,
  ledgerElectionDates,
  OUTCOMES,
  type Outcome,
  type TermRule,
} from './ledger.engine.js';
export { cycleInputFrom, type HistoryInput, ledgerInputFrom } from './ledger.input.js';
