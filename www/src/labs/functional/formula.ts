// The functional and its derivative, typeset: F[u] = ∫_a^b L dx, L = …, δF/δu = … . KaTeX runs
// through ui/math (trust off, errors drawn in place, CSS and fonts bundled).
import { typeset } from "../../ui/math";
import { formatValue } from "../../plot/ticks";
import { h } from "../../ui/dom";

export interface FormulaTex {
  functional: string;
  lagrangian: string;
  derivative: string;
}

/** A number as TeX (−1.5e-3 → -1.50\times10^{-3}). */
export function texNumber(v: number): string {
  const t = formatValue(v);
  const m = /^(-?[\d.]+)e([+-]?\d+)$/.exec(t);
  return m ? `${m[1]}\\times 10^{${Number(m[2])}}` : t.replace(/,/g, "{,}");
}

export function formulaTex(texts: Record<string, string>, a: number, b: number): FormulaTex {
  return {
    functional: `F[u] = \\int_{${texNumber(a)}}^{${texNumber(b)}} L\\,dx`,
    lagrangian: `L = ${texts.lagrangian_latex || "\\text{–}"}`,
    derivative: `\\frac{\\delta F}{\\delta u} = ${texts.derivative_latex || "\\text{–}"}`,
  };
}

export class FormulaPanel {
  readonly element: HTMLElement;
  private readonly lines: Record<keyof FormulaTex, HTMLElement>;
  private readonly staleNote: HTMLElement;
  private shown: FormulaTex | null = null;

  constructor() {
    const line = (name: keyof FormulaTex) => h("div", { class: `formula formula-${name}`, "data-formula": name });
    this.lines = { functional: line("functional"), lagrangian: line("lagrangian"), derivative: line("derivative") };
    this.staleNote = h("p", { class: "formula-stale", role: "status", hidden: true });
    this.element = h("div", { class: "formulas", "aria-label": "The functional and its derivative" },
      this.lines.functional, this.lines.lagrangian, this.lines.derivative, this.staleNote);
  }

  /** Typesets what changed (a running flow sends the same formulas every frame). */
  show(tex: FormulaTex, plain: string): void {
    for (const k of Object.keys(this.lines) as (keyof FormulaTex)[]) {
      if (this.shown?.[k] === tex[k]) continue;
      typeset(this.lines[k], tex[k]);
    }
    // The plain-text form for tooltips and copying.
    this.lines.derivative.title = plain ? `δF/δu = ${plain}` : "";
    this.shown = tex;
  }

  /** Dims the formulas while the last typed parameters are rejected. */
  stale(reason: string | null): void {
    this.element.classList.toggle("stale", reason !== null);
    this.staleNote.hidden = reason === null;
    this.staleNote.textContent = reason === null ? "" : "Showing the last valid functional: fix the highlighted field to update it.";
  }
}

// Notes with inline $…$ math are typeset by ui/math; re-exported for the lab's other panels.
export { renderMathText } from "../../ui/math";
