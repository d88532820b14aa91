// The main figure: u(x) on top (where one can draw), δF/δu by the three methods below on the same
// x range, the region outside the measured window shaded, and a caption that says what each
// curve is and why the ends differ.
import type { Snapshot } from "../../core/api";
import type { Params } from "../../core/protocol";
import { LinePlot, type Series } from "../../plot/line-plot";
import { SHADE } from "../../plot/line-plot";
import { formatValue } from "../../plot/ticks";
import { h } from "../../ui/dom";
import type { ViewContext } from "../../views/types";
import { BoundaryPanel } from "./boundary-panel";
import { COLORS } from "./colors";
import { DrawTool, type Point } from "./draw";

export { COLORS } from "./colors";

const EMPTY = new Float64Array(0);

/** The x range to show: the lab's [a, b] when the grid lies in it, else the grid's own. */
export function plotDomain(x: ArrayLike<number>, params: Params): [number, number] {
  const n = x.length;
  if (n === 0) return [0, 1];
  const x0 = x[0]!, xl = x[n - 1]!;
  const a = Number(params.a), b = Number(params.b);
  const tol = 1e-9 * Math.max(1, Math.abs(x0), Math.abs(xl));
  if (Number.isFinite(a) && Number.isFinite(b) && a < b && a <= x0 + tol && b >= xl - tol) return [a, b];
  return xl > x0 ? [x0, xl] : [x0 - 0.5, x0 + 0.5];
}

export class MainFigure {
  readonly element: HTMLElement;
  readonly uPlot: LinePlot;
  readonly dPlot: LinePlot;
  readonly draw: DrawTool;
  private readonly caption: HTMLElement;
  private readonly shadeNote: HTMLElement;
  private readonly boundary = new BoundaryPanel();
  private last: { x: ArrayLike<number>; u: ArrayLike<number>; domain: [number, number]; periodic: boolean } | null = null;
  private strokePoints: Point[] | null = null;
  /** the expression the last drawing was fitted to, while it is still the u parameter */
  private fit: string | null = null;
  private uSeries: Series[] = [];

  constructor(ctx: ViewContext) {
    this.uPlot = new LinePlot({ title: "u(x)", xLabel: "x", yLabel: "u", legend: "names", height: 210, label: "The function u(x); in draw mode, drag across it to draw a new one" });
    this.dPlot = new LinePlot({ title: "δF/δu, three ways", xLabel: "x", yLabel: "δF/δu", legend: "names", height: 280, label: "The functional derivative by the symbolic, discrete and cylindrical methods" });
    this.draw = new DrawTool({
      ctx,
      plot: this.uPlot,
      current: () => this.last,
      stroke: (pts) => {
        this.strokePoints = pts;
        this.drawU();
      },
      fitted: (expr) => (this.fit = expr),
    });
    this.caption = h("p", { class: "figure-caption" });
    this.shadeNote = h("p", { class: "figure-caption shade-note", hidden: true },
      h("span", { class: "shade-swatch", style: `background:${SHADE}`, "aria-hidden": "true" }), " Shaded: outside the window where the errors are measured.");
    const tools = h("div", { class: "draw-tools" }, this.draw.toggle, this.draw.status);
    this.element = h("div", { class: "functional-figure" }, tools, this.uPlot.element, this.dPlot.element, this.shadeNote, this.caption, this.boundary.element);
  }

  update(s: Snapshot, params: Params): void {
    const arr = (name: string) => s.arrays[name]?.data ?? EMPTY;
    const x = arr("x");
    const domain = plotDomain(x, params);
    const periodic = params.boundary === "periodic";
    this.last = { x, u: arr("u"), domain, periodic };
    // A drawing stays on screen beside its fit until u is changed some other way.
    if (this.fit !== null && params.u !== this.fit) {
      this.fit = null;
      this.strokePoints = null;
    }
    // Alone, u needs no legend (the title names it); beside a drawing it does.
    this.uSeries = [{ name: this.fit !== null ? "u(x), fitted to your drawing" : "u(x)", x, y: arr("u"), color: COLORS.u, width: 2, legend: this.fit !== null }];
    this.uPlot.setXDomain(domain);
    this.drawU();

    const lo = s.values.interior_lo, hi = s.values.interior_hi;
    const shaded: [number, number][] = [];
    if (lo !== undefined && Number.isFinite(lo) && lo > domain[0]) shaded.push([domain[0], lo]);
    if (hi !== undefined && Number.isFinite(hi) && hi < domain[1]) shaded.push([hi, domain[1]]);
    this.dPlot.setXDomain(domain);
    this.dPlot.setShading(shaded);
    const raw = arr("d_cylindrical_raw");
    const series: Series[] = [];
    // The discrete gradient spikes at non-periodic ends (boundary terms, by construction): the
    // range follows the symbolic curve and the others inside the measured window; what leaves it
    // is clipped, with arrows on the frame. The raw cylindrical sum has its own panel below.
    const window: [number, number] | undefined = lo !== undefined && hi !== undefined && hi > lo ? [lo, hi] : undefined;
    // Where the methods agree they coincide: the symbolic line wide and pale underneath, the
    // discrete values as rings on it, the cylindrical dashes on top.
    series.push(
      { name: "symbolic", x, y: arr("d_symbolic"), color: COLORS.symbolic, width: 3.5, alpha: 0.55 },
      { name: "discrete", x, y: arr("d_discrete"), color: COLORS.discrete, style: "markers", marker: "ring", fitWindow: window },
      { name: "cylindrical", x, y: arr("d_cylindrical"), color: COLORS.cylindrical, style: "dashed", width: 1.75, fitWindow: window },
    );
    this.dPlot.setSeries(series);
    this.shadeNote.hidden = shaded.length === 0;
    this.renderCaption(params, x.length);
    this.boundary.update(x, periodic ? EMPTY : raw, arr("d_cylindrical"), domain, shaded, s.texts.boundary_note ?? "");
  }

  private drawU(): void {
    const stroke = this.strokePoints;
    const series = [...this.uSeries];
    if (stroke && stroke.length) {
      // Under u, wide and pale like a highlighter: the fit is read against it.
      series[0] = { ...series[0]!, legend: true };
      series.unshift({ name: "your drawing", x: stroke.map((p) => p.x), y: stroke.map((p) => p.y), color: COLORS.stroke, width: 7, alpha: 0.45, fit: false });
    }
    this.uPlot.setSeries(series);
  }

  private renderCaption(params: Params, n: number): void {
    const basis = params.basis === "fourier" ? "Fourier" : "Legendre";
    this.caption.replaceChildren(
      h("strong", {}, "Symbolic"), ": the Euler–Lagrange expression L", h("sub", {}, "u"), " − D", h("sub", {}, "x"), " L", h("sub", {}, "uₓ"), " + D", h("sub", {}, "x"), h("sup", {}, "2"), " L", h("sub", {}, "uₓₓ"), ". ",
      h("strong", {}, "Discrete"), `: the exact gradient of the discretized F on N = ${formatValue(n)} points, divided by the quadrature weights. `,
      h("strong", {}, "Cylindrical"), ": Σ ∂f/∂a", h("sub", {}, "k"), " φ", h("sub", {}, "k"), ` in m = ${String(params.degree ?? "–")} ${basis} functions, boundary terms removed.`,
    );
  }

  destroy(): void {
    this.uPlot.destroy();
    this.dPlot.destroy();
    this.boundary.destroy();
  }
}
