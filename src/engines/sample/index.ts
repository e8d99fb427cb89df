/** The seeded, fictional sample nation (see sample.engine.ts). */
export {
  DEFAULT_SAMPLE_TODAY,
  EARLIEST_SAMPLE_TODAY,
  generateSample,
  LATEST_SAMPLE_TODAY,
  SAMPLE_SOURCE_ID,
  type SampleOptions,
} from './sample.engine.js';
export { checkSampleInvariants } from './snapshot.invariants.js';
