// The view most labs need: a particle scatter when the snapshot has `arrays.points`, one small
// line plot per curve, and a read-out of the lab's metrics. A lab folder configures it (titles,
// axis labels, which plots start on a log scale) or writes its own view instead.
import type { Metrics, Snapshot } from "../core/api";
import { LinePlot } from "../plot/line-plot";
import { formatValue } from "../plot/ticks";
import { h } from "../ui/dom";
import { PointsView } from "./points-view";
import type { LabView, ViewContext } from "./types";

export interface CurveStyle {
  title: string;
  yLabel: string;
  xLabel?: string;
  logY?: boolean;
}

export interface StandardViewOptions {
  pointsLabel?: string;
  curves?: Record<string, CurveStyle>;
  /** metric names to show with their labels, in order; others are left out */
  metrics?: Record<string, string>;
}

const SKIP_METRICS = new Set(["steps", "steps_per_second", "device"]);

const titleCase = (name: string) => name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

export function standardView(ctx: ViewContext, opts: StandardViewOptions = {}): LabView {
  const figure = h("div", { class: "figure" });
  const readout = h("dl", { class: "readout" });
  const plotGrid = h("div", { class: "plot-grid" });
  const plots = h("div", { class: "plots" }, plotGrid, readout);
  let points: PointsView | null = null;
  const linePlots = new Map<string, LinePlot>();

  const ensurePoints = () => {
    if (!points) {
      points = new PointsView({ label: opts.pointsLabel ?? `${ctx.lab.title}: particle positions` });
      figure.append(points.element);
    }
    return points;
  };

  const ensurePlot = (name: string) => {
    let p = linePlots.get(name);
    if (!p) {
      const style = opts.curves?.[name] ?? { title: titleCase(name), yLabel: name };
      p = new LinePlot({ title: style.title, xLabel: style.xLabel ?? "step", yLabel: style.yLabel, logToggle: true, logY: !!style.logY });
      linePlots.set(name, p);
      plotGrid.append(p.element);
    }
    return p;
  };

  const renderReadout = (m: Metrics) => {
    const entries = opts.metrics
      ? Object.entries(opts.metrics).filter(([k]) => typeof m[k] === "number")
      : Object.keys(m).filter((k) => !SKIP_METRICS.has(k) && typeof m[k] === "number").map((k) => [k, titleCase(k)] as const);
    readout.replaceChildren(...entries.flatMap(([k, label]) => [h("dt", {}, label), h("dd", { "data-metric": k }, Number.isFinite(m[k]) ? formatValue(m[k] as number) : "–")]));
  };

  return {
    figure,
    plots,
    update(s: Snapshot, m: Metrics) {
      const pts = s.arrays.points;
      if (pts && pts.shape.length === 2 && pts.shape[1] === 2) ensurePoints().draw(pts.data, pts.shape[0]!, s.values.extent ?? NaN);
      for (const [name, c] of Object.entries(s.curves)) ensurePlot(name).setSeries([{ name: opts.curves?.[name]?.title ?? titleCase(name), x: c.x, y: c.y }]);
      renderReadout(m);
    },
    destroy() {
      points?.destroy();
      for (const p of linePlots.values()) p.destroy();
    },
  };
}
