import { describe, expect, it } from 'vitest';
import { createRandom } from '../../domain/random.js';
import { type ForecastEvent, scoreEvents, syntheticCalibration } from './calibration.engine.js';
import { DEFAULT_PARAMETERS, resolveParameters } from './forecast.model.js';

const options = { histories: 16, runs: 200, seed: 3, workers: 0, replicates: 150 };

describe('scoreEvents', () => {
  it('gives a Brier score of zero to perfect forecasts and skill one against a wrong baseline', () => {
    const events: ForecastEvent[] = Array.from({ length: 40 }, (_, i) => ({
      p: i % 2,
      observed: (i % 2) as 0 | 1,
      baseline: ((i + 1) % 2) as 0 | 1,
      year: `y${i % 4}`,
      council: `c${i % 5}`,
    }));
    const s = scoreEvents(events, [], { replicates: 50 });
    expect(s.brier.value).toBe(0);
    expect(s.baselineBrier.value).toBe(1);
    expect(s.brierSkill.value).toBe(1);
    expect(s.reliability[0]!.observed).toBe(0);
    expect(s.reliability[9]!.observed).toBe(1);
  });

  it('finds honest probabilities within their bins and overconfident ones outside', () => {
    const rng = createRandom(5);
    const honest: ForecastEvent[] = [];
    const overconfident: ForecastEvent[] = [];
    for (let i = 0; i < 20000; i++) {
      const p = rng.next();
      const observed = (rng.next() < p ? 1 : 0) as 0 | 1;
      const key = { year: `y${i % 20}`, council: `c${i % 37}`, baseline: 0 as const };
      honest.push({ p, observed, ...key });
      overconfident.push({ p: p < 0.5 ? p / 3 : 1 - (1 - p) / 3, observed, ...key });
    }
    expect(
      scoreEvents(honest, [], { replicates: 100 }).reliability.filter((b) => !b.within).length,
    ).toBeLessThanOrEqual(1);
    expect(
      scoreEvents(overconfident, [], { replicates: 100 }).reliability.filter((b) => !b.within).length,
    ).toBeGreaterThan(4);
  });
});

describe('syntheticCalibration', () => {
  it('is well calibrated when the forecast knows the parameters that made the histories', async () => {
    const s = await syntheticCalibration(DEFAULT_PARAMETERS, options);
    expect(s.forecasts).toBe(16 * 4);
    const judged = s.reliability.filter((b) => b.events >= 100);
    expect(judged.length).toBeGreaterThanOrEqual(8);
    // Each bin's 95% interval misses its mean prediction one time in twenty: allow one such bin of ten.
    expect(judged.filter((b) => !b.within).length).toBeLessThanOrEqual(1);
    for (const b of judged) expect(Math.abs(b.meanPredicted - b.observed)).toBeLessThan(0.1);
    // 90% intervals cover about 90%: the randomized PIT puts 90% of outcomes within its 5th-95th percentiles.
    expect(s.pitCoverage90.value).toBeGreaterThan(0.86);
    expect(s.pitCoverage90.value).toBeLessThan(0.94);
    expect(s.pitCoverage90.low).toBeLessThanOrEqual(0.9);
    expect(s.pitCoverage90.high).toBeGreaterThanOrEqual(0.9);
    // The inclusive 5th-95th percentile interval of a count covers at least 90%.
    expect(s.coverage90.value).toBeGreaterThanOrEqual(0.9);
    expect(s.brierSkill.low).toBeGreaterThan(0);
  });

  it('shows an overconfident model as miscalibrated (the test can fail)', async () => {
    const overconfident = resolveParameters({
      nationalSwingSd: 0.01,
      regionalSwingSd: 0,
      councilSwingSd: 0.01,
      wardNoiseSd: 0.03,
    });
    const s = await syntheticCalibration(overconfident, { ...options, truth: DEFAULT_PARAMETERS });
    expect(s.pitCoverage90.high).toBeLessThan(0.85);
  });
});
