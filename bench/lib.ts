/**
 * Benchmark helpers. Machines here are shared and noisy, so every figure is printed beside a baseline
 * measured in the same run, and the ratio between them is what a goal is judged on.
 */
import { performance } from 'node:perf_hooks';

export interface Timing {
  ms: number;
  result: unknown;
}

/** Runs fn `repeat` times and returns the best wall time in ms (the least disturbed run). */
export async function best<T>(fn: () => T | Promise<T>, repeat = 3): Promise<{ ms: number; result: T }> {
  let bestMs = Number.POSITIVE_INFINITY;
  let result!: T;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    result = await fn();
    const ms = performance.now() - t0;
    if (ms < bestMs) bestMs = ms;
  }
  return { ms: bestMs, result };
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The goal: value must be <= max or >= min. */
  max?: number;
  min?: number;
  baseline?: { name: string; value: number };
  /** Ratio goal against the baseline (value/baseline for rates, baseline/value for times given by ratioOf). */
  ratio?: { value: number; min?: number; max?: number; meaning: string };
}

const rows: Figure[] = [];

export function report(f: Figure): void {
  rows.push(f);
  const goal =
    f.max !== undefined
      ? ` (goal <= ${f.max} ${f.unit})`
      : f.min !== undefined
        ? ` (goal >= ${f.min} ${f.unit})`
        : '';
  // The same test as misses(): a figure within its own goal still misses when its ratio breaks the ratio goal.
  const ok =
    (f.max === undefined || f.value <= f.max) &&
    (f.min === undefined || f.value >= f.min) &&
    (f.ratio?.min === undefined || f.ratio.value >= f.ratio.min) &&
    (f.ratio?.max === undefined || f.ratio.value <= f.ratio.max);
  let line = `${ok ? 'ok  ' : 'MISS'} ${f.name}: ${fmt(f.value)} ${f.unit}${goal}`;
  if (f.baseline) line += `; baseline ${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit}`;
  if (f.ratio) {
    const rg =
      f.ratio.min !== undefined
        ? ` (goal >= ${f.ratio.min})`
        : f.ratio.max !== undefined
          ? ` (goal <= ${f.ratio.max})`
          : '';
    line += `; ratio ${f.ratio.value.toFixed(3)} ${f.ratio.meaning}${rg}`;
  }
  console.log(line);
}

export function fmt(n: number): string {
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-GB');
  return n.toFixed(n < 10 ? 2 : 1);
}

export function misses(): number {
  return rows.filter(
    (f) =>
      (f.max !== undefined && f.value > f.max) ||
      (f.min !== undefined && f.value < f.min) ||
      (f.ratio?.min !== undefined && f.ratio.value < f.ratio.min) ||
      (f.ratio?.max !== undefined && f.ratio.value > f.ratio.max),
  ).length;
}
