// The PINN lab: pick an equation, read it and its exact solution typeset, press Play and watch a
// network train in the worker. The main figure compares the network with the exact solution (a
// slice for the FDEs; heatmaps and slices for Burgers); the small multiples show the loss and the
// test errors growing with every frame, and the degree study.
import type { Metrics, Snapshot } from "../../core/api";
import { h } from "../../ui/dom";
import type { CreateView } from "../../views/types";
import { BurgersFigure } from "./burgers-figure";
import { EquationPicker, snapshotFamily, type Family } from "./equations";
import { evalKey } from "./eval-key";
import { FormulaBlock, formulaLabels, formulaTexts } from "./formulas";
import { Multiples } from "./multiples";
import { relevantParams } from "./relevant";
import { SliceFigure } from "./slice-figure";
import "./pinn.css";

/** Steps per frame asked of the worker when the URL names no speed: as many as fit in its frame
 *  budget (one step of the default network takes a fraction of a millisecond). */
export const PINN_SPEED = 1000;

export const createView: CreateView = (ctx) => {
  const picker = new EquationPicker(ctx);
  const formulas = new FormulaBlock();
  // Both figures exist from the start; the snapshot decides which one is shown.
  const slice = new SliceFigure(ctx);
  const burgers = new BurgersFigure();
  const main = h("div", { class: "pinn-main" }, slice.element, burgers.element);
  const multiples = new Multiples(ctx);
  const figure = h("div", { class: "figure pinn" }, picker.element, formulas.element, main);
  picker.mark(ctx.params().equation);
  let shown: Family | null = null;
  let drawn = "";

  return {
    figure,
    plots: multiples.element,
    layout: "wide",
    speed: PINN_SPEED,
    relevantParams,
    update(s: Snapshot, m: Metrics) {
      const params = ctx.params();
      picker.mark(params.equation);
      const family = snapshotFamily(s, params);
      formulas.show(formulaTexts(s.texts), formulaLabels(family, s.values.degree));
      if (family !== shown) {
        slice.element.hidden = family === "burgers";
        burgers.element.hidden = family !== "burgers";
        figure.dataset.family = family;
        shown = family;
        drawn = "";
      }
      // The main figure changes at evaluations only; the curves below grow every frame.
      const key = evalKey(s);
      if (key !== drawn) {
        if (family === "burgers") burgers.update(s);
        else slice.update(s, family);
        drawn = key;
      }
      multiples.update(s, m, family);
    },
    stale(reason) {
      formulas.stale(reason);
    },
    destroy() {
      slice.destroy();
      burgers.destroy();
      multiples.destroy();
    },
  };
};
