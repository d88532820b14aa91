// The numbers: a table with one row per metric and one column per run (headed by the algorithm in
// its colour), and the run's pace and device under it. Every cell carries `data-metric` with the
// lab's metric name (`mmd`, `mmd_b`, …), which the tests read.
import type { Metrics } from "../../core/api";
import { h } from "../../ui/dom";
import { formatMetric } from "../../ui/metric-format";
import type { Run } from "./runs";

export const ROWS: readonly [string, string][] = [
  ["mmd", "MMD"],
  ["ksd", "KSD"],
  ["mean_error", "Mean error"],
  ["cov_error", "Covariance error"],
  ["free_energy", "F(μ)"],
  ["bandwidth", "Bandwidth h"],
  ["acceptance", "Acceptance"],
];

export const RUN_FACTS: readonly [string, string][] = [
  ["steps", "Steps"],
  ["steps_per_second", "Steps/s"],
  ["device", "Device"],
];

/** Rows worth a line: a metric some run reports as a finite number (acceptance is MALA's only,
 *  the bandwidth NaN for Langevin). */
export function rowsFor(m: Metrics, runs: readonly Run[]): [string, string][] {
  return ROWS.filter(([k]) => runs.some((r) => Number.isFinite(m[`${k}${r.suffix}`])));
}

export class Readout {
  readonly element: HTMLElement;
  private readonly table = h("table", { class: "particles-readout" });
  private readonly facts = h("dl", { class: "readout particles-facts", "aria-label": "Run" });
  private shape = "";

  constructor() {
    this.element = h("div", { class: "particles-numbers" }, this.table, this.facts);
    for (const [k, label] of RUN_FACTS) this.facts.append(h("div", {}, h("dt", {}, label), h("dd", { "data-metric": k }, "–")));
  }

  update(m: Metrics, runs: readonly Run[]): void {
    const rows = rowsFor(m, runs);
    // The structure changes only with the runs or the rows; otherwise only the texts do, which
    // keeps a screen reader's place.
    const shape = JSON.stringify([runs.map((r) => r.name), rows]);
    if (shape !== this.shape) {
      this.shape = shape;
      const head = h("tr", {}, h("th", { scope: "col" }, "Metric"),
        ...runs.map((r) => h("th", { scope: "col" }, h("span", { class: "run-swatch", style: `--c:${r.color}`, "aria-hidden": "true" }), r.name)));
      this.table.replaceChildren(h("thead", {}, head), h("tbody", {}, ...rows.map(([k, label]) =>
        h("tr", {}, h("th", { scope: "row" }, label), ...runs.map((r) => h("td", { "data-metric": `${k}${r.suffix}` }, "–"))))));
    }
    for (const cell of this.element.querySelectorAll<HTMLElement>("[data-metric]")) {
      const t = formatMetric(cell.dataset.metric!, m);
      if (cell.textContent !== t) cell.textContent = t;
    }
  }
}
