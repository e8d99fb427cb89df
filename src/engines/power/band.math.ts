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
  lo: Int32Array;
  /** Inclusive; at most q - 1. */
  hi: Int32Array;
  /** Start of row k in a flat table; cell (k, s) is at off[k] + s - lo[k]. */
  off: Int32Array;
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
  const off = new Int32Array(rows + 1);
  for (let k = 0; k < rows; k++) off[k + 1] = off[k]! + hi[k]! - lo[k]! + 1;
  return { q, rows, lo: Int32Array.from(lo), hi: Int32Array.from(hi), off, size: off[rows]! };
}

/** Sum of row r over columns [a, b] from a table of row prefix sums mod p (0 when they miss the row). */
export function windowSum(
  prefix: Float64Array,
  band: Band,
  r: number,
  a: number,
  b: number,
  p: number,
): number {
  if (r < 0 || r >= band.rows) return 0;
  const lo = band.lo[r]!;
  const from = Math.max(a, lo);
  const to = Math.min(b, band.hi[r]!);
  if (from > to) return 0;
  const base = band.off[r]! - lo;
  const upper = prefix[base + to]!;
  const lower = from > lo ? prefix[base + from - 1]! : 0;
  const v = upper - lower;
  return v < 0 ? v + p : v;
}
