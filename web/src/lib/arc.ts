/**
 * The parliament-arc seat chart's layout: seats on concentric half-rings, as many per ring as its length
 * allows, then numbered by angle from left to right so that each party's seats form one wedge. Pure.
 */

export interface SeatPosition {
  x: number;
  y: number;
  /** Radius of the seat's dot. */
  r: number;
}

/** Rings for `seats` seats: about as many as keep the seats close to square packing. */
export function ringCount(seats: number): number {
  if (seats <= 0) return 0;
  return Math.max(1, Math.min(12, Math.round(Math.sqrt(seats / 4.5))));
}

/**
 * Positions of `seats` seats in a half-disc of outer radius 1 centred at (0, 0) (y up), left to right.
 * Example: arcLayout(60) gives 60 positions with x from about -1 to 1.
 */
export function arcLayout(seats: number): SeatPosition[] {
  const rings = ringCount(seats);
  if (rings === 0) return [];
  const inner = 0.4;
  const radii = Array.from({ length: rings }, (_, i) =>
    rings === 1 ? 0.75 : inner + ((1 - inner) * i) / (rings - 1),
  );
  const total = radii.reduce((a, b) => a + b, 0);
  // Seats per ring in proportion to its length, rounded so that they add up to `seats` exactly.
  const exact = radii.map((r) => (seats * r) / total);
  const counts = exact.map(Math.floor);
  let left = seats - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => ({ i, frac: e - Math.floor(e) }))
    .sort((a, b) => b.frac - a.frac || b.i - a.i);
  for (const { i } of order) {
    if (left === 0) break;
    counts[i]! += 1;
    left -= 1;
  }
  const spacing = rings === 1 ? 0.5 : (1 - inner) / (rings - 1);
  const dot = Math.min(spacing * 0.42, (Math.PI * radii[rings - 1]!) / Math.max(1, counts[rings - 1]!) / 2.3);
  const seatsOut: Array<SeatPosition & { angle: number }> = [];
  radii.forEach((radius, ring) => {
    const n = counts[ring]!;
    for (let k = 0; k < n; k++) {
      const angle = n === 1 ? Math.PI / 2 : Math.PI - (Math.PI * k) / (n - 1);
      seatsOut.push({ x: radius * Math.cos(angle), y: radius * Math.sin(angle), r: dot, angle });
    }
  });
  // Left to right by angle; at equal angles, the inner ring first.
  seatsOut.sort((a, b) => b.angle - a.angle || Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y));
  return seatsOut.map(({ x, y, r }) => ({ x, y, r }));
}
