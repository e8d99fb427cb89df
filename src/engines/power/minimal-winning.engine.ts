/**
 * Minimal winning coalitions, counted, never enumerated (real games have more than 10^13 of them).
 *
 * Order the types heaviest first. A winning coalition S is minimal exactly when dropping its lightest
 * member makes it lose. If its lightest type is t, S is c >= 1 members of t plus a set H of heavier players
 * with q - c w_t <= w(H) <= q - 1 - (c-1) w_t. These windows are disjoint for different c, so with G_t the
 * generating function of the players heavier than t, the count is phi_t . G_t, where phi_t[s] = C(m_t, c(s))
 * and c(s) = floor((q-1-s)/w_t) + 1.
 *
 * Per player (Holler, Deegan-Packel) a member i of type u is either among the c lightest (phi'_u . G_u with
 * C(m_u - 1, c - 1)), or in H for some lighter type t > u. The second part, summed over t, is one dot
 * product psi_u . Q_u with Q_u = x^{w_u} G_u (1 + x^{w_u})^{m_u - 1} and the adjoint recurrence
 * psi_u = phi_{u+1} + P_{u+1}^T psi_{u+1} (P^T of multiplying by 1 + x^w is psi[s] += psi[s + w]).
 * G_u is recovered from the full product by exact division (modular arithmetic makes deconvolution exact),
 * so the whole is O(n q) per prime with three arrays, and O(n * band) for Deegan-Packel, which tracks
 * coalition sizes and weights every coalition by 1/|S| (mod p) in its functionals.
 *
 * Narrow primes (below 2^26) because the functionals and dot products multiply.
 */
import { sizeWeightBand } from './band.math.js';
import { lcmUpTo } from './fraction.math.js';
import type { PlayerType, WeightedGame } from './game.model.js';
import { binomialRowMod, Crt, inversesNarrow, primes, primesNeeded } from './modular.math.js';

function fold(v: number, p: number): number {
  if (v < 0) return v + p;
  return v >= p ? v - p : v;
}

export interface MinimalWinningCounts {
  /** Number of minimal winning coalitions. */
  total: bigint;
  /** Per type: minimal winning coalitions containing one given member (0 for zero weight). */
  containing: bigint[];
}

export interface DeeganPackelSums {
  /** Per type: sum over the minimal winning coalitions S containing one given member of lcm / |S|. */
  numerators: bigint[];
  /** lcm(1..n): numerators[u] / (lcm * total) is the Deegan-Packel index. */
  lcm: bigint;
}

function positiveTypes(game: WeightedGame): { type: PlayerType; index: number }[] {
  return game.types.flatMap((type, index) => (type.weight > 0 ? [{ type, index }] : []));
}

function playerCount(types: { type: PlayerType }[]): number {
  return types.reduce((a, t) => a + t.type.members.length, 0);
}

/** Work and bytes for the univariate counts (minimal winning coalitions, Holler). */
export function minimalWinningCost(game: WeightedGame): { work: number; bytes: number } {
  const types = positiveTypes(game);
  const m = playerCount(types);
  const L = primesNeeded('narrow', 2n ** BigInt(m));
  return { work: L * (3 * m + 3 * types.length) * game.q, bytes: 3 * game.q * 8 };
}

/** Work and bytes for the Deegan-Packel sums (sizes tracked). */
export function deeganPackelCost(game: WeightedGame): { work: number; bytes: number } {
  const types = positiveTypes(game);
  const m = playerCount(types);
  const band = sizeWeightBand(
    types.flatMap((t) => t.type.members.map(() => t.type.weight)),
    game.q,
  );
  const L = primesNeeded('narrow', lcmUpTo(m) * 2n ** BigInt(m));
  return { work: L * (3 * m + 4 * types.length) * band.size, bytes: 3 * band.size * 8 };
}

/** c(s) for a type of weight w: how many of its members the coalition holds when the rest weighs s. */
function membersNeeded(q: number, w: number, s: number): number {
  return Math.floor((q - 1 - s) / w) + 1;
}

