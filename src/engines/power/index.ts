/**
 * The voting-power engine: pure functions over plain data (no I/O, no clock; Monte Carlo randomness from
 * createRandom(seed)). See power.engine.ts for the algorithms and why they were chosen.
 */
export {
  type ApproximatePlayer,
  type ApproximateResult,
  approximatePower,
  type Estimate,
} from './approximate.engine.js';
export {
  type CouncilGroup,
  type CouncilPowerInput,
  type CouncilPowerResult,
  councilPower,
  type FactionSeats,
  type GroupPower,
} from './council-power.engine.js';
export {
  type ControlPathway,
  type ControlPosition,
  type DistanceToControl,
  distanceToControl,
  earliestControl,
  type Gains,
  type PathwayStep,
  type SeatUp,
  type UpcomingPoll,
} from './distance-to-control.engine.js';
export { fractionString, ratioToNumber } from './fraction.math.js';
export {
  checkUnions,
  gameFromArgs,
  type PlayerType,
  parseUnions,
  type WeightedGame,
  weightedGame,
} from './game.model.js';
export {
  type CoalitionOption,
  type HungCouncil,
  type HungCouncilOptions,
  hungCouncil,
  type PartySeats,
} from './hung-council.engine.js';
export { countJson, type JsonCount, type PowerJson, type PowerJsonPlayer, powerJson } from './json.format.js';
export { type Bloc, type LeaderDependence, leaderDependence } from './leader-dependence.engine.js';
export { DEFAULT_LIMITS, GameTooLargeError, type PowerLimits } from './limits.model.js';
export { type OwenPlayer, type OwenResult, owen, owenCost } from './owen.engine.js';
export {
  type BanzhafOptions,
  type BanzhafPlayer,
  type BanzhafResult,
  banzhafPower,
  type PlayerPower,
  type PowerOptions,
  type PowerResult,
  type ShapleyShubikResult,
  shapleyShubikPower,
  votingPower,
  votingPowerCost,
} from './power.engine.js';
