/**
 * An Observable Plot chart, loaded on first use so the first page stays small. Plot puts a <style> element
 * in each chart; the page's CSP (default-src 'self') refuses inline styles, so it is removed before the
 * chart is shown and the same rules live in the page's stylesheet (.cc-plot).
 */
import { useEffect, useRef, useState } from 'preact/hooks';

type PlotModule = typeof import('@observablehq/plot');

let plotModule: Promise<PlotModule> | null = null;
export function loadPlot(): Promise<PlotModule> {
  plotModule ??= import('@observablehq/plot');
  return plotModule;
}

export function PlotChart({
  render,
  label,
  deps,
}: {
  render: (Plot: PlotModule, width: number) => SVGSVGElement | HTMLElement;
  label: string;
  deps: readonly unknown[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const host = ref.current;
    if (!host) return;
    loadPlot().then(
      (Plot) => {
        if (!live) return;
        const width = Math.max(280, Math.min(900, host.clientWidth || 640));
        let chart: SVGSVGElement | HTMLElement;
        try {
          chart = render(Plot, width);
        } catch (err) {
          // A chart that cannot be drawn says so; the table beside it still has the figures.
          setFailed(err instanceof Error ? err.message : String(err));
          return;
        }
        for (const style of chart.querySelectorAll('style')) style.remove();
        chart.setAttribute('aria-label', label);
        chart.setAttribute('role', 'img');
        host.replaceChildren(chart);
      },
      (err: unknown) => live && setFailed(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, deps);
  return (
    <div class="plot-host" ref={ref}>
      {failed ? (
        <p class="error" role="alert">
          Could not draw the chart: {failed}
        </p>
      ) : (
        <p class="muted">Drawing the chart…</p>
      )}
    </div>
  );
}
