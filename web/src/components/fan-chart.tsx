/**
 * A forecast fan chart: for each series (a party's seats, a faction's councils) the median at each poll
 * as a line and the 5th-95th percentile interval as a band and a bar, optionally after a history drawn
 * solid. The same figures are always given as a table beside it by the caller.
 */
import { PlotChart } from './plot-chart.js';

export interface FanPoint {
  date: string;
  p5: number;
  p50: number;
  p95: number;
}

export interface FanSeries {
  id: string;
  name: string;
  points: FanPoint[];
  /** Values before the forecast, drawn solid (the national series). */
  history?: Array<{ date: string; value: number }>;
  /** Factions are drawn dashed, parties solid, so the two read apart without colour. */
  dashed?: boolean;
}

interface Datum {
  id: string;
  name: string;
  date: Date;
  p5: number;
  p50: number;
  p95: number;
}

export function FanChart({
  series,
  colour,
  label,
  yLabel,
  rule,
  height = 280,
}: {
  series: FanSeries[];
  colour: (id: string) => string;
  label: string;
  yLabel: string;
  /** A level to mark, e.g. the seats needed for a majority. */
  rule?: { y: number; label: string };
  height?: number;
}) {
  const fan: Datum[] = series.flatMap((s) =>
    s.points.map((p) => ({ ...p, id: s.id, name: s.name, date: new Date(`${p.date}T00:00:00Z`) })),
  );
  const past = series.flatMap((s) =>
    (s.history ?? []).map((h) => ({
      id: s.id,
      name: s.name,
      date: new Date(`${h.date}T00:00:00Z`),
      value: h.value,
    })),
  );
  const dashed = new Set(series.filter((s) => s.dashed).map((s) => s.id));
  const top = Math.max(1, ...fan.map((d) => d.p95), ...past.map((d) => d.value), rule?.y ?? 0);
  return (
    <PlotChart
      label={label}
      deps={[JSON.stringify(series), series.map((s) => colour(s.id)).join(), rule?.y, rule?.label]}
      render={(Plot, width) =>
        Plot.plot({
          width,
          height,
          marginRight: width < 500 ? 90 : 150,
          className: 'cc-plot',
          x: { label: null, type: 'utc' },
          y: {
            label: yLabel,
            grid: true,
            zero: true,
            domain: [0, top],
            tickFormat: 'd',
            ticks: Math.min(8, top),
          },
          marks: [
            Plot.ruleY([0]),
            rule ? Plot.ruleY([rule.y], { stroke: 'currentColor', strokeDasharray: '2,3' }) : null,
            rule
              ? Plot.text([rule], {
                  x: fan[0]?.date ?? past[0]?.date,
                  y: 'y',
                  text: 'label',
                  dy: -6,
                  textAnchor: 'start',
                  fill: 'currentColor',
                })
              : null,
            Plot.areaY(fan, {
              x: 'date',
              y1: 'p5',
              y2: 'p95',
              z: 'id',
              fill: (d: Datum) => colour(d.id),
              fillOpacity: 0.15,
            }),
            Plot.ruleX(fan, {
              x: 'date',
              y1: 'p5',
              y2: 'p95',
              stroke: (d: Datum) => colour(d.id),
              strokeWidth: 3,
              strokeOpacity: 0.5,
            }),
            Plot.line(past, {
              x: 'date',
              y: 'value',
              z: 'id',
              stroke: (d: { id: string }) => colour(d.id),
              strokeWidth: 2,
            }),
            Plot.line(
              fan.filter((d) => !dashed.has(d.id)),
              { x: 'date', y: 'p50', z: 'id', stroke: (d: Datum) => colour(d.id), strokeWidth: 2 },
            ),
            Plot.line(
              fan.filter((d) => dashed.has(d.id)),
              {
                x: 'date',
                y: 'p50',
                z: 'id',
                stroke: (d: Datum) => colour(d.id),
                strokeWidth: 2,
                strokeDasharray: '5,3',
              },
            ),
            Plot.dot(fan, { x: 'date', y: 'p50', fill: (d: Datum) => colour(d.id), r: 3 }),
            Plot.text(
              fan,
              Plot.selectLast({
                x: 'date',
                y: 'p50',
                z: 'id',
                text: 'name',
                textAnchor: 'start',
                dx: 6,
                fill: 'currentColor',
              }),
            ),
          ],
        })
      }
    />
  );
}
