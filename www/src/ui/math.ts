// KaTeX for every lab: display formulas and notes with inline $…$ math. The LaTeX comes from the
// labs (derived from what people typed, or fixed texts), so KaTeX runs with trust off (no \href,
// no \includegraphics) and draws errors in place rather than throwing. KaTeX builds DOM nodes
// itself; nothing here parses HTML. Its CSS and fonts are bundled from the npm package, so the
// formulas render offline and under the page's CSP (fonts and styles from 'self').
import katex from "katex";
import "katex/dist/katex.min.css";
import { h } from "./dom";

export const KATEX_OPTIONS = { displayMode: true, throwOnError: false, trust: false, strict: "ignore", maxSize: 20, maxExpand: 200, output: "htmlAndMathml" } as const;

/** Typesets `tex` into `el` (display or inline); where KaTeX cannot run (quirks mode), the TeX. */
export function typeset(el: HTMLElement, tex: string, display = true): void {
  try {
    katex.render(tex, el, { ...KATEX_OPTIONS, displayMode: display });
  } catch {
    el.textContent = tex;
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
    typeset(span, part, false);
    el.append(span);
  });
}
