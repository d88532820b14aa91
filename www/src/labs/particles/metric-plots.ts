// The metrics over time, one small plot each, one line per run in its colour: MMD, KSD and the
// moment errors on log scales (they fall by decades, and a plateau at the finite-N floor reads as
// one), F(μ) on a linear scale (it can be negative) where the lab defines it. x is the step; one
// point per metric evaluation. The titles name the quantities, so the y titles stay short.
import type { Snapshot } from "../../core/api";
import { LinePlot } from "../../plot/line-plot";
import { h } from "../../ui/dom";
import { hasFinite, metricSeries, type Run } from "./runs";

export interface MetricPlotSpec {
  name: string;
  title: string;
  yLabel: string;
  logY: boolean;
  label: string;
}

export const METRIC_PLOTS: readonly MetricPlotSpec[] = [
  { name: "mmd", title: "MMD to the target", yLabel: "MMD", logY: true, label: "Maximum mean discrepancy to the target against the step, log scale" },
  { name: "ksd", title: "Kernel Stein discrepancy", yLabel: "KSD", logY: true, label: "Kernel Stein discrepancy against the step, log scale" },
  { name: "mean_error", title: "Mean error", yLabel: "‖Δ mean‖", logY: true, label: "Distance of the particles' mean from the target's against the step, log scale" },
  { name: "cov_error", title: "Covariance error (relative)", yLabel: "‖Δ cov‖ / ‖Σ‖", logY: true, label: "Relative Frobenius error of the particles' covariance against the step, log scale" },
  { name: "free_energy", title: "Free energy F(μ)", yLabel: "F(μ)", logY: false, label: "The free energy F(μ) against the step" },
];

/** What the free-energy plot is titled: the lab says which F it evaluates ("KL(μ‖p) = …"). */
export function freeEnergyTitle(text: string | undefined): string {
  const name = text?.split(" = ")[0]?.trim();
  return name ? `Free energy: ${name}` : "Free energy F(μ)";
}

export class MetricPlots {
  readonly element: HTMLElement;
  readonly plots = new Map<string, LinePlot>();
  private readonly note = h("p", { class: "plots-note" });

  constructor() {
    for (const spec of METRIC_PLOTS) {
      this.plots.set(spec.name, new LinePlot({ title: spec.title, xLabel: "step", yLabel: spec.yLabel, logY: spec.logY, legend: "names", height: 180, label: spec.label }));
    }
    const grid = h("div", { class: "plot-grid particles-metrics" }, ...[...this.plots.values()].map((p) => p.element));
    this.element = h("div", { class: "particles-time" }, grid, this.note);
  }

  update(s: Snapshot, runs: readonly Run[]): void {
    for (const spec of METRIC_PLOTS) {
      const plot = this.plots.get(spec.name)!;
      // F(μ) is NaN where the lab cannot evaluate it: the plot then steps aside.
      const shown = spec.name !== "free_energy" || runs.some((r) => hasFinite(s.curves[`free_energy${r.suffix}`]));
      plot.element.hidden = !shown;
      if (!shown) continue;
      plot.setSeries(metricSeries(s.curves, spec.name, runs));
    }
    const fe = this.plots.get("free_energy")!;
    fe.setTitle(freeEnergyTitle(s.texts.free_energy));
    // The entropy term is a KDE estimate on ≤ 1 024 particles: biased, so the curve can settle
    // a little below its true limit (below 0 for KL). Say so where the number is read.
    fe.setCaption(s.texts.free_energy ? `${s.texts.free_energy}; −entropy estimated by a KDE (biased, can dip below the true value)` : "");
    this.plots.get("mmd")!.setCaption(s.texts.reference ? `RBF kernel, h = 0.5, against ${s.texts.reference}` : "");
    const every = s.values.metrics_every;
    this.note.textContent = every !== undefined && Number.isFinite(every)
      ? `One point per metric evaluation, every ${every === 1 ? "step" : `${every.toLocaleString("en-US")} steps`}. The moment errors in the table are of the current particles.`
      : "";
  }

  destroy(): void {
    for (const p of this.plots.values()) p.destroy();
  }
}
