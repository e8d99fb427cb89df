/**
 * Exact counting without BigInt in the hot loops: counts are kept as residues modulo several primes, in
 * Float64Arrays, and rebuilt at the end by the Chinese remainder theorem. Two families of primes:
 * - lazy primes, below 2^40: a table of residues can absorb LAZY_STEPS rounds of "add a shifted copy of
 *   itself" (each at most doubles the largest entry) before an entry could pass 2^53, so the hot loops are
 *   bare additions and the table is reduced once every LAZY_STEPS players (measured: about 4x faster than
 *   reducing after every addition with primes near 2^52, which costs a mispredicted branch per cell);
 * - narrow primes, below 2^26: a * b < 2^52 stays exact, so loops that multiply can reduce with `%`.
 * Unlike floating-point deconvolution this can never lose a digit: every operation is exact modulo p.
 * When every count is known to stay below 2^53 (n <= 52 or so) no modulus is needed at all: see `plainOk`.
 */

/** Lazy primes are below this. */
export const LAZY_BOUND = 2 ** 40;
/** Doublings a table of residues below LAZY_BOUND can take before it must be reduced (2^40 * 2^12 < 2^53). */
export const LAZY_STEPS = 12;
/** Narrow primes are below this; the product of two residues is below 2^52. */
export const NARROW_BOUND = 2 ** 26;

const MR_BASES = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n];
const SMALL_PRIMES = [
  3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
];

export function powMod(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

/** Deterministic Miller-Rabin: the first twelve prime bases decide every n below 3.3e24. */
export function isPrime(n: number): boolean {
  if (!Number.isSafeInteger(n) || n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (const p of SMALL_PRIMES) {
    if (n === p) return true;
    if (n % p === 0) return false;
  }
  const N = BigInt(n);
  let d = N - 1n;
  let r = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    r++;
  }
  outer: for (const a of MR_BASES) {
    let x = powMod(a, d, N);
    if (x === 1n || x === N - 1n) continue;
    for (let i = 1; i < r; i++) {
      x = (x * x) % N;
      if (x === N - 1n) continue outer;
    }
    return false;
  }
  return true;
}

const cache = { lazy: [] as number[], narrow: [] as number[] };

/** The first `count` primes below the family's bound, largest first (cached; found by Miller-Rabin). */
export function primes(kind: 'lazy' | 'narrow', count: number): number[] {
  const list = cache[kind];
  let candidate = list.length
    ? list[list.length - 1]! - 2
    : (kind === 'lazy' ? LAZY_BOUND : NARROW_BOUND) - 1;
  while (list.length < count) {
    if (isPrime(candidate)) list.push(candidate);
    candidate -= 2;
  }
  return list.slice(0, count);
}

/** How many primes of a family make a modulus above `bound` (every value to recover is at most `bound`). */
export function primesNeeded(kind: 'lazy' | 'narrow', bound: bigint): number {
  // log2 of each prime is just under 40 or 26; counting one bit less keeps the estimate on the safe side.
  const bitsEach = kind === 'lazy' ? 39 : 25;
  return Math.max(1, Math.ceil((bitLength(bound) + 1) / bitsEach));
}

export function bitLength(n: bigint): number {
  if (n <= 0n) return 0;
  return n.toString(2).length;
}

export function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error(`no inverse of ${a} modulo ${m}`);
  return ((oldS % m) + m) % m;
}

/** Rebuilds integers in [0, product of primes) from their residues. */
export class Crt {
  readonly modulus: bigint;
  private readonly coefficients: bigint[];

  constructor(readonly primes: readonly number[]) {
    this.modulus = primes.reduce((acc, p) => acc * BigInt(p), 1n);
    this.coefficients = primes.map((p) => {
      const P = BigInt(p);
      const rest = this.modulus / P;
      return rest * modInverse(rest % P, P);
    });
  }

  /** residues[l] is the value modulo primes[l]. */
  combine(residues: ArrayLike<number>): bigint {
    if (this.primes.length === 1) return BigInt(residues[0]!);
    let x = 0n;
    for (let l = 0; l < this.primes.length; l++) x += BigInt(residues[l]!) * this.coefficients[l]!;
    return x % this.modulus;
  }
}

/** a * b mod p for a narrow prime p (exact: the product is below 2^52). */
export function mulModNarrow(a: number, b: number, p: number): number {
  return (a * b) % p;
}

/** 1/1 .. 1/n modulo a narrow prime p > n. */
export function inversesNarrow(n: number, p: number): Float64Array {
  const inv = new Float64Array(n + 1);
  if (n >= 1) inv[1] = 1;
  for (let i = 2; i <= n; i++) inv[i] = (p - mulModNarrow(Math.floor(p / i), inv[p % i]!, p)) % p;
  return inv;
}

/** Binomial coefficients C(m, 0..m) modulo p by Pascal's rule (additions only). */
export function binomialRowMod(m: number, p: number): Float64Array {
  const row = new Float64Array(m + 1);
  row[0] = 1;
  for (let i = 1; i <= m; i++) {
    for (let j = i; j >= 1; j--) {
      let v = row[j]! + row[j - 1]!;
      if (v >= p) v -= p;
      row[j] = v;
    }
  }
  return row;
}

/** True when every count is at most `bound` < 2^52: then doubles hold them exactly and no prime is needed. */
export function plainOk(bound: bigint): boolean {
  return bound < 2n ** 52n;
}

/**
 * The modulus used when plainOk: counts never reach it, so residues are the counts themselves, while
 * alternating sums can still be folded into range like residues (exact: 2 * 2^52 = 2^53).
 */
export const PLAIN_MODULUS = 2 ** 52;
