// The small multiples: how the cylindrical error falls with the basis size m, how the discrete
// error falls with N (against a slope −2 guide), the Taylor test that checks the derivative
// itself, and, while a flow runs, F[u(t)] and its relative drift.
import type { Curve, Metrics, Snapshot } from "../../core/api";
import { LinePlot } from "../../plot/line-plot";
import { formatValue } from "../../plot/ticks";
import { h } from "../../ui/dom";
import { INK } from "../../ui/palette";
import { COLORS } from "./colors";

/**
 * A guide line of the given log–log slope across the data's x range, through the data's last
 * point shifted up by `offset` (so it sits beside the data, not on it): y = y_ref (x / x_ref)^slope.
 */
export function slopeGuide(c: Curve, slope: number, offset = 3): Curve | null {
  let ref = -1;
  let x0 = Infinity, x1 = -Infinity;
  for (let i = 0; i < c.x.length; i++) {
    const x = c.x[i]!, y = c.y[i]!;
    if (!(x > 0) || !(y > 0) || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    ref = i;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
  }
  if (ref < 0 || !(x1 > x0)) return null;
  const xr = c.x[ref]!, yr = c.y[ref]! * offset;
  const at = (x: number) => yr * Math.pow(x / xr, slope);
  return { x: Float64Array.of(x0, x1), y: Float64Array.of(at(x0), at(x1)) };
}

/** What the Taylor slope says: 2 means the first-order term cancels, so δF/δu is right. */
export function taylorVerdict(slope: number | undefined): string {
  if (slope === undefined || !Number.isFinite(slope)) return "";
  const s = slope.toFixed(2);
  if (Math.abs(slope - 2) <= 0.2) return `slope ${s} ≈ 2 ⇒ derivative right`;
  if (Math.abs(slope - 1) <= 0.2) return `slope ${s} ≈ 1 ⇒ derivative wrong (the first-order term does not cancel)`;
  return `slope ${s}: expected 2 (1 would mean a wrong derivative)`;
}

const METRICS: [string, string][] = [
  ["value", "F[u]"],
  ["taylor_slope", "Taylor slope"],
  ["discrete_order", "Discrete order"],
  ["cylindrical_error", "Cylindrical error"],
  ["discrete_error", "Discrete error"],
  ["time", "Time"],
  ["energy", "Energy F[u(t)]"],
  ["energy_drift", "Relative drift"],
];
const FLOW_METRICS = new Set(["time", "energy", "energy_drift"]);

/** Slopes and orders to two decimals (2.00 is a finding; "2" would look like a given). */
export function formatMetric(name: string, v: number): string {
  if (!Number.isFinite(v)) return "–";
  return name === "taylor_slope" || name === "discrete_order" ? v.toFixed(2) : formatValue(v);
}

export class Multiples {
  readonly element: HTMLElement;
  private readonly readout: HTMLElement;
  private readonly degree: LinePlot;
  private readonly points: LinePlot;
  private readonly taylor: LinePlot;
  private readonly energy: LinePlot;
  private readonly drift: LinePlot;

  constructor() {
    this.readout = h("dl", { class: "readout functional-readout", "aria-label": "Numbers" });
    this.degree = new LinePlot({ title: "Cylindrical error vs m", xLabel: "basis size m", yLabel: "rel. error", logY: true, legend: "none", height: 170 });
    this.points = new LinePlot({ title: "Discrete error vs N", xLabel: "grid points N", yLabel: "rel. error", logX: true, logY: true, legend: "names", dataTicksX: true, height: 170 });
    this.taylor = new LinePlot({ title: "Taylor test", xLabel: "ε", yLabel: "remainder", logX: true, logY: true, legend: "names", height: 170, label: "Taylor test: |F[u+εh] − F[u] − ε⟨δF/δu, h⟩| against ε, log–log" });
    // A conserved energy is a flat line here; its drift has its own log plot.
    this.energy = new LinePlot({ title: "Energy F[u(t)]", xLabel: "time", yLabel: "F", legend: "none", height: 170, minRelSpanY: 0.02 });
    this.drift = new LinePlot({ title: "Relative drift |F(t) − F(0)| / |F(0)|", xLabel: "time", yLabel: "drift", logY: true, legend: "none", height: 170 });
    this.energy.element.hidden = true;
    this.drift.element.hidden = true;
    const grid = h("div", { class: "plot-grid functional-multiples" }, this.degree.element, this.points.element, this.taylor.element, this.energy.element, this.drift.element);
    this.element = h("div", { class: "plots" }, this.readout, grid);
  }

  update(s: Snapshot, m: Metrics, flowing: boolean, degree: number): void {
    const c = s.curves;
    const none: Curve = { x: new Float64Array(0), y: new Float64Array(0) };
    this.degree.setSeries([{ name: "cylindrical", ...(c.error_vs_degree ?? none), color: COLORS.cylindrical, style: "line+markers" }]);
    const cyl = s.values.cylindrical_error;
    this.degree.setCaption(cyl !== undefined && Number.isFinite(cyl) ? `at m = ${degree}: ${formatValue(cyl)} (max |cyl − sym| / max |sym|)` : "");

    const byN = c.error_vs_points ?? none;
    const guide = slopeGuide(byN, -2);
    this.points.setSeries([
      { name: "discrete", ...byN, color: COLORS.discrete, style: "line+markers" },
      ...(guide ? [{ name: "slope −2", ...guide, color: INK.axis, style: "dashed" as const, width: 1.25 }] : []),
    ]);
    const order = s.values.discrete_order;
    this.points.setCaption(order !== undefined && Number.isFinite(order) ? `fitted order p = ${order.toFixed(2)} (error ∝ N⁻ᵖ; 2 expected)` : "");

    // The lab also runs the test on the discretized F with its exact gradient, when it has it.
    this.taylor.setSeries([
      { name: "symbolic", ...(c.taylor ?? none), color: COLORS.symbolic, style: "markers" },
      ...(c.taylor_discrete ? [{ name: "discrete", ...c.taylor_discrete, color: COLORS.discrete, style: "markers" as const, marker: "ring" as const }] : []),
      { name: "fit", ...(c.taylor_fit ?? none), color: INK.text, width: 1.25, fit: false },
    ]);
    this.taylor.setCaption(taylorVerdict(s.values.taylor_slope ?? m.taylor_slope));

    const energy = c.energy, drift = c.energy_drift;
    this.energy.element.hidden = !flowing || !energy;
    this.drift.element.hidden = !flowing || !drift;
    if (flowing && energy) this.energy.setSeries([{ name: "F[u(t)]", ...energy, color: COLORS.u }]);
    if (flowing && drift) this.drift.setSeries([{ name: "drift", ...drift, color: COLORS.discrete }]);
    this.renderReadout(m, flowing);
  }

  private renderReadout(m: Metrics, flowing: boolean): void {
    const rows = METRICS.filter(([k]) => typeof m[k] === "number" && (flowing || !FLOW_METRICS.has(k)));
    // Each name–value pair in its own div (allowed in a <dl>) so the pairs can flow in a row.
    this.readout.replaceChildren(...rows.map(([k, label]) => h("div", {}, h("dt", {}, label), h("dd", { "data-metric": k }, formatMetric(k, m[k] as number)))));
  }

  destroy(): void {
    for (const p of [this.degree, this.points, this.taylor, this.energy, this.drift]) p.destroy();
  }
}
