/**
 * Voting-power benchmarks (issue 5). Each goal's figure is the engine at full size; its baseline is brute
 * force (every coalition enumerated) on the largest size brute force finishes quickly, n = 20, and the
 * ratio is brute force over the engine on that same n = 20 game. A scaling line shows how the engine's time
 * grows with n. Weights are seeded (createRandom), so every run solves the same games.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { control } from '../src/app/commands/control.commands.js';
import { fixedClock } from '../src/domain/ports.js';
import { createRandom, normal } from '../src/domain/random.js';
import {
  banzhafPower,
  councilPower,
  shapleyShubikPower,
  votingPower,
  type WeightedGame,
  weightedGame,
} from '../src/engines/power/index.js';
import { generateSample } from '../src/engines/sample/index.js';
import { openStore } from '../src/store/store.js';
import { best, fmt, report } from './lib.js';

/** US Electoral College, 2024 and 2028 (2020 census), states in alphabetical order with DC. */
const ELECTORAL_COLLEGE = [
  9, 3, 11, 6, 54, 10, 7, 3, 3, 30, 16, 4, 4, 19, 11, 6, 6, 8, 8, 4, 10, 11, 15, 10, 6, 10, 4, 5, 6, 4, 14, 5,
  28, 16, 3, 17, 7, 8, 19, 4, 9, 3, 11, 40, 6, 3, 13, 12, 4, 10, 3,
];

/** Uniform weights 1..41: about 21 each, so 3,434 players weigh about 72,000. */
function uniformWeights(n: number, seed: number): number[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () => 1 + rng.int(41));
}

/** Council-like seat counts: log-normal around 46, clamped to 16..120 (394 councils weigh about 19,600). */
function councilWeights(n: number, seed: number): number[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () =>
    Math.max(16, Math.min(120, Math.round(46 * Math.exp(0.35 * normal(rng))))),
  );
}

function majorityGame(weights: number[]): WeightedGame {
  const total = weights.reduce((a, b) => a + b, 0);
  return weightedGame(Math.floor(total / 2) + 1, weights);
}

/** Brute force over all 2^n coalitions: swings, Shapley-Shubik numerators and minimal winning counts. */
function bruteForce(q: number, w: number[], all: boolean): number {
  const n = w.length;
  const N = 1 << n;
  const weight = new Float64Array(N);
  const size = new Uint8Array(N);
  for (let m = 1; m < N; m++) {
    const low = m & -m;
    const i = 31 - Math.clz32(low);
    weight[m] = weight[m ^ low]! + w[i]!;
    size[m] = size[m ^ low]! + 1;
  }
  const fact = [1];
  for (let i = 1; i <= n; i++) fact.push(fact[i - 1]! * i);
  const swings = new Float64Array(n);
  const ss = new Float64Array(n);
  const minimal = new Float64Array(n);
  for (let m = 0; m < N; m++) {
    const s = weight[m]!;
    if (s < q) {
      for (let i = 0; i < n; i++) {
        if (!(m & (1 << i)) && s + w[i]! >= q) {
          swings[i]!++;
          ss[i] = ss[i]! + fact[size[m]!]! * fact[n - size[m]! - 1]!;
        }
      }
    } else if (all) {
      let isMinimal = true;
      for (let i = 0; i < n && isMinimal; i++) if (m & (1 << i) && s - w[i]! >= q) isMinimal = false;
      if (isMinimal) for (let i = 0; i < n; i++) if (m & (1 << i)) minimal[i]!++;
    }
  }
  return swings[0]! + ss[0]! + minimal[0]!;
}

async function scaling(
  label: string,
  sizes: number[],
  make: (n: number) => WeightedGame,
  solve: (g: WeightedGame) => unknown,
): Promise<void> {
  const parts: string[] = [];
  for (const n of sizes) {
    const g = make(n);
    const t = await best(() => solve(g), 1);
    const how = (t.result as { arithmetic?: string }).arithmetic;
    parts.push(`n=${n}${how ? ` (${how})` : ''}: ${fmt(t.ms)} ms`);
  }
  console.log(`     scaling, ${label}: ${parts.join('; ')}`);
}