/** Counts of minimal winning coalitions, in total and containing each type's member. */
export function minimalWinningCounts(game: WeightedGame): MinimalWinningCounts {
  const q = game.q;
  const types = positiveTypes(game);
  const m = playerCount(types);
  const ps = primes('narrow', primesNeeded('narrow', 2n ** BigInt(m)));
  const L = ps.length;
  const T = types.length;
  const res = new Float64Array((game.types.length + 1) * L);
  const G = new Float64Array(q);
  const psi = new Float64Array(q);
  for (let l = 0; l < L; l++) {
    const p = ps[l]!;
    G.fill(0);
    G[0] = 1;
    psi.fill(0);
    for (const { type } of types) {
      for (let i = 0; i < type.members.length; i++) {
        for (let s = q - 1; s >= type.weight; s--) G[s] = fold(G[s]! + G[s - type.weight]!, p);
      }
    }
    let total = 0;
    for (let u = T - 1; u >= 0; u--) {
      const { type } = types[u]!;
      const w = type.weight;
      const mu = type.members.length;
      for (let s = w; s < q; s++) G[s] = fold(G[s]! - G[s - w]!, p);
      // Member in the heavier part H of a coalition whose lightest type is below u.
      let inHeavier = 0;
      for (let s = w; s < q; s++) {
        inHeavier += (psi[s]! * G[s - w]!) % p;
        if (inHeavier >= 2 ** 52) inHeavier %= p;
      }
      for (let i = 1; i < mu; i++) for (let s = w; s < q; s++) G[s] = fold(G[s]! - G[s - w]!, p);
      const all = binomialRowMod(mu, p);
      const less = binomialRowMod(mu - 1, p);
      let asLightest = 0;
      let count = 0;
      for (let s = 0; s < q; s++) {
        const c = membersNeeded(q, w, s);
        if (c > mu || G[s] === 0) continue;
        count += (all[c]! * G[s]!) % p;
        asLightest += (less[c - 1]! * G[s]!) % p;
        if (count >= 2 ** 52) count %= p;
        if (asLightest >= 2 ** 52) asLightest %= p;
      }
      total = (total + (count % p)) % p;
      res[types[u]!.index * L + l] = ((asLightest % p) + (inHeavier % p)) % p;
      for (let i = 0; i < mu; i++) for (let s = 0; s + w < q; s++) psi[s] = fold(psi[s]! + psi[s + w]!, p);
      for (let s = Math.max(0, q - mu * w); s < q; s++)
        psi[s] = fold(psi[s]! + all[membersNeeded(q, w, s)]!, p);
    }
    res[game.types.length * L + l] = total;
  }
  const crt = new Crt(ps);
  const at = (i: number): bigint => crt.combine(res.subarray(i * L, i * L + L));
  return {
    total: at(game.types.length),
    containing: game.types.map((t, i) => (t.weight === 0 ? 0n : at(i))),
  };
}

