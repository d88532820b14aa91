// Over the panels: which target, its definition typeset (a typed log-density as the core read
// it), and, while an edited expression is rejected, the error with the offending characters
// marked, here next to the figure as well as under the field (on a phone the form is far below).
// The panels keep the last good run meanwhile; the header says so.
import type { Params } from "../../core/protocol";
import { h } from "../../ui/dom";
import { spanContext } from "../../ui/form";
import { typeset } from "../../ui/math";

export interface StaleWhere {
  param?: string;
  span?: [number, number];
}

/** The message without the parser's trailing " at a..b" (the marked text shows where). */
export function withoutSpan(message: string, span?: [number, number]): string {
  return span ? message.replace(new RegExp(`\\s+at ${span[0]}\\.\\.${span[1]}\\s*$`), "") : message;
}

export class TargetHeader {
  readonly element: HTMLElement;
  private readonly label = h("p", { class: "formula-label" });
  private readonly formula = h("div", { class: "formula", "data-formula": "target" });
  private readonly staleBox = h("div", { class: "particles-stale", role: "alert", hidden: true });
  private shownTex: string | null = null;

  constructor() {
    this.element = h("div", { class: "particles-target", "aria-label": "The target density" }, this.label, this.formula, this.staleBox);
  }

  show(texts: Record<string, string>): void {
    const name = texts.target ?? "";
    this.label.textContent = name ? `Target: ${name}` : "Target";
    // Typeset only when it changed: snapshots come every frame with the same texts.
    // The core writes each target's definition (crate/src/measure/targets.rs, definition_latex).
    const tex = texts.target_definition ?? "";
    if (tex !== this.shownTex) {
      this.shownTex = tex;
      this.formula.hidden = !tex;
      if (tex) typeset(this.formula, tex);
    }
  }

  /** Shows why the last edit was not applied (null: it was). */
  stale(reason: string | null, where: StaleWhere | undefined, params: Params): void {
    this.element.classList.toggle("stale", reason !== null);
    this.staleBox.hidden = reason === null;
    if (reason === null) {
      this.staleBox.replaceChildren();
      return;
    }
    const text = where?.param ? params[where.param] : undefined;
    const context = where?.span && typeof text === "string" ? spanContext(text, where.span) : null;
    this.staleBox.replaceChildren(h("p", { class: "stale-message" }, withoutSpan(reason, where?.span)));
    if (context) this.staleBox.append(context);
    this.staleBox.append(h("p", { class: "stale-note" }, "Not applied: the panels show the last valid run until the expression parses."));
  }
}
