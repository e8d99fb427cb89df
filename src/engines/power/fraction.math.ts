/** Exact rationals as BigInt pairs: reduced fraction strings and correctly scaled decimals. */

export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** A reduced fraction string: fractionString(6n, 36n) === '1/6'; zero is '0/1'. */
export function fractionString(num: bigint, den: bigint): string {
  if (den === 0n) throw new Error('zero denominator');
  if (num === 0n) return '0/1';
  const g = gcd(num, den);
  return `${num / g}/${den / g}`;
}

function bits(n: bigint): number {
  return n === 0n ? 0 : n.toString(16).length * 4;
}

/** num/den as the nearest double, even when both have thousands of digits (Number() alone would overflow). */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const negative = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  // Scale so the integer quotient carries about 64 significant bits.
  const e = bits(d) - bits(n) + 64;
  const top = e >= 0 ? n << BigInt(e) : n;
  const bottom = e >= 0 ? d : d << BigInt(-e);
  let q = top / bottom;
  // A sticky bit for a non-zero remainder: without it, Number() sees a truncated quotient that can look
  // like an exact tie and round to even the wrong way (368577030/995662454 did).
  if (q * bottom !== top) q |= 1n;
  let value = Number(q);
  let shift = e;
  while (shift > 1000) {
    value *= 2 ** -1000;
    shift -= 1000;
  }
  while (shift < -1000) {
    value *= 2 ** 1000;
    shift += 1000;
  }
  value *= 2 ** -shift;
  return negative ? -value : value;
}

export function factorials(n: number): bigint[] {
  const f: bigint[] = [1n];
  for (let i = 1; i <= n; i++) f.push(f[i - 1]! * BigInt(i));
  return f;
}

/** C(m, 0..m) as BigInt. */
export function binomialRow(m: number): bigint[] {
  const row: bigint[] = [1n];
  for (let k = 1; k <= m; k++) row.push((row[k - 1]! * BigInt(m - k + 1)) / BigInt(k));
  return row;
}

/** lcm(1, 2, ..., n). */
export function lcmUpTo(n: number): bigint {
  let l = 1n;
  for (let i = 2; i <= n; i++) {
    const b = BigInt(i);
    l = (l / gcd(l, b)) * b;
  }
  return l;
}
