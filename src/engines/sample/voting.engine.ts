/**
 * Counting rules the sample uses: first past the post (one or more seats, by block vote) and a simplified
 * single transferable vote with Droop quota and fractional transfers. The sample only stores first
 * preferences, so transfers follow a simple model: most go to candidates of the same group, the rest
 * spread by current strength, and a share exhausts.
 */

/** Indices of the `seats` highest totals, best first; `tiebreak` orders equal totals (higher wins). */
export function topN(votes: readonly number[], seats: number, tiebreak: readonly number[]): number[] {
  const order = votes.map((_, i) => i);
  order.sort((a, b) => votes[b]! - votes[a]! || tiebreak[b]! - tiebreak[a]! || a - b);
  return order.slice(0, Math.max(0, Math.min(seats, votes.length)));
}

export interface StvResult {
  /** Candidate indices in the order they were elected. */
  elected: number[];
  /** Vote totals after each stage, starting with first preferences. */
  rounds: number[][];
}

export interface StvOptions {
  /** How readily a vote moves from a candidate of group a to one of group b (default: 6 same group, else 1). */
  affinity?: (from: string, to: string) => number;
  /** Share of transferred votes that stop because the voter ranked no one else (default 0.2). */
  exhaust?: number;
}

/**
 * Single transferable vote: stvCount([50, 30, 20], ['a', 'b', 'b'], 1).elected is [0] after 'b' votes fail to
 * pass 'a' (with one seat it is the alternative vote). Candidates with equal totals are separated by index.
 */
export function stvCount(
  firstPrefs: readonly number[],
  groups: readonly string[],
  seats: number,
  options: StvOptions = {},
): StvResult {
  const affinity = options.affinity ?? ((a: string, b: string) => (a === b ? 6 : 1));
  const exhaust = options.exhaust ?? 0.2;
  const votes = firstPrefs.map((v) => Math.max(0, v));
  const total = votes.reduce((a, b) => a + b, 0);
  const quota = Math.floor(total / (seats + 1)) + 1;
  const hopeful = new Set<number>(votes.map((_, i) => i));
  const elected: number[] = [];
  const rounds: number[][] = [votes.slice()];
  const transfer = (from: number, amount: number) => {
    if (amount <= 0 || hopeful.size === 0) return;
    let weightSum = 0;
    const weights: Array<[number, number]> = [];
    for (const j of hopeful) {
      const w = affinity(groups[from]!, groups[j]!) * (votes[j]! + 1);
      weights.push([j, w]);
      weightSum += w;
    }
    if (weightSum <= 0) return;
    const moving = amount * (1 - exhaust);
    for (const [j, w] of weights) votes[j] = votes[j]! + (moving * w) / weightSum;
  };
  while (elected.length < seats && hopeful.size > 0) {
    if (hopeful.size + elected.length <= seats) {
      const rest = [...hopeful].sort((a, b) => votes[b]! - votes[a]! || a - b);
      elected.push(...rest);
      hopeful.clear();
      break;
    }
    let best = -1;
    let worst = -1;
    for (const i of hopeful) {
      if (best < 0 || votes[i]! > votes[best]! || (votes[i] === votes[best] && i < best)) best = i;
      if (worst < 0 || votes[i]! < votes[worst]! || (votes[i] === votes[worst] && i > worst)) worst = i;
    }
    if (votes[best]! >= quota) {
      const surplus = votes[best]! - quota;
      votes[best] = quota;
      hopeful.delete(best);
      elected.push(best);
      transfer(best, surplus);
    } else {
      const moving = votes[worst]!;
      votes[worst] = 0;
      hopeful.delete(worst);
      transfer(worst, moving);
    }
    rounds.push(votes.slice());
  }
  return { elected, rounds };
}
