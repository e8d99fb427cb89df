/**
 * The forecast engine (pure apart from its optional worker threads): a Monte Carlo of selections and
 * elections over typed arrays, its summaries, the surge detector and calibration. docs/forecast.md.
 */

export {
  type CalibrationOptions,
  type CouncilState,
  DEFAULT_CALIBRATION,
  eventsOf,
  type ForecastEvent,
  type IntervalEvent,
  modelFrom,
  type ReliabilityBin,
  type Scores,
  scoreEvents,
  statesOf,
  syntheticCalibration,
} from './calibration.engine.js';
export {
  applyChanges,
  buildModel,
  type FactsCouncil,
  type FactsHolding,
  type FactsLocalParty,
  type FactsWard,
  type ForecastFacts,
  INDEPENDENT,
  type ModelChanges,
  type SurgeChange,
} from './forecast.builder.js';
export {
  deselectionTable,
  drawFaction,
  emptyTrace,
  runState,
  type SimulationTrace,
  simulateBlock,
} from './forecast.engine.js';
export {
  checkModel,
  DEFAULT_PARAMETERS,
  emptyTally,
  type ForecastModel,
  type ForecastParameters,
  type ForecastTally,
  layoutOf,
  type ModelLayout,
  mergeTally,
  PARAMETER_NAMES,
  RECORDED,
  resolveParameters,
} from './forecast.model.js';
export { type RunOptions, type RunResult, runForecast, workerScript } from './forecast.pool.js';
export {
  type CouncilForecast,
  decodePathway,
  type ForecastLabels,
  histQuantile,
  type Interval,
  type Pathway,
  type PollForecast,
  pollingCouncils,
  summarize,
  topPathways,
} from './forecast.summary.js';
export {
  attributeSurge,
  type ChosenCandidate,
  type CountSeries,
  estimateShares,
  type SurgeOptions,
  type SurgeScore,
  surgeScores,
} from './membership.engine.js';
export { logistic, NORMAL_TABLE, normalQuantile } from './normal.math.js';
export { DEFAULT_WORLD, syntheticWorld, type WorldOptions } from './synthetic.world.js';
