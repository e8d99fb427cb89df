/**
 * Normal deviates without a logarithm per draw: a table of 4,096 quantiles (32 KB, so it stays in the
 * first-level cache) gives two normals per 32-bit draw (two 12-bit indexes). The table stops at ±3.48 sd,
 * a truncation that lets the engine skip noise draws for contests whose outcome the noise cannot change;
 * the fat tails of national swings come from the Student-t's chi-square, which is drawn exactly.
 */

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return Number.NEGATIVE_INFINITY;
    if (p === 1) return Number.POSITIVE_INFINITY;
    return Number.NaN;
  }
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((-0.007784894002430293 * q - 0.3223964580411365) * q - 2.400758277161838) * q - 2.549732539343734) *
        q +
        4.374664141464968) *
        q +
        2.938163982698783) /
      ((((0.007784695709041462 * q + 0.3224671290700398) * q + 2.445134137142996) * q + 3.754408661907416) *
        q +
        1)
    );
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-39.69683028665376 * r + 220.9460984245205) * r - 275.9285104469687) * r + 138.357751867269) * r -
      30.66479806614716) *
      r +
      2.506628277459239) *
      q) /
    (((((-54.47609879822406 * r + 161.5858368580409) * r - 155.6989798598866) * r + 66.80131188771972) * r -
      13.28068155288572) *
      r +
      1)
  );
}

/** Entries in NORMAL_TABLE; index it with 12 random bits. */
export const NORMAL_TABLE_SIZE = 4096;

/** NORMAL_TABLE[i] is the normal quantile at (i + 0.5) / 4096. */
export const NORMAL_TABLE: Float64Array = (() => {
  const t = new Float64Array(NORMAL_TABLE_SIZE);
  for (let i = 0; i < NORMAL_TABLE_SIZE; i++) t[i] = normalQuantile((i + 0.5) / NORMAL_TABLE_SIZE);
  return t;
})();

/** The largest deviate the table gives (about 3.48): noise of sd s never moves a value by more than Z_MAX * s. */
export const Z_MAX = NORMAL_TABLE[NORMAL_TABLE_SIZE - 1]!;

/** The standard logistic function. */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
