// The functional-derivative lab: presets and the typeset functional on top, u(x) and δF/δu by
// three methods in the main figure (draw u there), the convergence plots, the Taylor test and,
// while a flow runs, the energy and its drift beside it.
import type { Metrics, Snapshot } from "../../core/api";
import type { Params } from "../../core/protocol";
import { h } from "../../ui/dom";
import type { CreateView } from "../../views/types";
import { MainFigure, plotDomain } from "./figure";
import { FormulaPanel, formulaTex } from "./formula";
import { Multiples } from "./multiples";
import { PresetBar } from "./presets";
import "./functional.css";

/** The settings the snapshot was computed with: the form's, overridden by what the lab reports
 *  about itself (a, b, m), which stay right while an edit of them is rejected. */
export function runParams(s: Snapshot, form: Params): Params {
  const out = { ...form };
  for (const k of ["a", "b", "degree"]) {
    const v = s.values[k];
    if (v !== undefined && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/** Every parameter of `names` matters, except the flow's time step while no flow is chosen. */
export function relevantParams(params: Params, names: string[]): string[] | null {
  return params.flow === "none" ? names.filter((n) => n !== "dt") : null;
}

export const createView: CreateView = (ctx) => {
  const presets = new PresetBar(ctx);
  const formulas = new FormulaPanel();
  const main = new MainFigure(ctx);
  const multiples = new Multiples();
  const figure = h("div", { class: "figure functional" }, presets.element, formulas.element, main.element);
  void presets.load();

  return {
    figure,
    plots: multiples.element,
    layout: "wide",
    relevantParams: (params) => relevantParams(params, ctx.schema.map((p) => p.name)),
    update(s: Snapshot, m: Metrics) {
      const form = ctx.params();
      presets.mark(form);
      const params = runParams(s, form);
      // The integral's limits follow the grid drawn, so they always match the figure.
      const [a, b] = plotDomain(s.arrays.x?.data ?? [], params);
      formulas.show(formulaTex(s.texts, a, b), s.texts.derivative_text ?? "");
      main.update(s, params);
      const flowing = params.flow !== undefined && params.flow !== "none";
      multiples.update(s, m, flowing, Number(params.degree));
    },
    stale(reason) {
      formulas.stale(reason);
    },
    destroy() {
      main.destroy();
      multiples.destroy();
    },
  };
};
