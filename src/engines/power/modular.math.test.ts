import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomialRow, fractionString, lcmUpTo, ratioToNumber } from './fraction.math.js';
import {
  binomialRowMod,
  Crt,
  inversesNarrow,
  isPrime,
  LAZY_BOUND,
  NARROW_BOUND,
  primes,
  primesNeeded,
} from './modular.math.js';

function trialDivision(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

describe('primes', () => {
  it('Miller-Rabin agrees with trial division', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000 }), (n) => {
        expect(isPrime(n)).toBe(trialDivision(n));
      }),
    );
    // Near the top of the families too (trial division up to 2^20 is still quick).
    for (let n = 2 ** 40 - 200; n < 2 ** 40; n++) expect(isPrime(n)).toBe(trialDivision(n));
  });

  it('gives distinct primes below each family bound, largest first', () => {
    const lazy = primes('lazy', 12);
    const narrow = primes('narrow', 12);
    for (const [list, bound] of [
      [lazy, LAZY_BOUND],
      [narrow, NARROW_BOUND],
    ] as const) {
      expect(new Set(list).size).toBe(list.length);
      for (let i = 0; i < list.length; i++) {
        expect(list[i]!).toBeLessThan(bound);
        expect(trialDivision(list[i]!)).toBe(true);
        if (i > 0) expect(list[i]!).toBeLessThan(list[i - 1]!);
      }
    }
  });

  it('counts enough primes for a bound', () => {
    for (const bits of [1, 39, 40, 100, 400, 3434]) {
      const bound = 2n ** BigInt(bits);
      for (const kind of ['lazy', 'narrow'] as const) {
        const product = primes(kind, primesNeeded(kind, bound)).reduce((a, p) => a * BigInt(p), 1n);
        expect(product > bound).toBe(true);
      }
    }
  });
});

describe('CRT', () => {
  it('rebuilds any integer below the product of the primes from its residues', () => {
    const ps = primes('lazy', 5);
    const crt = new Crt(ps);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: crt.modulus - 1n }), (x) => {
        expect(crt.combine(ps.map((p) => Number(x % BigInt(p))))).toBe(x);
      }),
    );
  });
});

describe('modular helpers', () => {
  it('binomial rows and inverses modulo a narrow prime', () => {
    const [p] = primes('narrow', 1);
    const P = BigInt(p!);
    const row = binomialRowMod(70, p!);
    binomialRow(70).forEach((c, k) => {
      expect(row[k]).toBe(Number(c % P));
    });
    const inv = inversesNarrow(100, p!);
    for (let i = 1; i <= 100; i++) expect((BigInt(inv[i]!) * BigInt(i)) % P).toBe(1n);
  });
});

describe('fractions', () => {
  it('reduces', () => {
    expect(fractionString(6n, 36n)).toBe('1/6');
    expect(fractionString(0n, 5n)).toBe('0/1');
    expect(fractionString(421n * 7n, 2145n * 7n)).toBe('421/2145');
  });

  it('converts huge ratios to the nearest double', () => {
    const big = 10n ** 900n;
    expect(ratioToNumber(big, 3n * big)).toBeCloseTo(1 / 3, 15);
    expect(ratioToNumber(1n, 2n ** 1030n)).toBe(2 ** -1030);
    expect(ratioToNumber(2n ** 1100n, 2n ** 1000n)).toBe(2 ** 100);
    // Once rounded the wrong way: the truncated quotient looked like an exact tie.
    expect(ratioToNumber(368577030n, 995662454n)).toBe(368577030 / 995662454);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (a, b) => {
        expect(ratioToNumber(BigInt(a), BigInt(b))).toBe(a / b);
      }),
    );
  });

  it('lcm of 1..n', () => {
    expect(lcmUpTo(10)).toBe(2520n);
    expect(lcmUpTo(1)).toBe(1n);
  });
});
