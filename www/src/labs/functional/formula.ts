// The functional and its derivative, typeset: F[u] = ∫_a^b L dx, L = …, δF/δu = … . The LaTeX
// comes from the lab (derived from what the user typed), so KaTeX runs with trust off (no \href,
// no \includegraphics) and errors drawn in place rather than thrown. KaTeX builds DOM nodes
// itself; nothing here parses HTML. Its CSS and fonts are bundled from the npm package, so the
// formulas render offline and under the page's CSP (fonts and styles from 'self').
import katex from "katex";
import "katex/dist/katex.min.css";
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

const OPTIONS = { displayMode: true, throwOnError: false, trust: false, strict: "ignore", maxSize: 20, maxExpand: 200, output: "htmlAndMathml" } as const;

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
      try {
        katex.render(tex[k], this.lines[k], OPTIONS);
      } catch {
        // KaTeX throws only for environments it cannot work in (quirks mode): show the TeX.
        this.lines[k].textContent = tex[k];
      }
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

/**
 * Text with inline math between $…$ (a note from the lab): the math typeset with KaTeX, the rest
 * as text nodes. Text without dollars, or with an unmatched one, is shown as it is.
 */
export function renderMathText(el: HTMLElement, text: string): void {
  el.replaceChildren();
  const parts = text.split(/(?<!\\)\$/);
  if (parts.length < 3 || parts.length % 2 === 0) {
    el.textContent = text;
    return;
  }
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) el.append(part);
      return;
    }
    const span = h("span", { class: "inline-math" });
    try {
      katex.render(part, span, { ...OPTIONS, displayMode: false });
    } catch {
      span.textContent = part;
    }
    el.append(span);
  });
}
