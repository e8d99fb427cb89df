/**
 * Colours for parties and factions. A party's colour comes from the registry; its factions get shades of
 * it. Colour never carries meaning alone: every swatch is shown with the party's or faction's name.
 */

export const UNALIGNED = '#cfd4da';
export const INDEPENDENT = '#8a8f98';
export const NO_CONTROL = '#e9ecef';
export const VACANT = '#ffffff';
export const UNKNOWN = '#6c757d';

function parseHex(hex: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = Number.parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b]
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const rgb = parseHex(hex);
  if (!rgb) return 0.5;
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever reads better on `background`. */
export function textOn(background: string): string {
  const l = luminance(background);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#111111' : '#ffffff';
}

/** `hex` mixed towards white (amount > 0) or black (amount < 0). */
export function shade(hex: string, amount: number): string {
  const rgb = parseHex(hex);
  if (!rgb) return hex;
  const target = amount >= 0 ? 255 : 0;
  const t = Math.min(1, Math.abs(amount));
  return toHex(rgb.map((v) => v + (target - v) * t) as [number, number, number]);
}

export interface OrgColour {
  id: string;
  colour: string | null;
  parentId?: string | null;
}

/** Colours by id: parties' own (or grey), factions as alternating shades of their party's. */
export function buildPalette(
  parties: readonly OrgColour[],
  factions: readonly OrgColour[],
): Map<string, string> {
  const palette = new Map<string, string>();
  for (const p of parties) palette.set(p.id, p.colour && parseHex(p.colour) ? p.colour : UNKNOWN);
  palette.set('independent', INDEPENDENT);
  const seen = new Map<string, number>();
  const steps = [-0.35, 0.35, -0.6, 0.55, -0.15, 0.15];
  for (const f of [...factions].sort((a, b) => a.id.localeCompare(b.id))) {
    if (f.colour && parseHex(f.colour)) {
      palette.set(f.id, f.colour);
      continue;
    }
    const base = (f.parentId && palette.get(f.parentId)) || UNKNOWN;
    const i = seen.get(f.parentId ?? '') ?? 0;
    seen.set(f.parentId ?? '', i + 1);
    palette.set(f.id, shade(base, steps[i % steps.length]!));
  }
  return palette;
}
