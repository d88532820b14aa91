// A small line plot on canvas: title, DOM legend with the latest values, axes with ticks and
// labels, optional log-y toggle, HiDPI. Long series are reduced to a min/max per pixel column,
// so a curve of 10^6 points costs what one of a few hundred does.
import { h } from "../ui/dom";
import { INK, seriesColor } from "../ui/palette";
import { drawAxes, drawGrid, font, makeScale, plotRect } from "./axes";
import { fitCanvas, onResize } from "./canvas";
import { formatValue, niceDomain } from "./ticks";

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
}

export interface LinePlotOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** offer the log-y toggle (and its initial state) */
  logToggle?: boolean;
  logY?: boolean;
  height?: number;
}

export class LinePlot {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly legend: HTMLElement;
  private readonly note: HTMLElement;
  private series: Series[] = [];
  private logY: boolean;
  private width = 320;
  private readonly stopResize: () => void;

  constructor(private readonly opts: LinePlotOptions) {
    this.logY = !!opts.logY;
    this.canvas = h("canvas", { class: "plot-canvas", role: "img", "aria-label": `${opts.title}: ${opts.yLabel} against ${opts.xLabel}` });
    this.legend = h("ul", { class: "legend" });
    this.note = h("span", { class: "plot-note" });
    const head = h("figcaption", { class: "plot-head" }, h("span", { class: "plot-title" }, opts.title), this.legend);
    if (opts.logToggle) {
      const box = h("input", { type: "checkbox", class: "log-toggle" });
      box.checked = this.logY;
      box.addEventListener("change", () => {
        this.logY = box.checked;
        this.draw();
      });
      head.append(h("label", { class: "toggle" }, box, "log scale"));
    }
    this.element = h("figure", { class: "plot" }, head, this.canvas, this.note);
    this.stopResize = onResize(this.element, (w) => {
      this.width = w;
      this.draw();
    });
  }

  setSeries(series: Series[]): void {
    this.series = series;
    this.renderLegend();
    this.draw();
  }

  destroy(): void {
    this.stopResize();
  }

  private renderLegend(): void {
    // With one series the title names it; the legend then only carries the latest value.
    const single = this.series.length === 1;
    const items = this.series.map((s, i) => {
      const last = s.y.length ? s.y[s.y.length - 1]! : NaN;
      return h(
        "li",
        { title: `latest ${s.name}` },
        h("span", { class: "swatch", style: `background:${s.color ?? seriesColor(i)}` }),
        single ? null : `${s.name} `,
        h("span", { class: "legend-value" }, Number.isNaN(last) ? "–" : formatValue(last)),
      );
    });
    this.legend.replaceChildren(...items);
  }

  draw(): void {
    const height = this.opts.height ?? 170;
    const fit = fitCanvas(this.canvas, this.width, height);
    if (!fit) return;
    const { ctx } = fit;
    ctx.clearRect(0, 0, this.width, height);
    const r = plotRect(this.width, height);

    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    let anyNonPositive = false;
    for (const s of this.series) {
      for (let i = 0; i < s.y.length; i++) {
        const x = s.x[i]!, y = s.y[i]!;
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        if (this.logY && y <= 0) {
          anyNonPositive = true;
          continue;
        }
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
    this.note.textContent = this.logY && anyNonPositive ? "values ≤ 0 are left out on the log scale" : "";
    if (!Number.isFinite(x0)) {
      x0 = 0;
      x1 = 1;
      y0 = this.logY ? 0.1 : 0;
      y1 = 1;
    }
    if (x1 <= x0) x1 = x0 + 1;
    let yDomain: [number, number];
    if (this.logY) {
      const pad = y1 > y0 ? Math.pow(y1 / y0, 0.06) : 2;
      yDomain = [y0 / pad, y1 * pad];
    } else {
      yDomain = niceDomain(y0, y1, 4);
    }
    const xs = makeScale([x0, x1], [r.x, r.x + r.w]);
    const ys = makeScale(yDomain, [r.y + r.h, r.y], this.logY);
    const xAxis = { scale: xs, label: this.opts.xLabel, ticks: Math.max(2, Math.floor(r.w / 70)) };
    const yAxis = { scale: ys, label: this.opts.yLabel, ticks: Math.max(2, Math.floor(r.h / 30)) };
    drawGrid(ctx, r, xAxis, yAxis);

    ctx.save();
    ctx.beginPath();
    // A few pixels of slack so a point on the frame (e.g. the first one) is not cut in half.
    ctx.rect(r.x - 3, r.y - 3, r.w + 6, r.h + 6);
    ctx.clip();
    this.series.forEach((s, i) => this.drawSeries(ctx, s, s.color ?? seriesColor(i), xs.map, ys.map, r.w));
    ctx.restore();
    drawAxes(ctx, r, xAxis, yAxis);
    if (this.series.every((s) => s.y.length === 0)) {
      ctx.fillStyle = INK.muted;
      ctx.font = font(12);
      ctx.textAlign = "center";
      ctx.fillText("no data yet", r.x + r.w / 2, r.y + r.h / 2);
    }
  }

  private drawSeries(ctx: CanvasRenderingContext2D, s: Series, color: string, mx: (v: number) => number, my: (v: number) => number, width: number): void {
    const n = Math.min(s.x.length, s.y.length);
    const ok = (y: number) => Number.isFinite(y) && (!this.logY || y > 0);
    if (n === 1 && ok(s.y[0]!)) {
      // One point has no line: show it as a dot.
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.arc(mx(s.x[0]!), my(s.y[0]!), 2.5, 0, 2 * Math.PI);
      ctx.fill();
      return;
    }
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.75;
    ctx.lineJoin = "round";
    ctx.beginPath();
    if (n <= 2 * width) {
      let pen = false;
      for (let i = 0; i < n; i++) {
        const y = s.y[i]!;
        if (!ok(y)) {
          pen = false;
          continue;
        }
        const px = mx(s.x[i]!), py = my(y);
        if (pen) ctx.lineTo(px, py);
        else ctx.moveTo(px, py);
        pen = true;
      }
    } else {
      // One vertical stroke per pixel column spanning the min and max there, joined in order.
      let col = NaN, lo = 0, hi = 0;
      const flush = () => {
        if (Number.isNaN(col)) return;
        ctx.lineTo(col, lo);
        ctx.lineTo(col, hi);
      };
      for (let i = 0; i < n; i++) {
        const y = s.y[i]!;
        if (!ok(y)) continue;
        const px = Math.round(mx(s.x[i]!)), py = my(y);
        if (px !== col) {
          if (Number.isNaN(col)) ctx.moveTo(px, py);
          flush();
          col = px;
          lo = hi = py;
        } else {
          lo = Math.min(lo, py);
          hi = Math.max(hi, py);
        }
      }
      flush();
    }
    ctx.stroke();
  }
}
