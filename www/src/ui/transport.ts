// Play / pause / step / reset, speed (steps per frame) and seed. Which of them exist is decided
// by the caller (embed mode shows only those named in `controls`).
import { h } from "./dom";
import { MAX_SEED, type TransportControl } from "./url-state";

export interface TransportHandlers {
  togglePlay(): void;
  step(): void;
  reset(): void;
  setSeed(seed: number): void;
  newSeed(): void;
  setSpeed(stepsPerFrame: number): void;
}

export const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

export class Transport {
  readonly element: HTMLElement;
  private playBtn?: HTMLButtonElement;
  private seedInput?: HTMLInputElement;
  private speedSelect?: HTMLSelectElement;

  constructor(show: Set<TransportControl>, handlers: TransportHandlers) {
    this.element = h("div", { class: "transport", role: "group", "aria-label": "Run controls" });
    const buttons = h("div", { class: "buttons" });
    if (show.has("play")) {
      this.playBtn = h("button", { type: "button", class: "btn primary play", "aria-keyshortcuts": "Space", title: "Play / pause (space)" });
      this.playBtn.addEventListener("click", () => handlers.togglePlay());
      buttons.append(this.playBtn);
      this.setPlaying(false);
    }
    if (show.has("step")) {
      const b = h("button", { type: "button", class: "btn step", "aria-keyshortcuts": "ArrowRight .", title: "One step (→ or .)" }, "Step");
      b.addEventListener("click", () => handlers.step());
      buttons.append(b);
    }
    if (show.has("reset")) {
      const b = h("button", { type: "button", class: "btn reset", "aria-keyshortcuts": "R", title: "Back to step 0 with the same seed (r)" }, "Reset");
      b.addEventListener("click", () => handlers.reset());
      buttons.append(b);
    }
    if (buttons.childElementCount) this.element.append(buttons);

    const extras = h("div", { class: "transport-extras" });
    if (show.has("speed")) {
      const sel = h("select", { id: "speed", class: "speed" });
      for (const s of SPEEDS) sel.append(h("option", { value: s }, String(s)));
      sel.addEventListener("change", () => handlers.setSpeed(Number(sel.value)));
      this.speedSelect = sel;
      extras.append(h("label", { class: "inline", for: "speed" }, "Speed", sel, h("span", { class: "unit" }, "steps/frame")));
    }
    if (show.has("seed")) {
      const input = h("input", { type: "number", id: "seed", class: "num seed", min: 0, max: MAX_SEED, step: 1, inputmode: "numeric" });
      input.addEventListener("change", () => {
        const v = Number(input.value);
        handlers.setSeed(Number.isSafeInteger(v) && v >= 0 ? v : 0);
      });
      const again = h("button", { type: "button", class: "btn small new-seed", title: "Pick a random seed and restart" }, "New seed");
      again.addEventListener("click", () => handlers.newSeed());
      this.seedInput = input;
      extras.append(h("label", { class: "inline", for: "seed" }, "Seed", input), again);
    }
    if (extras.childElementCount) this.element.append(extras);
  }

  setPlaying(playing: boolean): void {
    if (!this.playBtn) return;
    this.playBtn.textContent = playing ? "Pause" : "Play";
    this.playBtn.setAttribute("aria-pressed", String(playing));
    this.playBtn.classList.toggle("playing", playing);
  }

  setSeed(seed: number): void {
    if (this.seedInput) this.seedInput.value = String(seed);
  }

  setSpeed(speed: number): void {
    const sel = this.speedSelect;
    if (!sel) return;
    if (!SPEEDS.includes(speed) && !Array.from(sel.options).some((o) => o.value === String(speed))) {
      sel.append(h("option", { value: speed }, String(speed)));
    }
    sel.value = String(speed);
  }
}

/** A fresh seed that is short enough to read out and type (below 10^9). */
export function randomSeed(): number {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0]! % 1_000_000_000;
}
