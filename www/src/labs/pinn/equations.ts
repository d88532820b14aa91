// The five equations of the lab: short names for the picker, which family each belongs to, and
// the names of the network's inputs (for the slice axis). The picker is a row of buttons that
// sets the `equation` parameter as if it had been chosen in the form.
import type { ParamSpec, Snapshot } from "../../core/api";
import type { Params } from "../../core/protocol";
import { h } from "../../ui/dom";
import type { ViewContext } from "../../views/types";

export type Family = "fte" | "bhe" | "burgers";

export interface Equation {
  id: string;
  /** button text (the formula's label spells the name out; the button's title is the schema's) */
  short: string;
  family: Family;
}

export const EQUATIONS: readonly Equation[] = [
  { id: "fte-linear", short: "FTE linear", family: "fte" },
  { id: "fte-spectrum15", short: "FTE spectrum15", family: "fte" },
  { id: "bhe-delta", short: "BHE delta", family: "bhe" },
  { id: "bhe-moderate", short: "BHE moderate", family: "bhe" },
  { id: "burgers", short: "Burgers (classical)", family: "burgers" },
];

export function familyOf(equation: unknown): Family | null {
  return EQUATIONS.find((e) => e.id === equation)?.family ?? null;
}

/**
 * The family the snapshot was computed for. Burgers is the one with fields; an FDE snapshot
 * during a restart to Burgers (the form is already ahead) is told apart by its equation.
 */
export function snapshotFamily(s: Snapshot, params: Params): Family {
  if (s.arrays.field_pred) return "burgers";
  const f = familyOf(params.equation);
  if (f === "fte" || f === "bhe") return f;
  return /\\tau/.test(s.texts.equation_latex ?? "") ? "bhe" : "fte";
}

/** The unknown's letter: J (transport), W (Burgers–Hopf), u (Burgers). */
export const UNKNOWN: Record<Family, string> = { fte: "J", bhe: "W", burgers: "u" };

/** Name of input i as the lab writes it (mirrors Problem::axis_name in crate/src/pinn/problem.rs):
 *  0 is time, i ≥ 1 the coefficient a_{i−1} (Burgers–Hopf: scaled by its sampling range c). */
export function axisName(family: Family, i: number): string {
  if (family === "burgers") return i === 0 ? "t" : "x";
  if (i === 0) return family === "fte" ? "t" : "τ/T";
  return family === "fte" ? `a_${i - 1}` : `a_${i - 1} / c_${i - 1}`;
}

const SUB: Record<string, string> = { "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉" };

/** "a_12 / c_12" → "a₁₂ / c₁₂": axis labels on canvas cannot typeset. */
export function plainAxis(label: string): string {
  return label.replace(/_\{?(\d+)\}?/g, (_, d: string) => [...d].map((c) => SUB[c] ?? c).join(""));
}

export class EquationPicker {
  readonly element: HTMLElement;
  private readonly buttons: HTMLButtonElement[];

  constructor(private readonly ctx: ViewContext) {
    const spec: ParamSpec | undefined = ctx.schema.find((s) => s.name === "equation");
    this.buttons = EQUATIONS.map((e) => {
      const i = spec?.choices?.indexOf(e.id) ?? -1;
      const title = (i >= 0 ? spec?.choiceLabels?.[i] : undefined) ?? e.short;
      const b = h("button", { type: "button", class: "btn small equation", "data-equation": e.id, title, "aria-pressed": "false" }, e.short);
      b.addEventListener("click", () => {
        if (this.ctx.params().equation === e.id) return;
        this.ctx.setParams({ equation: e.id });
        // Pressed at once, not when the restarted lab's first snapshot arrives.
        this.mark(e.id);
      });
      return b;
    });
    this.element = h("div", { class: "equation-bar", role: "group", "aria-label": "Equation" }, h("span", { class: "bar-label" }, "Equation"), ...this.buttons);
  }

  mark(equation: unknown): void {
    for (const b of this.buttons) b.setAttribute("aria-pressed", String(b.dataset.equation === equation));
  }
}
