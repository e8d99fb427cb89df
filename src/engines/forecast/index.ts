/**
 * The forecast engine (pure apart from its optional worker threads): a Monte Carlo of selections and
 * elections over typed arrays, its summaries, the surge detector and calibration. docs/forecast.md.
 */
export { drawFaction, deselectionTable, emptyTrace, runState, type SimulationTrace, simulateBlock } from './forecast.engine.js';
export {
  checkModel,
  DEFAULT_PARAMETERS,
  emptyTally,
  type ForecastModel,
  type ForecastParameters,
  type ForecastTally,
  layoutOf,
  mergeTally,
  type ModelLayout,
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
export { logistic, NORMAL_TABLE, normalQuantile } from './normal.math.js';
export { DEFAULT_WORLD, syntheticWorld, type WorldOptions } from './synthetic.world.js';
