// The particle samplers: the target typeset on top; one panel per algorithm (two side by side
// with `compare`, stacked on a phone) showing the target's density, the particles, optionally the
// velocity field, and the marginals against the target's; under them the numbers and the metrics
// over time, each run in its own colour everywhere.
import type { Metrics, Snapshot } from "../../core/api";
import { h } from "../../ui/dom";
import type { CreateView } from "../../views/types";
import { MetricPlots } from "./metric-plots";
import { SamplerPanel } from "./panel";
import { Readout } from "./readout";
import { relevantParams } from "./relevant";
import { runArray, runsOf } from "./runs";
import { TargetHeader } from "./target-header";
import { TargetCache } from "./target-layer";
import "./particles.css";

/** Steps per frame when the URL names no speed: slow enough to watch the default 512 particles
 *  find the target over a few seconds (about 600 steps/s at 60 frames/s); the worker's frame budget
 *  lowers it further where steps are expensive (65 536 particles). */
export const PARTICLES_SPEED = 10;

export const createView: CreateView = (ctx) => {
  const header = new TargetHeader();
  const cache = new TargetCache();
  const panels = [new SamplerPanel(), new SamplerPanel()];
  const readout = new Readout();
  const metrics = new MetricPlots();
  const arrows = h("input", { type: "checkbox", class: "arrows-toggle", id: "particles-arrows" });
  const tools = h("div", { class: "figure-tools particles-tools" },
    h("label", { class: "inline", for: "particles-arrows" }, arrows, "Velocity arrows"),
    key());
  const panelBox = h("div", { class: "particles-panels", "data-count": "1" }, ...panels.map((p) => p.element));
  const caption = h("p", { class: "figure-caption" },
    "Shading: log p, from its peak down to e", h("sup", {}, "−8"), ". Lines: where p falls to e", h("sup", {}, "−1/2"), ", e", h("sup", {}, "−2"), ", e", h("sup", {}, "−9/2"),
    " of its peak (1σ, 2σ, 3σ for a Gaussian). Strips: the particles' histograms (64 bins over the frame) against the target's marginals. ",
    "Arrows: the last step's velocity at every k-th particle (at most 300), the longest capped.");
  const compute = h("p", { class: "small-print particles-compute" });
  const figure = h("div", { class: "figure particles" }, header.element, tools, panelBox, caption, compute);
  const plots = h("div", { class: "plots particles-plots" }, readout.element, metrics.element);
  let last: Snapshot | null = null;

  const drawPanels = (s: Snapshot) => {
    const layer = cache.get(s);
    const runs = runsOf(s);
    panelBox.dataset.count = String(runs.length);
    panels[1]!.element.hidden = runs.length < 2;
    if (!layer) return;
    runs.forEach((run, k) => {
      const points = runArray(s, "points", run);
      if (!points) return;
      const panel = panels[k]!;
      panel.setRun(run, points.shape[0] ?? 0);
      panel.update({
        layer,
        points,
        velocity: runArray(s, "velocity", run),
        arrows: arrows.checked,
        marginalX: runArray(s, "marginal_x", run),
        marginalY: runArray(s, "marginal_y", run),
        targetX: s.arrays.target_marginal_x,
        targetY: s.arrays.target_marginal_y,
      });
    });
  };
  arrows.addEventListener("change", () => last && drawPanels(last));

  return {
    figure,
    plots,
    layout: "wide",
    speed: PARTICLES_SPEED,
    relevantParams,
    update(s: Snapshot, m: Metrics) {
      last = s;
      header.show(s.texts);
      drawPanels(s);
      const runs = runsOf(s);
      readout.update(m, runs);
      metrics.update(s, runs);
      const text = s.texts.compute ? `Computed: ${s.texts.compute}.` : "";
      if (compute.textContent !== text) compute.textContent = text;
    },
    stale(reason, where) {
      header.stale(reason, where, ctx.params());
      panelBox.classList.toggle("stale", reason !== null);
    },
    destroy() {
      for (const p of panels) p.destroy();
      metrics.destroy();
    },
  };
};

/** The key to the marks: what a dot, a dark line and an arrow are. */
function key(): HTMLElement {
  return h("ul", { class: "legend particles-key", "aria-label": "Key" },
    h("li", {}, h("span", { class: "key-dot", "aria-hidden": "true" }), "particles (colour: algorithm)"),
    h("li", {}, h("span", { class: "swatch line", style: "--c:#1d2126;--w:2px", "aria-hidden": "true" }), "target (marginals, level lines)"));
}
