// The small multiples under the figure: the loss terms and the test errors against the step
// (log y, both growing while training runs; the errors with the 10⁻³ target dashed), and the
// degree study (error against D), with the button that starts it.
import type { Curve, Metrics, Snapshot } from "../../core/api";
import { LinePlot, type Series } from "../../plot/line-plot";
import { formatValue } from "../../plot/ticks";
import { h } from "../../ui/dom";
import type { ViewContext } from "../../views/types";
import { COLORS, TARGET_ERROR } from "./colors";
import type { Family } from "./equations";
import { Readout } from "./readout";

const NONE: Curve = { x: new Float64Array(0), y: new Float64Array(0) };

/** The loss terms to plot. With the exact initial form the total is the residual: one line. */
export function lossSeries(c: Snapshot["curves"]): Series[] {
  const split = !!(c.loss_initial || c.loss_boundary);
  const out: Series[] = [{ name: split ? "total" : "loss (residual)", ...(c.loss ?? NONE), color: COLORS.loss, width: split ? 2 : 1.75 }];
  if (split) out.push({ name: "residual", ...(c.loss_residual ?? NONE), color: COLORS.residual, width: 1.25 });
  if (c.loss_initial) out.push({ name: "initial", ...c.loss_initial, color: COLORS.initial, width: 1.25 });
  if (c.loss_boundary) out.push({ name: "boundary", ...c.loss_boundary, color: COLORS.boundary, width: 1.25 });
  return out;
}

/** A horizontal guide at y over the curves' step range (at least [0, 1]). */
export function targetLine(curves: Curve[], y: number): Curve {
  let hi = 1;
  for (const c of curves) if (c.x.length) hi = Math.max(hi, c.x[c.x.length - 1]!);
  return { x: Float64Array.of(0, hi), y: Float64Array.of(y, y) };
}

export function errorSeries(c: Snapshot["curves"]): Series[] {
  const l1 = c.rel_l1 ?? NONE, max = c.rel_l1_max ?? NONE, l2 = c.rel_l2 ?? NONE;
  return [
    // Markers show where the evaluations are while they are few; later they would merge into dots.
    { name: "rel. L1", ...l1, color: COLORS.relL1, style: l1.x.length <= 30 ? "line+markers" : "line", width: 2 },
    { name: "worst", ...max, color: COLORS.relL1Max, width: 1.25 },
    { name: "rel. L2", ...l2, color: COLORS.relL2, width: 1.25 },
    // Part of the range, so the target is always in view; not in the legend (the caption names it).
    { name: "target", ...targetLine([l1, max, l2], TARGET_ERROR), color: COLORS.target, style: "dashed", width: 1.25, legend: false },
  ];
}

/** What the degree study panel says under its plot. */
export function studyCaption(on: boolean, points: number, current: number | undefined, stepsEach: unknown, equation: unknown): string {
  // The degrees of crate/src/pinn/study.rs: every other D up to 20, from 2 where a' lives on a_1.
  const degrees = equation === "fte-linear" ? "D = 2, 4, …, 20" : "D = 1, 3, …, 19, 20";
  if (!on) return `Trains one network per ${degrees} next to the main run, and measures each against the 20-coefficient exact solution: the cylindrical approximation's convergence in D.`;
  const each = typeof stepsEach === "number" ? ` (${stepsEach.toLocaleString("en-US")} steps each)` : "";
  if (current !== undefined && Number.isFinite(current)) return `Training the network for D = ${current}${each}; ${points} done. Runs while Play trains the main network.`;
  return points ? `Done: ${points} degrees${each}, measured against the 20-coefficient solution.` : `Starts with the main run's next step: ${degrees}${each}.`;
}

export class Multiples {
  readonly element: HTMLElement;
  readonly readout = new Readout();
  readonly loss = new LinePlot({ title: "Training loss", xLabel: "step", yLabel: "loss", logY: true, height: 190, label: "Training loss terms against the optimizer step, log scale" });
  readonly errors = new LinePlot({ title: "Test error", xLabel: "step", yLabel: "relative error", logY: true, height: 190, label: "Relative test errors against the optimizer step, log scale, with the 10⁻³ target dashed" });
  readonly study = new LinePlot({ title: "Degree study: error vs D", xLabel: "coefficients D", yLabel: "rel. L1 error", logY: true, legend: "none", height: 190 });
  private readonly studyButton: HTMLButtonElement;
  private readonly studyPanel: HTMLElement;

  constructor(private readonly ctx: ViewContext) {
    // D runs from 1 to 20: the axis is set before the first point arrives.
    this.study.setXDomain([0, 21]);
    this.studyButton = h("button", { type: "button", class: "btn small study-toggle", "aria-pressed": "false" }, "Run the degree study");
    this.studyButton.addEventListener("click", () => {
      const on = this.ctx.params().degree_study === true;
      this.ctx.setParams({ degree_study: !on });
      this.setStudyButton(!on);
    });
    this.studyPanel = h("div", { class: "study-panel" }, this.study.element, this.studyButton);
    const grid = h("div", { class: "plot-grid pinn-multiples" }, this.loss.element, this.errors.element, this.studyPanel);
    this.element = h("div", { class: "plots" }, this.readout.element, grid);
  }

  update(s: Snapshot, m: Metrics, family: Family): void {
    const c = s.curves;
    this.readout.update(m);
    this.loss.setSeries(lossSeries(c));
    this.loss.setCaption(c.loss_initial ? "Means over 10 steps; the conditions enter as penalty terms." : "Means over 10 steps; the conditions hold by construction.");
    this.errors.setSeries(errorSeries(c));
    this.errors.setCaption(`Dashed: the target ${formatValue(TARGET_ERROR)}. On ${formatValue(s.values.test_points ?? NaN)} test points every ${formatValue(s.values.eval_every ?? NaN)} steps.`);

    // The study applies to the FDEs only (the lab says so too).
    this.studyPanel.hidden = family === "burgers";
    const on = this.ctx.params().degree_study === true;
    this.setStudyButton(on);
    const pts = c.degree_study ?? NONE;
    this.study.setSeries([{ name: "rel. L1 vs the 20-coefficient solution", ...pts, color: COLORS.study, style: "line+markers", width: 2 }]);
    this.study.setCaption(studyCaption(on, pts.x.length, s.values.study_degree, this.ctx.params().study_steps, this.ctx.params().equation));
  }

  private setStudyButton(on: boolean): void {
    this.studyButton.setAttribute("aria-pressed", String(on));
    this.studyButton.textContent = on ? "Stop the degree study" : "Run the degree study";
  }

  destroy(): void {
    for (const p of [this.loss, this.errors, this.study]) p.destroy();
  }
}