export async function run(): Promise<void> {
  // 1. Banzhaf, 3,434 players, total weight about 72,000.
  {
    const game = majorityGame(uniformWeights(3434, 3434));
    const t = await best(() => banzhafPower(game), 3);
    const small = majorityGame(uniformWeights(20, 20));
    const engine20 = await best(() => banzhafPower(small), 5);
    const brute20 = await best(() => bruteForce(small.q, [...small.w], false), 3);
    report({
      name: `Banzhaf, ${game.w.length} players, total weight ${game.totalWeight} (${t.result.arithmetic}, rel. error <= ${t.result.relativeErrorBound.toExponential(1)})`,
      value: t.ms,
      unit: 'ms',
      max: 1000,
      baseline: { name: 'brute force at n=20', value: brute20.ms },
      ratio: { value: brute20.ms / engine20.ms, min: 10, meaning: 'x faster than brute force at n=20' },
    });
    await scaling(
      'Banzhaf',
      [20, 200, 1000, 3434],
      (n) => majorityGame(uniformWeights(n, 3434)),
      (g) => banzhafPower(g),
    );
  }

  // 2. Exact Shapley-Shubik, 394 players, quota about 9,800.
  {
    const game = majorityGame(councilWeights(394, 394));
    const t = await best(() => shapleyShubikPower(game), 3);
    const small = majorityGame(councilWeights(20, 20));
    const engine20 = await best(() => shapleyShubikPower(small), 5);
    const brute20 = await best(() => bruteForce(small.q, [...small.w], false), 3);
    report({
      name: `exact Shapley-Shubik, ${game.w.length} players, quota ${game.quota}`,
      value: t.ms,
      unit: 'ms',
      max: 5000,
      baseline: { name: 'brute force at n=20', value: brute20.ms },
      ratio: { value: brute20.ms / engine20.ms, min: 10, meaning: 'x faster than brute force at n=20' },
    });
    // The exact fractions must sum to exactly 1.
    const parts = t.result.players.map((p) => p.exact.split('/').map(BigInt) as [bigint, bigint]);
    // Every reduced denominator divides n!.
    let den = 1n;
    for (let i = 2n; i <= BigInt(parts.length); i++) den *= i;
    const sum = parts.reduce((a, [n, d]) => a + (n * den) / d, 0n);
    console.log(
      `     check: the 394 exact Shapley-Shubik fractions sum to ${sum === den ? 'exactly 1' : 'NOT 1'}`,
    );
    await scaling(
      'Shapley-Shubik',
      [50, 100, 200, 394],
      (n) => majorityGame(councilWeights(n, 394)),
      (g) => shapleyShubikPower(g),
    );
  }

  // 3. Every index for the US Electoral College.
  {
    const game = weightedGame(270, ELECTORAL_COLLEGE);
    const t = await best(() => votingPower(game), 3);
    const sub = ELECTORAL_COLLEGE.slice(0, 20);
    const small = majorityGame(sub);
    const engine20 = await best(() => votingPower(small), 5);
    const brute20 = await best(() => bruteForce(small.q, [...small.w], true), 3);
    report({
      name: `all indices, US Electoral College (51 players, 538 votes, quota 270; ${t.result.minimalWinningCoalitions} minimal winning coalitions)`,
      value: t.ms,
      unit: 'ms',
      max: 200,
      baseline: { name: 'brute force at n=20 (first 20 states)', value: brute20.ms },
      ratio: { value: brute20.ms / engine20.ms, min: 10, meaning: 'x faster than brute force at n=20' },
    });
  }

  // 4. Council and group power for every council of the uk sample, from control on the sample's today.
  {
    const dir = mkdtempSync(join(tmpdir(), 'caucus-power-bench-'));
    try {
      const store = await openStore(join(dir, 'uk.db'));
      await store.transaction((r) => r.registry.load(generateSample({ scale: 'uk', seed: 1 })));
      const { councils } = await control({ store, clock: fixedClock('2026-11-25') }, {});
      await store.close();
      const inputs = councils.map((c) => ({
        totalSeats: c.seats,
        groups: c.groups.map((g) => ({
          name: g.party?.name ?? 'Independent',
          seats: g.seats,
          factions: g.factions.map((f) => ({ name: f.faction?.name ?? 'unaligned', seats: f.seats })),
        })),
      }));
      const t = await best(() => inputs.map((i) => councilPower(i)), 3);
      // Baseline: brute force over the council games only (groups as players), the part it can finish.
      const brute = await best(
        () =>
          inputs.map((i) =>
            bruteForce(
              Math.floor(i.totalSeats / 2) + 1,
              i.groups.map((g) => g.seats),
              true,
            ),
          ),
        3,
      );
      report({
        name: `council and group power, every council of the uk sample (${inputs.length} councils)`,
        value: t.ms,
        unit: 'ms',
        max: 2000,
        baseline: { name: 'brute force of the council games alone (groups as players)', value: brute.ms },
        ratio: {
          value: t.ms / brute.ms,
          meaning:
            'x the brute-force council games (the engine also solves every group and the two-level game)',
        },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
