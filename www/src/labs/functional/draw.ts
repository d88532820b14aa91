// Drawing u(x) on the u panel with a mouse, pen or finger (pointer events). On release the stroke
// is resampled on a uniform grid, where it did not reach the current u is kept (blended in, so
// one can redraw a bump), the lab fits a smooth expression to it, and that expression becomes
// the `u` parameter as if typed. Keyboard users have the typed u field; the toggle says so.
import type { LinePlot } from "../../plot/line-plot";
import { h } from "../../ui/dom";
import type { ViewContext } from "../../views/types";

export interface Point {
  x: number;
  y: number;
}

/** Samples sent to the fit, and the basis size asked for: smooth, yet follows a hand-drawn bump. */
export const FIT_SAMPLES = 128;
export const FIT_DEGREE = 12;
/** Beyond the drawn part, the drawing fades into the old u over this share of the domain. */
const BLEND = 0.06;

/** Linear interpolation of (xs, ys) at x, held constant beyond the ends. */
export function interpolate(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number): number {
  const n = Math.min(xs.length, ys.length);
  if (n === 0) return 0;
  if (x <= xs[0]!) return ys[0]!;
  if (x >= xs[n - 1]!) return ys[n - 1]!;
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid;
  }
  const t = (x - xs[lo]!) / (xs[hi]! - xs[lo]! || 1);
  return ys[lo]! + t * (ys[hi]! - ys[lo]!);
}

export interface Resampled {
  x: Float64Array;
  y: Float64Array;
  /** the x-range the stroke covered */
  covered: [number, number];
}

/**
 * The stroke on n uniform points of [a, b] (b left out when periodic). Each stroke segment
 * covers the grid points between its ends (a fast pen skips pixels); points covered more than
 * once (back and forth) get the mean. Points the stroke did not cover take `base` (the current
 * u), blended from the stroke's end value; without a base, the nearest drawn value.
 */
export function resampleStroke(stroke: readonly Point[], domain: [number, number], n: number, periodic = false, base?: (x: number) => number): Resampled | null {
  const [a, b] = domain;
  const pts = stroke.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (pts.length === 0 || !(b > a) || n < 2) return null;
  const intervals = periodic ? n : n - 1;
  const step = (b - a) / intervals;
  const x = Float64Array.from({ length: n }, (_, j) => a + ((b - a) * j) / intervals);
  const sum = new Float64Array(n), count = new Float64Array(n);
  const add = (j: number, y: number) => {
    sum[j]! += y;
    count[j]! += 1;
  };
  const index = (v: number) => (v - a) / step;
  if (pts.length === 1) {
    add(Math.max(0, Math.min(n - 1, Math.round(index(pts[0]!.x)))), pts[0]!.y);
  }
  for (let k = 0; k + 1 < pts.length; k++) {
    const p = pts[k]!, q = pts[k + 1]!;
    const lo = Math.max(0, Math.ceil(index(Math.min(p.x, q.x)) - 1e-9));
    const hi = Math.min(n - 1, Math.floor(index(Math.max(p.x, q.x)) + 1e-9));
    for (let j = lo; j <= hi; j++) {
      const t = q.x === p.x ? 0.5 : (x[j]! - p.x) / (q.x - p.x);
      add(j, p.y + t * (q.y - p.y));
    }
  }
  const drawn = [...count.keys()].filter((j) => count[j]! > 0);
  if (drawn.length === 0) {
    // A short stroke between two grid points: take its mean at the nearest one.
    const mean = pts.reduce((s, p) => s + p.y, 0) / pts.length;
    add(Math.max(0, Math.min(n - 1, Math.round(index(pts[0]!.x)))), mean);
    drawn.push(...[...count.keys()].filter((j) => count[j]! > 0));
  }
  const first = drawn[0]!, last = drawn[drawn.length - 1]!;
  const y = new Float64Array(n);
  const blend = Math.max(1, BLEND * n);
  for (let j = 0; j < n; j++) {
    if (count[j]! > 0) {
      y[j] = sum[j]! / count[j]!;
      continue;
    }
    // Outside the drawn range: the nearest drawn value, faded into the old u. (Segments that
    // share end points cover one unbroken range, so there are no gaps inside it.)
    const edge = j < first ? first : j > last ? last : nearestDrawn(count, j);
    const own = sum[edge]! / count[edge]!;
    if (!base) {
      y[j] = own;
      continue;
    }
    const w = Math.max(0, 1 - Math.abs(j - edge) / blend);
    y[j] = w * own + (1 - w) * base(x[j]!);
  }
  return { x, y, covered: [x[first]!, x[last]!] };
}

