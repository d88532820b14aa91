// The numbers row over the small multiples: the current loss and test errors, how far and how
// fast training has gone, where it runs and how big the network is. Pure formatting, tested.
import type { Metrics } from "../../core/api";
import { h } from "../../ui/dom";
import { formatMetric } from "../../ui/metric-format";

export const READOUT: readonly [string, string][] = [
  ["loss", "Loss"],
  ["rel_l1", "Rel. L1 error"],
  ["rel_l1_max", "Worst rel. error"],
  ["rel_l2", "Rel. L2 error"],
  ["steps", "Steps"],
  ["steps_per_second", "Steps/s"],
  ["device", "Device"],
  ["num_params", "Parameters"],
];

/** One metric as shown (ui/metric-format.ts, shared with the other labs' read-outs). */
export const formatReadout = formatMetric;

export class Readout {
  readonly element: HTMLElement = h("dl", { class: "readout pinn-readout", "aria-label": "Numbers" });
  private readonly cells = new Map<string, HTMLElement>();

  constructor() {
    // Each name–value pair in its own div (allowed in a <dl>) so the pairs can flow in a row.
    for (const [k, label] of READOUT) {
      const dd = h("dd", { "data-metric": k }, "–");
      this.cells.set(k, dd);
      this.element.append(h("div", {}, h("dt", {}, label), dd));
    }
  }

  update(m: Metrics): void {
    // Text only changes, never the structure: a screen reader's place in the row is kept.
    for (const [k, dd] of this.cells) {
      const t = formatReadout(k, m);
      if (dd.textContent !== t) dd.textContent = t;
    }
  }
}
