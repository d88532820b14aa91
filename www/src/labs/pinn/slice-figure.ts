// The FDEs' main figure: the solution along one input coordinate, the others held at one test
// point, exact against the network; under it the difference, which stays readable once the two
// curves coincide on the upper plot. A select picks the coordinate (the lab's `slice_axis`).
import type { Snapshot } from "../../core/api";
import { LinePlot } from "../../plot/line-plot";
import { h } from "../../ui/dom";
import type { ViewContext } from "../../views/types";
import { COLORS } from "./colors";
import { axisName, plainAxis, UNKNOWN, type Family } from "./equations";

const EMPTY = new Float64Array(0);

/** Options of the slice-axis select: every input of the network, time first. */
export function sliceOptions(family: Family, dIn: number): { value: number; label: string }[] {
  const n = Number.isFinite(dIn) && dIn > 0 ? Math.floor(dIn) : 0;
  return Array.from({ length: n }, (_, i) => ({ value: i, label: plainAxis(axisName(family, i)) }));
}

/** Pointwise prediction − exact (NaN where either is missing). */
export function difference(pred: ArrayLike<number>, exact: ArrayLike<number>): Float64Array {
  const n = Math.min(pred.length, exact.length);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = pred[i]! - exact[i]!;
  return d;
}

export class SliceFigure {
  readonly element: HTMLElement;
  readonly plot: LinePlot;
  readonly diff: LinePlot;
  private readonly select: HTMLSelectElement;
  private readonly caption = h("p", { class: "figure-caption" });
  private optionsKey = "";

  constructor(private readonly ctx: ViewContext) {
    this.plot = new LinePlot({ title: "Slice", xLabel: "", yLabel: "", legend: "names", height: 270, label: "The solution along one input: exact and the network's prediction" });
    // No y title: the plot's title names the quantity, and its tick labels need the room.
    this.diff = new LinePlot({ title: "Network − exact", xLabel: "", yLabel: "", legend: "none", height: 130, label: "The network's error along the same slice" });
    this.select = h("select", { id: "slice-axis", class: "slice-axis" });
    this.select.addEventListener("change", () => this.ctx.setParams({ slice_axis: Number(this.select.value) }));
    const tools = h("div", { class: "figure-tools" },
      h("label", { class: "inline", for: "slice-axis" }, "Slice along", this.select),
      h("span", { class: "tool-note" }, "(a new slice restarts the training)"));
    this.element = h("div", { class: "slice-figure" }, tools, this.plot.element, this.diff.element, this.caption);
  }

  update(s: Snapshot, family: Family): void {
    const v = s.values;
    const axis = Number.isFinite(v.slice_axis) ? v.slice_axis! : 0;
    this.setOptions(family, v.d_in ?? 0);
    this.select.value = String(axis);
    const x = s.arrays.slice_x?.data ?? EMPTY;
    const pred = s.arrays.slice_pred?.data ?? EMPTY;
    const exact = s.arrays.slice_exact?.data ?? EMPTY;
    const name = plainAxis(s.texts.slice_label || axisName(family, axis));
    const u = UNKNOWN[family];
    const domain: [number, number] | null = Number.isFinite(v.slice_lo) && Number.isFinite(v.slice_hi) && v.slice_hi! > v.slice_lo! ? [v.slice_lo!, v.slice_hi!] : null;
    this.plot.setTitle(`${u} along ${name}`);
    this.plot.setAxisLabels(name, u);
    this.plot.setXDomain(domain);
    this.plot.setSeries([
      { name: "exact", x, y: exact, color: COLORS.exact, width: 4, alpha: 0.45 },
      { name: "network", x, y: pred, color: COLORS.prediction, style: "dashed", width: 2 },
    ]);
    this.diff.setAxisLabels(name, "");
    this.diff.setXDomain(domain);
    this.diff.setSeries([{ name: "network − exact", x, y: difference(pred, exact), color: COLORS.prediction, width: 1.5 }]);
    const others = Math.max(0, (v.d_in ?? 1) - 1);
    this.caption.replaceChildren(
      `${u} along ${name} ∈ [${formatEnd(domain?.[0])}, ${formatEnd(domain?.[1])}], the other ${others} inputs held at one point of the test set (inputs normalized to their box). `,
      h("strong", {}, "Wide pale line"), ": the exact solution; ",
      h("strong", {}, "dashed"), `: the network, at its last evaluation (step ${(v.eval_step ?? 0).toLocaleString("en-US")}). `,
      "Below: their difference on its own scale.",
    );
  }

  private setOptions(family: Family, dIn: number): void {
    const key = `${family}:${dIn}`;
    if (key === this.optionsKey) return;
    this.optionsKey = key;
    this.select.replaceChildren(...sliceOptions(family, dIn).map((o) => h("option", { value: o.value }, o.label)));
  }

  destroy(): void {
    this.plot.destroy();
    this.diff.destroy();
  }
}

const formatEnd = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? "–" : String(v).replace("-", "−"));
