// What is being solved, typeset: the equation, its exact (or reference) solution, how the initial
// and boundary conditions enter the training, and in small print where the passes run and how the
// errors are measured. All texts come from the lab's snapshot; KaTeX runs with trust off.
import { h } from "../../ui/dom";
import { renderMathText, typeset } from "../../ui/math";
import type { Family } from "./equations";

export interface FormulaTexts {
  equation: string;
  exact: string;
  condition: string;
  device: string;
  eval: string;
}

export function formulaTexts(texts: Record<string, string>): FormulaTexts {
  return {
    equation: texts.equation_latex ?? "",
    exact: texts.exact_latex ?? "",
    condition: texts.condition_note ?? "",
    device: texts.device_note ?? "",
    eval: texts.eval_note ?? "",
  };
}

/** The label over each formula: the FDEs are PDEs only after the cylindrical approximation. */
export function formulaLabels(family: Family, degree: number | undefined): { equation: string; exact: string } {
  if (family === "burgers") return { equation: "Viscous Burgers, a classical PINN for comparison", exact: "Reference solution (Cole–Hopf)" };
  const basis = family === "fte" ? "Legendre" : "Fourier";
  const d = degree !== undefined && Number.isFinite(degree) ? `D = ${degree}` : "D";
  const name = family === "fte" ? "Functional transport equation (FTE)" : "Burgers–Hopf equation (BHE)";
  return { equation: `${name}, after the cylindrical approximation (${d} ${basis} coefficients aₖ)`, exact: "Exact solution" };
}

export class FormulaBlock {
  readonly element: HTMLElement;
  private readonly equationLabel = h("p", { class: "formula-label" });
  private readonly exactLabel = h("p", { class: "formula-label" });
  private readonly equation = h("div", { class: "formula", "data-formula": "equation" });
  private readonly exact = h("div", { class: "formula", "data-formula": "exact" });
  private readonly condition = h("p", { class: "condition-note" });
  private readonly smallPrint = h("p", { class: "small-print" });
  private readonly staleNote = h("p", { class: "formula-stale", role: "status", hidden: true });
  private shown: FormulaTexts | null = null;

  constructor() {
    this.element = h("div", { class: "pinn-formulas", "aria-label": "The equation and its exact solution" },
      this.equationLabel, this.equation, this.exactLabel, this.exact, this.condition, this.smallPrint, this.staleNote);
  }

  /** Typesets what changed: a running lab sends the same texts with every frame. */
  show(t: FormulaTexts, labels: { equation: string; exact: string }): void {
    this.equationLabel.textContent = labels.equation;
    this.exactLabel.textContent = labels.exact;
    const s = this.shown;
    if (s?.equation !== t.equation) typeset(this.equation, t.equation || "\\text{–}");
    if (s?.exact !== t.exact) typeset(this.exact, t.exact || "\\text{–}");
    if (s?.condition !== t.condition) renderMathText(this.condition, t.condition);
    // Which device ran the passes, then how the errors are measured (its step changes).
    if (s?.device !== t.device || s?.eval !== t.eval) this.smallPrint.textContent = [t.device, t.eval].filter(Boolean).join(" ");
    this.shown = t;
  }

  /** Dims the block while the last edited parameters are rejected. */
  stale(reason: string | null): void {
    this.element.classList.toggle("stale", reason !== null);
    this.staleNote.hidden = reason === null;
    this.staleNote.textContent = reason === null ? "" : "Showing the last valid run: fix the highlighted field to update it.";
  }
}
