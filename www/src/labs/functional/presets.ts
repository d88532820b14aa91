// One-click settings: a row of buttons from the lab's `functionalPresets()`. A click applies the
// preset's parameters as if they had been typed; the button of the preset the form matches now
// is shown pressed, so a link or a hand-typed setting that equals a preset is recognised too.
import type { FunctionalPreset, ParamSpec } from "../../core/api";
import type { Params } from "../../core/protocol";
import { h } from "../../ui/dom";
import type { ViewContext } from "../../views/types";

/** The preset's values for parameters this lab has (others are dropped, not sent). */
export function presetParams(preset: FunctionalPreset, schema: ParamSpec[]): Params {
  const names = new Set(schema.map((s) => s.name));
  return Object.fromEntries(Object.entries(preset.params).filter(([k]) => names.has(k)));
}

/** Whether every value the preset sets equals the current one (numbers within rounding). */
export function matchesPreset(params: Params, preset: FunctionalPreset): boolean {
  return Object.entries(preset.params).every(([k, v]) => {
    const cur = params[k];
    if (typeof v === "number" && typeof cur === "number") return Math.abs(v - cur) <= 1e-12 * Math.max(1, Math.abs(v));
    return String(cur).trim() === String(v).trim();
  });
}

export class PresetBar {
  readonly element: HTMLElement;
  private presets: FunctionalPreset[] = [];
  private buttons: HTMLButtonElement[] = [];

  constructor(private readonly ctx: ViewContext) {
    this.element = h("div", { class: "presets", role: "group", "aria-label": "Presets", hidden: true });
  }

  /** Asks the worker for the presets and shows them; without them the bar stays hidden. */
  async load(): Promise<void> {
    try {
      this.presets = await this.ctx.call<FunctionalPreset[]>("functionalPresets");
    } catch {
      // An older module without presets: the form alone still does everything.
      this.presets = [];
    }
    this.buttons = this.presets.map((p) => {
      const b = h("button", { type: "button", class: "btn small preset", "data-preset": p.id, title: p.description, "aria-pressed": "false" }, p.title);
      b.addEventListener("click", () => {
        this.ctx.setParams(presetParams(p, this.ctx.schema));
        // Pressed at once, not when the restarted lab's first snapshot arrives.
        this.mark(this.ctx.params());
      });
      return b;
    });
    this.element.replaceChildren(h("span", { class: "presets-label" }, "Try"), ...this.buttons);
    this.element.hidden = this.presets.length === 0;
    this.mark(this.ctx.params());
  }

  /** Shows the preset that the current parameters equal (at most one) as pressed. */
  mark(params: Params): void {
    let found = false;
    this.presets.forEach((p, i) => {
      const on = !found && matchesPreset(params, p);
      found ||= on;
      this.buttons[i]?.setAttribute("aria-pressed", String(on));
    });
  }
}
