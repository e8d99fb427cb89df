/**
 * The (size, weight) cells a coalition can occupy. A coalition of k players weighs at least the k smallest
 * weights and at most the k largest, so row k of a size-by-weight table only needs columns
 * [lo_k, min(hi_k, q - 1)]. With weights of similar size (council seats) this band is a fraction of the
 * full (n+1) x q rectangle, which is what makes exact Shapley-Shubik fast at a few hundred players.
 */
export interface Band {
  q: number;
  /** Number of rows (sizes 0 .. rows - 1). */
  rows: number;
  // Doubles, not Int32: with weights in votes the offsets of a band too large to allocate must still be
  // computed correctly, so the size limits can refuse it.
  lo: Float64Array;
  /** Inclusive; at most q - 1. */
  hi: Float64Array;
  /** Start of row k in a flat table; cell (k, s) is at off[k] + s - lo[k]. */
  off: Float64Array;
  size: number;
}

/** The band for the given (normalised) weights below quota q. */
export function sizeWeightBand(weights: readonly number[], q: number): Band {
  const asc = [...weights].sort((a, b) => a - b);
  const n = asc.length;
  const lo: number[] = [0];
  const hi: number[] = [0];
  let sLo = 0;
  let sHi = 0;
  for (let k = 1; k <= n; k++) {
    sLo += asc[k - 1]!;
    sHi += asc[n - k]!;
    if (sLo > q - 1) break;
    lo.push(sLo);
    hi.push(Math.min(sHi, q - 1));
  }
  const rows = lo.length;
  const off = new Float64Array(rows + 1);
  for (let k = 0; k < rows; k++) off[k + 1] = off[k]! + hi[k]! - lo[k]! + 1;
  return { q, rows, lo: Float64Array.from(lo), hi: Float64Array.from(hi), off, size: off[rows]! };
}
