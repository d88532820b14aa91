// Viscous Burgers' main figure, laid out as in Raissi et al.'s PINN paper: u(t, x) of the network
// and of the Cole–Hopf reference as heatmaps with t along the horizontal axis (one shared colour
// range, so equal colours mean equal values), their difference on a diverging map (white = no
// error), and below, the solution at t = 0.25, 0.5, 0.75, marked by dashed lines in the heatmaps.
import type { Snapshot, SnapshotArray } from "../../core/api";
import { colorDomain } from "../../plot/colormap";
import { Heatmap, type Field } from "../../plot/heatmap";
import { LinePlot } from "../../plot/line-plot";
import { formatValue } from "../../plot/ticks";
import { h } from "../../ui/dom";
import { COLORS } from "./colors";

const EMPTY = new Float64Array(0);
const DEFAULT_TIMES = [0.25, 0.5, 0.75];

/** A [nt, nx] snapshot array as a heatmap field: rows are times (along x), columns positions. */
export function burgersField(a: SnapshotArray | undefined, xRange: [number, number]): Field | null {
  if (!a || a.shape.length !== 2) return null;
  const [rows, cols] = a.shape as [number, number];
  if (!(rows > 1 && cols > 1) || a.data.length < rows * cols) return null;
  return { values: a.data, rows, cols, rowsAlong: "x", x: [0, 1], y: xRange };
}

/** Row k of a [k, n] array (a slice at one time). */
export function row(a: SnapshotArray | undefined, k: number): ArrayLike<number> {
  if (!a || a.shape.length !== 2) return EMPTY;
  const n = a.shape[1]!;
  return a.data.subarray(k * n, (k + 1) * n);
}

/** Largest |value| of an array (the error's size, for the caption). */
export function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i]!)) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

export class BurgersFigure {
  readonly element: HTMLElement;
  readonly pred = new Heatmap({ title: "Network u(t, x)", xLabel: "t", yLabel: "x", colormap: "sequential", label: "Heatmap of the network's u over t and x" });
  readonly exact = new Heatmap({ title: "Reference u(t, x)", xLabel: "t", yLabel: "x", colormap: "sequential", label: "Heatmap of the Cole–Hopf reference u over t and x" });
  readonly error = new Heatmap({ title: "Network − reference", xLabel: "t", yLabel: "x", colormap: "diverging", label: "Heatmap of the network's error over t and x" });
  readonly slices: LinePlot[];
  private readonly caption = h("p", { class: "figure-caption" });

  constructor() {
    // One legend for the three (the same two lines in each).
    this.slices = DEFAULT_TIMES.map((t, k) => new LinePlot({ title: `t = ${t}`, xLabel: "x", yLabel: "u", legend: k === 0 ? "names" : "none", height: 180, label: `u against x at t = ${t}: reference and network` }));
    this.element = h("div", { class: "burgers-figure" },
      h("div", { class: "heatmaps" }, this.pred.element, this.exact.element, this.error.element),
      h("div", { class: "burgers-slices" }, ...this.slices.map((p) => p.element)),
      this.caption);
  }

  update(s: Snapshot): void {
    const v = s.values;
    const xr: [number, number] = [v.x_min ?? -1, v.x_max ?? 1];
    const times = Array.from(s.arrays.slice_times?.data ?? DEFAULT_TIMES);
    const fp = burgersField(s.arrays.field_pred, xr);
    const fe = burgersField(s.arrays.field_exact, xr);
    const ferr = burgersField(s.arrays.field_error, xr);
    // The reference's range for both fields: an untrained network's excursions are clipped
    // rather than washing out the picture it is being compared with.
    const range = fe ? colorDomain(fe.values, "sequential") : null;
    for (const [map, f, dom] of [[this.pred, fp, range], [this.exact, fe, range], [this.error, ferr, null]] as const) {
      map.setMarks(times);
      if (f) map.setField(f, dom);
    }
    const worst = ferr ? maxAbs(ferr.values) : NaN;
    this.error.setCaption(Number.isFinite(worst) ? `max |error| = ${formatValue(worst)}` : "");
    const x = s.arrays.slice_x?.data ?? EMPTY;
    this.slices.forEach((p, k) => {
      p.setTitle(`t = ${times[k] ?? DEFAULT_TIMES[k]}`);
      p.setSeries([
        { name: "reference", x, y: row(s.arrays.slice_exact, k), color: COLORS.exact, width: 4, alpha: 0.45 },
        { name: "network", x, y: row(s.arrays.slice_pred, k), color: COLORS.prediction, style: "dashed", width: 2 },
      ]);
    });
    this.caption.replaceChildren(
      "u(t, x) on a 101 × 201 grid, t across, x up; both fields share the reference's colour range. ",
      "The shock that forms at x = 0 is where a PINN struggles: the error map shows it first. ",
      h("strong", {}, "Below"), ": the dashed cuts, reference wide and pale, the network dashed ",
      `(last evaluation at step ${(v.eval_step ?? 0).toLocaleString("en-US")}).`,
    );
  }

  destroy(): void {
    for (const m of [this.pred, this.exact, this.error]) m.destroy();
    for (const p of this.slices) p.destroy();
  }
}