function nearestDrawn(count: Float64Array, j: number): number {
  for (let d = 1; d < count.length; d++) {
    if (j - d >= 0 && count[j - d]! > 0) return j - d;
    if (j + d < count.length && count[j + d]! > 0) return j + d;
  }
  return j;
}

export interface DrawHost {
  ctx: ViewContext;
  plot: LinePlot;
  /** the domain and the current u, to fill in what the stroke did not cover */
  current(): { domain: [number, number]; periodic: boolean; x: ArrayLike<number>; u: ArrayLike<number> } | null;
  /** the stroke changed (redraw the u panel); null: none */
  stroke(points: Point[] | null): void;
  /** the fit was applied as this expression */
  fitted(expression: string): void;
}

export class DrawTool {
  readonly toggle: HTMLButtonElement;
  readonly status: HTMLElement;
  private on = false;
  private points: Point[] = [];
  private pointer: number | null = null;

  constructor(private readonly host: DrawHost) {
    this.toggle = h("button", { type: "button", class: "btn small draw-toggle", "aria-pressed": "false", title: "Draw u(x) on the plot with the mouse or a finger; keyboard users can type u(x) in the parameters." }, "Draw u");
    this.status = h("span", { class: "draw-status", role: "status", "aria-live": "polite" });
    this.toggle.addEventListener("click", () => this.setOn(!this.on));
    const c = host.plot.canvas;
    c.addEventListener("pointerdown", (e) => this.down(e));
    c.addEventListener("pointermove", (e) => this.move(e));
    c.addEventListener("pointerup", (e) => void this.up(e));
    c.addEventListener("pointercancel", () => this.cancel());
    // Escape drops a stroke in progress (the canvas never has focus, so listen on the page).
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && this.pointer !== null) this.cancel();
    });
  }

  setOn(on: boolean): void {
    this.on = on;
    this.toggle.setAttribute("aria-pressed", String(on));
    this.host.plot.canvas.classList.toggle("drawing", on);
    // While drawing the y range holds still (and has room above and below the curve).
    const r = this.host.plot.yRange;
    if (on && r) {
      const mid = (r[0] + r[1]) / 2, half = Math.max(1, (r[1] - r[0]) * 0.8);
      this.host.plot.setYDomain([mid - half, mid + half]);
    } else if (!on) {
      this.host.plot.setYDomain(null);
    }
    this.host.plot.draw();
    this.status.textContent = on ? "Drag across the u panel to draw u(x); release to fit." : "";
    if (!on) this.cancel();
  }

  private down(e: PointerEvent): void {
    if (!this.on || e.button !== 0) return;
    const p = this.host.plot.toData(e.clientX, e.clientY);
    if (!p) return;
    e.preventDefault();
    this.pointer = e.pointerId;
    this.host.plot.canvas.setPointerCapture?.(e.pointerId);
    this.points = [p];
    this.host.stroke(this.points);
  }

  private move(e: PointerEvent): void {
    if (this.pointer !== e.pointerId) return;
    // Coalesced events: a fast stroke keeps its shape on a slow frame.
    const events = typeof e.getCoalescedEvents === "function" ? e.getCoalescedEvents() : [];
    for (const ev of events.length ? events : [e]) {
      const p = this.host.plot.toData(ev.clientX, ev.clientY, true);
      if (p) this.points.push(p);
    }
    this.host.stroke(this.points);
  }

  private cancel(): void {
    if (this.pointer === null) return;
    this.pointer = null;
    this.points = [];
    this.host.stroke(null);
  }

  private async up(e: PointerEvent): Promise<void> {
    if (this.pointer !== e.pointerId) return;
    this.pointer = null;
    const cur = this.host.current();
    const stroke = this.points;
    if (!cur || stroke.length < 2) {
      this.host.stroke(null);
      return;
    }
    const base = (x: number) => interpolate(cur.x, cur.u, x);
    const samples = resampleStroke(stroke, cur.domain, FIT_SAMPLES, cur.periodic, base);
    if (!samples) return;
    this.status.textContent = "Fitting a smooth curve to your drawing…";
    try {
      const expression = await this.host.ctx.call<string>("fitDrawnFunction", {
        x: samples.x, y: samples.y, domain: cur.domain, periodic: cur.periodic, degree: FIT_DEGREE,
      });
      // A fit longer than the u field takes would be cut, and a cut formula is a wrong one.
      const max = this.host.ctx.schema.find((p) => p.name === "u")?.maxLength;
      if (max !== undefined && Array.from(expression).length > max) throw new Error(`the fitted formula is longer than the u field's ${max} characters`);
      this.host.fitted(expression);
      this.host.ctx.setParams({ u: expression });
      this.status.textContent = "Fitted a smooth curve to your drawing; u(x) is now that formula (see the u field). Draw again to change it.";
    } catch (err) {
      this.status.textContent = `Could not fit the drawing: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
}
