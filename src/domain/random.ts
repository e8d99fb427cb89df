/**
 * Seeded randomness. sfc32 is small, fast and passes PractRand to large sizes; the seed is expanded with
 * splitmix32 so nearby seeds give unrelated streams. Same seed, same sequence, on every machine.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** A fresh generator derived from this one, for work that must not disturb this stream. */
  fork(label: string): Random;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function hashLabel(label: string): number {
  let h = 2166136261;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** createRandom(42).next() is the same number everywhere. */
export function createRandom(seed: number): Random {
  const sm = splitmix32(seed);
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    int: (n) => Math.floor(next() * n),
    fork: (label) => createRandom((hashLabel(label) ^ Math.floor(next() * 4294967296)) >>> 0),
  };
}

/** Picks from weighted options: pickWeighted(rng, [['lab', 3], ['con', 1]]). */
export function pickWeighted<T>(rng: Random, options: ReadonlyArray<readonly [T, number]>): T {
  let total = 0;
  for (const [, w] of options) total += w;
  let x = rng.next() * total;
  for (const [v, w] of options) {
    x -= w;
    if (x < 0) return v;
  }
  return options[options.length - 1]![0];
}

/** Standard normal draw (Box-Muller). */
export function normal(rng: Random): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