/** Sums of lcm/|S| over the minimal winning coalitions containing each type's member. */
export function deeganPackelSums(game: WeightedGame): DeeganPackelSums {
  const q = game.q;
  const types = positiveTypes(game);
  const n = playerCount(types);
  const lcm = lcmUpTo(Math.max(1, n));
  const ps = primes('narrow', primesNeeded('narrow', lcm * 2n ** BigInt(n)));
  const L = ps.length;
  const T = types.length;
  const band = sizeWeightBand(
    types.flatMap((t) => t.type.members.map(() => t.type.weight)),
    q,
  );
  const { rows, lo, hi, off } = band;
  const res = new Float64Array(game.types.length * L);
  const G = new Float64Array(band.size);
  const psi = new Float64Array(band.size);
  // Cells outside any reachable coalition can still pair k + c above n; size the inverses for them too
  // (their products meet zero counts, but must be finite).
  const maxMu = Math.max(1, ...types.map((t) => t.type.members.length));
  for (let l = 0; l < L; l++) {
    const p = ps[l]!;
    const inv = inversesNarrow(rows + maxMu + 1, p);
    G.fill(0);
    G[0] = 1;
    psi.fill(0);
    const multiply = (w: number): void => {
      for (let k = rows - 1; k >= 1; k--) {
        const s0 = Math.max(lo[k]!, lo[k - 1]! + w);
        const s1 = Math.min(hi[k]!, hi[k - 1]! + w);
        const a = off[k]! - lo[k]!;
        const b = off[k - 1]! - lo[k - 1]! - w;
        for (let s = s0; s <= s1; s++) G[a + s] = fold(G[a + s]! + G[b + s]!, p);
      }
    };
    const divide = (w: number): void => {
      for (let k = 1; k < rows; k++) {
        const s0 = Math.max(lo[k]!, lo[k - 1]! + w);
        const s1 = Math.min(hi[k]!, hi[k - 1]! + w);
        const a = off[k]! - lo[k]!;
        const b = off[k - 1]! - lo[k - 1]! - w;
        for (let s = s0; s <= s1; s++) G[a + s] = fold(G[a + s]! - G[b + s]!, p);
      }
    };
    for (const { type } of types) for (let i = 0; i < type.members.length; i++) multiply(type.weight);
    for (let u = T - 1; u >= 0; u--) {
      const { type, index } = types[u]!;
      const w = type.weight;
      const mu = type.members.length;
      divide(w);
      // psi . Q with Q[k][s] = H[k-1][s-w].
      let inHeavier = 0;
      for (let k = 1; k < rows; k++) {
        const s0 = Math.max(lo[k]!, lo[k - 1]! + w);
        const s1 = Math.min(hi[k]!, hi[k - 1]! + w);
        const a = off[k]! - lo[k]!;
        const b = off[k - 1]! - lo[k - 1]! - w;
        for (let s = s0; s <= s1; s++) inHeavier += (psi[a + s]! * G[b + s]!) % p;
        inHeavier %= p;
      }
      for (let i = 1; i < mu; i++) divide(w);
      const all = binomialRowMod(mu, p);
      const less = binomialRowMod(mu - 1, p);
      let asLightest = 0;
      // phi^D[k][s] = C(m, c) / (k + c); phi'^D[k][s] = C(m - 1, c - 1) / (k + c).
      for (let k = 0; k < rows; k++) {
        for (let s = Math.max(lo[k]!, q - mu * w); s <= hi[k]!; s++) {
          const c = membersNeeded(q, w, s);
          const g = G[off[k]! + s - lo[k]!]!;
          if (g === 0) continue;
          asLightest += (((less[c - 1]! * inv[k + c]!) % p) * g) % p;
        }
        asLightest %= p;
      }
      res[index * L + l] = (((asLightest + inHeavier) % p) * (Number(lcm % BigInt(p)) % p)) % p;
      for (let i = 0; i < mu; i++) {
        // Adjoint of multiplying by (1 + y x^w): psi[k][s] += psi[k+1][s+w], rows ascending (reads old k+1).
        for (let k = 0; k + 1 < rows; k++) {
          const s0 = Math.max(lo[k]!, lo[k + 1]! - w);
          const s1 = Math.min(hi[k]!, hi[k + 1]! - w);
          const a = off[k]! - lo[k]!;
          const b = off[k + 1]! - lo[k + 1]! + w;
          for (let s = s0; s <= s1; s++) psi[a + s] = fold(psi[a + s]! + psi[b + s]!, p);
        }
      }
      for (let k = 0; k < rows; k++) {
        for (let s = Math.max(lo[k]!, q - mu * w); s <= hi[k]!; s++) {
          const c = membersNeeded(q, w, s);
          const i = off[k]! + s - lo[k]!;
          psi[i] = fold(psi[i]! + ((all[c]! * inv[k + c]!) % p), p);
        }
      }
    }
  }
  const crt = new Crt(ps);
  return {
    numerators: game.types.map((t, i) => (t.weight === 0 ? 0n : crt.combine(res.subarray(i * L, i * L + L)))),
    lcm,
  };
}
