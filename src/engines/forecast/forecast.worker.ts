/**
 * A forecast worker thread: receives the model once, simulates the blocks of runs it is sent, and returns
 * its tally at the end. Each run's stream depends only on the seed and the run index, so which worker ran
 * which block does not change the result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { simulateBlock } from './forecast.engine.js';
import {
  emptyTally,
  type ForecastModel,
  type ForecastParameters,
  layoutOf,
  tallyBuffers,
} from './forecast.model.js';

export interface WorkerSetup {
  model: ForecastModel;
  params: ForecastParameters;
  seed: number;
  pathways: boolean;
}

export type WorkerRequest = { type: 'run'; from: number; to: number } | { type: 'finish' };

const setup = workerData as WorkerSetup;
const layout = layoutOf(setup.model);
const tally = emptyTally(setup.model, layout);
const port = parentPort!;

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'run') {
    const codes =
      setup.pathways && layout.pathwayPolls > 0
        ? new Uint32Array((msg.to - msg.from) * setup.model.nCouncils)
        : null;
    simulateBlock(setup.model, layout, setup.params, setup.seed, msg.from, msg.to, tally, codes);
    port.postMessage({ type: 'done', from: msg.from, to: msg.to, codes }, codes ? [codes.buffer] : []);
  } else {
    port.postMessage({ type: 'tally', tally }, tallyBuffers(tally));
  }
});
