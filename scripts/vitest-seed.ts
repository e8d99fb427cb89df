// Property tests draw from a fixed seed so a CI run is reproducible; FC_SEED=<n> explores other cases locally.
import fc from 'fast-check';

const seed = Number(process.env.FC_SEED ?? 20261125);
if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${process.env.FC_SEED}`);
fc.configureGlobal({ seed });
