// The particle lab's view helpers: the runs a snapshot holds and their series, the level lines
// and shading of the target, the velocity arrows' subsample and scale, the marginal strips'
// scale and outline, the panel geometry, the typed log-density as TeX, the target's definition,
// the numbers table, and the point rasterizer the panels share with the scatter view.
import { afterEach, describe, expect, it } from "vitest";
import type { Metrics, Snapshot } from "../src/core/api";
import { arrowSegments, MAX_ARROWS, percentile } from "../src/labs/particles/arrows";
import { RUN_COLORS } from "../src/labs/particles/colors";
import { CONTOUR_LEVELS, contourSegments, logShade, SHADE_DEPTH } from "../src/labs/particles/contours";
import { finiteMax, marginalTop, stepOutline } from "../src/labs/particles/marginals";
import { freeEnergyTitle, MetricPlots } from "../src/labs/particles/metric-plots";
import { discRadius } from "../src/labs/particles/panel";
import { panelLayout } from "../src/labs/particles/panel-layout";
import { Readout, rowsFor } from "../src/labs/particles/readout";
import { hasFinite, metricSeries, runsOf } from "../src/labs/particles/runs";
import { TargetHeader, withoutSpan } from "../src/labs/particles/target-header";
import { densityKey, frameOf, TargetCache } from "../src/labs/particles/target-layer";
import { relevantParams } from "../src/labs/particles/relevant";
import { rasterizePoints, rgbaWord } from "../src/plot/raster";
import { formatMetric } from "../src/ui/metric-format";
import { HOSTILE } from "./fixtures";

afterEach(() => document.body.replaceChildren());

const f32 = (...v: number[]) => Float32Array.from(v);
const curve = (...y: number[]) => ({ x: Float64Array.from(y.map((_, i) => 10 * i)), y: Float64Array.from(y) });

function snapshot(compare: boolean): Snapshot {
  const n = 3;
  const arr = (data: Float32Array, ...shape: number[]) => ({ data, shape });
  const arrays: Snapshot["arrays"] = {
    points: arr(f32(0, 0, 1, 1, -1, 0.5), n, 2),
    velocity: arr(f32(1, 0, 0, 1, 0, 0), n, 2),
    density: arr(new Float32Array(16).fill(0.5), 4, 4),
    marginal_x: arr(f32(0.1, 0.2), 2),
    marginal_y: arr(f32(0.3, 0.4), 2),
    target_marginal_x: arr(f32(0.2, 0.2), 2),
    target_marginal_y: arr(f32(0.2, 0.2), 2),
  };
  const curves: Snapshot["curves"] = { mmd: curve(0.5, 0.1), free_energy: curve(NaN, NaN) };
  const texts: Record<string, string> = { algorithm: "SVGD", target: "Banana", target_id: "banana", reference: "1000 exact samples of the target", free_energy: "KL(μ‖p) = ∫μ log(μ/p)" };
  if (compare) {
    arrays.points_b = arr(f32(0, 0, 2, 2, -2, 1), n, 2);
    curves.mmd_b = curve(0.6, 0.3);
    curves.free_energy_b = curve(1.5, 0.2);
    texts.algorithm_b = "ULA";
  }
  return { step: 10, time: 0.5, arrays, curves, values: { x0: -2, x1: 2, y0: -1, y1: 3, metrics_every: 10 }, texts };
}

describe("runs", () => {
  it("are one, or two with the comparison's _b arrays, each in its own colour and name", () => {
    expect(runsOf(snapshot(false)).map((r) => [r.suffix, r.name, r.color])).toEqual([["", "SVGD", RUN_COLORS[0]]]);
    const two = runsOf(snapshot(true));
    expect(two.map((r) => [r.suffix, r.name, r.color])).toEqual([["", "SVGD", RUN_COLORS[0]], ["_b", "ULA", RUN_COLORS[1]]]);
    expect(RUN_COLORS[0]).not.toBe(RUN_COLORS[1]);
  });

  it("give one series per run for a metric, named by algorithm, coloured by run", () => {
    const s = snapshot(true);
    const series = metricSeries(s.curves, "mmd", runsOf(s));
    expect(series.map((x) => [x.name, x.color, Array.from(x.y)])).toEqual([["SVGD", RUN_COLORS[0], [0.5, 0.1]], ["ULA", RUN_COLORS[1], [0.6, 0.3]]]);
    // A metric missing from the snapshot is an empty line, not an error.
    expect(metricSeries(s.curves, "ksd", runsOf(s)).every((x) => x.x.length === 0)).toBe(true);
    expect(hasFinite(s.curves.free_energy)).toBe(false);
    expect(hasFinite(s.curves.free_energy_b)).toBe(true);
    expect(hasFinite(undefined)).toBe(false);
  });
});

describe("the target layer", () => {
  it("draws a level line of a radial field as a circle of the right radius", () => {
    // exp(−r²/2) on a 64 × 64 grid over [−4, 4]²: the 1σ level e^{−1/2} lies at r = 1.
    const n = 64, vals = new Float32Array(n * n), frame = { x: [-4, 4] as [number, number], y: [-4, 4] as [number, number] };
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
      const x = -4 + (c + 0.5) * (8 / n), y = -4 + (r + 0.5) * (8 / n);
      vals[r * n + c] = Math.exp(-(x * x + y * y) / 2);
    }
    const segs = contourSegments(vals, n, n, frame, CONTOUR_LEVELS[0]!);
    expect(segs.length).toBeGreaterThan(4 * 20);
    for (let i = 0; i < segs.length; i += 2) expect(Math.hypot(segs[i]!, segs[i + 1]!)).toBeCloseTo(1, 1);
    // The three levels are 1σ, 2σ, 3σ of a Gaussian, inner first.
    expect(CONTOUR_LEVELS.map((l) => Math.sqrt(-2 * Math.log(l)))).toEqual([1, 2, 3].map((k) => expect.closeTo(k, 12)));
    // A flat field has no line; a NaN corner skips its cell.
    expect(contourSegments(new Float32Array(16).fill(0.9), 4, 4, frame, 0.5)).toEqual([]);
    const withNaN = Float32Array.from([0, 1, 0, 1, NaN, 1, 0, 1, 0]);
    expect(contourSegments(withNaN, 3, 3, frame, 0.5).length).toBe(0);
  });

  it("splits a saddle cell by its centre so lines never cross", () => {
    const frame = { x: [0, 2] as [number, number], y: [0, 2] as [number, number] };
    // Corners (bottom-left, bottom-right, top-left, top-right) = 1, 0, 0, 1: centre 0.5 ≥ level 0.4 → above.
    const segs = contourSegments(Float32Array.from([1, 0, 0, 1]), 2, 2, frame, 0.4);
    expect(segs.length).toBe(8);
  });

  it("shades log p from the peak (1) down to e^−depth (0)", () => {
    const s = logShade(f32(1, Math.exp(-SHADE_DEPTH / 2), Math.exp(-2 * SHADE_DEPTH), 0, NaN));
    expect(Array.from(s)).toEqual([1, expect.closeTo(0.5, 6), 0, 0, 0]);
  });

  it("is built once per target and frame", () => {
    const a = snapshot(false), b = snapshot(true);
    expect(frameOf(a)).toEqual({ x: [-2, 2], y: [-1, 3] });
    expect(frameOf({ ...a, values: { x0: 1, x1: 1, y0: 0, y1: 1 } })).toBeNull();
    expect(densityKey(a)).toBe(densityKey(b));
    const cache = new TargetCache();
    const l1 = cache.get(a);
    expect(l1?.contours.length).toBe(3);
    expect(cache.get(b)).toBe(l1);
    const moved = { ...a, values: { ...a.values, x1: 3 } };
    expect(cache.get(moved)).not.toBe(l1);
    expect(cache.get({ ...a, arrays: {} })).toBeNull();
  });
});

describe("velocity arrows", () => {
  it("subsample to at most MAX_ARROWS, scale the 90th percentile to a fixed share and cap outliers", () => {
    const n = 1000, pts = new Float32Array(2 * n), vel = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      pts[2 * i] = i / n;
      vel[2 * i] = i === 0 ? 1000 : 1;
    }
    const segs = arrowSegments(pts, vel, n, 10);
    expect(segs.length / 4).toBeLessThanOrEqual(MAX_ARROWS);
    expect(segs.length / 4).toBeGreaterThan(MAX_ARROWS / 2);
    const lengths = [];
    for (let i = 0; i < segs.length; i += 4) lengths.push(Math.hypot(segs[i + 2]! - segs[i]!, segs[i + 3]! - segs[i + 1]!));
    // Typical arrows: 6% of the span; the outlier (particle 0) capped at twice that.
    expect(lengths[1]).toBeCloseTo(0.6, 6);
    expect(lengths[0]).toBeCloseTo(1.2, 6);
    // Direction kept.
    expect(segs[2]! - segs[0]!).toBeGreaterThan(0);
    expect(segs[3]! - segs[1]!).toBe(0);
  });

  it("leave out non-finite particles and draw nothing for a field at rest", () => {
    expect(arrowSegments(f32(0, 0, NaN, 1), f32(1, 0, 1, 1), 2, 4).length).toBe(4);
    expect(arrowSegments(f32(0, 0, 1, 1), f32(0, 0, 0, 0), 2, 4)).toEqual([]);
    expect(percentile([3, 1, 2, 4], 0.5)).toBe(2);
    expect(percentile([], 0.9)).toBeNaN();
  });
});

describe("marginal strips", () => {
  it("are scaled by the target, clipping histograms far above it", () => {
    expect(finiteMax(f32(0.1, NaN, 0.4))).toBeCloseTo(0.4, 6);
    expect(marginalTop(f32(1, 2), [f32(0.5)])).toBeCloseTo(2.2, 6);
    expect(marginalTop(f32(1, 2), [f32(10)])).toBeCloseTo(4.2, 6);
    expect(marginalTop(f32(1, 2), [f32(3)])).toBeCloseTo(3.15, 6);
    expect(marginalTop(f32(), [f32(2)])).toBeCloseTo(2.1, 6);
    expect(marginalTop(f32(), [])).toBe(1);
  });

  it("outline a histogram as steps from the axis and back", () => {
    expect(stepOutline(f32(1, NaN, 2))).toEqual([0, 0, 0, 1, 1, 1, 1, 0, 2, 0, 2, 2, 3, 2, 3, 0]);
  });
});

describe("the panel", () => {
  it("lays out the main plot with the strips aligned to it", () => {
    const L = panelLayout(420, 1);
    expect(L.top.x).toBe(L.main.x);
    expect(L.top.w).toBe(L.main.w);
    expect(L.right.y).toBe(L.main.y);
    expect(L.right.h).toBe(L.main.h);
    expect(L.right.x + L.right.w).toBeLessThanOrEqual(420);
    expect(L.main.h).toBe(L.main.w);
    expect(L.height).toBeGreaterThan(L.main.y + L.main.h);
    // Equal scales for a tall frame, within limits.
    expect(panelLayout(420, 1.25).main.h).toBe(Math.round(L.main.w * 1.25));
    expect(panelLayout(420, 5).main.h).toBe(Math.round(L.main.w * 1.4));
    expect(panelLayout(420, NaN).main.h).toBe(L.main.w);
  });

  it("draws small clouds as discs that shrink with N", () => {
    expect(discRadius(100)).toBeGreaterThan(discRadius(512));
    expect(discRadius(512)).toBeGreaterThan(discRadius(3000));
  });
});

describe("rasterized points", () => {
  it("land in the right pixels, top row = largest y, and skip what is outside or NaN", () => {
    const px = new Uint32Array(16);
    const word = rgbaWord([255, 0, 0], 1);
    expect(word).toBe(0xff0000ff);
    const drawn = rasterizePoints(px, 4, 4, f32(0.1, 3.9, 3.9, 0.1, 9, 9, NaN, 1), 4, { x: [0, 4], y: [0, 4] }, word, 1);
    expect(drawn).toBe(2);
    expect(px[0]).toBe(word);
    expect(px[15]).toBe(word);
    expect(px.filter((v) => v !== 0).length).toBe(2);
    // A 3-pixel dot is centred on its point and clipped at the edges.
    const big = new Uint32Array(16);
    rasterizePoints(big, 4, 4, f32(0.5, 3.5), 1, { x: [0, 4], y: [0, 4] }, word, 3);
    expect(big.filter((v) => v !== 0).length).toBe(4);
  });
});

describe("the target, typeset", () => {
  it("shows the label and the formula, and while an edit is rejected the error with its span", () => {
    const head = new TargetHeader();
    document.body.append(head.element);
    head.show({ target: "Typed log-density", target_id: "typed", target_formula: "-x^2 - y^2", target_latex: "-x^{2} - y^{2}", target_definition: "\\log p(x, y) = -x^{2} - y^{2} + \\text{const}" });
    expect(head.element.textContent).toContain("Target: Typed log-density");
    expect(head.element.querySelector("[data-formula=target] .katex")).not.toBeNull();
    const box = head.element.querySelector<HTMLElement>(".particles-stale")!;
    expect(box.hidden).toBe(true);
    head.stale("logdensity: expected ')' at 9..9", { param: "logdensity", span: [9, 9] }, { logdensity: "-x^2 - (y" });
    expect(box.hidden).toBe(false);
    expect(box.querySelector(".stale-message")!.textContent).toBe("logdensity: expected ')'");
    expect(box.querySelector(".expr-context")).not.toBeNull();
    expect(head.element.classList.contains("stale")).toBe(true);
    // Hostile text stays text.
    head.stale(HOSTILE, { param: "logdensity", span: [0, 1] }, { logdensity: HOSTILE });
    expect(box.querySelector("img")).toBeNull();
    head.stale(null, undefined, {});
    expect(box.hidden).toBe(true);
    expect(withoutSpan("bad at 1..2", [1, 2])).toBe("bad");
    expect(withoutSpan("bad at 1..2")).toBe("bad at 1..2");
  });
});

describe("the numbers", () => {
  // Metrics' device is a string beside the numbers (as the worker sends it).
  const metrics = (extra: Record<string, number> = {}): Metrics => ({ steps: 12345, steps_per_second: 612.3, device: "cpu", mmd: 0.0123, ksd: 0.4, mean_error: 0.02, cov_error: 0.1, free_energy: NaN, bandwidth: NaN, ...extra }) as unknown as Metrics;

  it("list the metrics some run reports, with a column per run and data-metric cells", () => {
    const runs2 = runsOf(snapshot(true));
    expect(rowsFor(metrics(), runsOf(snapshot(false))).map(([k]) => k)).toEqual(["mmd", "ksd", "mean_error", "cov_error"]);
    expect(rowsFor(metrics({ bandwidth_b: 0.3 }), runs2).map(([k]) => k)).toContain("bandwidth");
    const r = new Readout();
    document.body.append(r.element);
    r.update(metrics({ mmd_b: 0.5, ksd_b: 1, mean_error_b: 0.3, cov_error_b: 0.2 }), runs2);
    const cell = (k: string) => r.element.querySelector(`[data-metric=${k}]`)!.textContent;
    expect([cell("mmd"), cell("mmd_b"), cell("steps"), cell("steps_per_second"), cell("device")]).toEqual(["0.0123", "0.5", "12,345", "612", "CPU"]);
    expect([...r.element.querySelectorAll("thead th")].map((t) => t.textContent)).toEqual(["Metric", "SVGD", "ULA"]);
    expect(formatMetric("num_params", { num_params: 1234.4 })).toBe("1,234");
    expect(formatMetric("mmd", {})).toBe("–");
  });
});

describe("the metric plots", () => {
  it("plot every run, hide F(μ) where it is undefined, and say how often metrics are taken", () => {
    const p = new MetricPlots();
    document.body.append(p.element);
    p.update(snapshot(false), runsOf(snapshot(false)));
    const fe = p.plots.get("free_energy")!;
    expect(fe.element.hidden).toBe(true);
    p.update(snapshot(true), runsOf(snapshot(true)));
    expect(fe.element.hidden).toBe(false);
    expect(p.plots.get("mmd")!.element.querySelectorAll(".legend li").length).toBe(2);
    expect(p.element.textContent).toContain("every 10 steps");
    expect(freeEnergyTitle("KL(μ‖p) = ∫μ log(μ/p)")).toBe("Free energy: KL(μ‖p)");
    expect(freeEnergyTitle(undefined)).toBe("Free energy F(μ)");
  });
});

describe("the form shows what matters", () => {
  it("folds away what the chosen algorithms and target do not read", () => {
    const set = (p: Record<string, string>) => new Set(relevantParams(p));
    const svgd = set({ algorithm: "svgd", compare: "none", target: "gaussian" });
    expect(svgd.has("bandwidth") && svgd.has("optimizer") && svgd.has("target")).toBe(true);
    for (const name of ["noise", "sigma", "potential", "interaction", "logdensity", "mixture_k"]) expect(svgd.has(name)).toBe(false);
    const chains = set({ algorithm: "ula", compare: "mala", target: "typed" });
    expect(chains.has("noise") && chains.has("logdensity")).toBe(true);
    expect(chains.has("bandwidth")).toBe(false);
    expect(set({ algorithm: "svgd", compare: "ula", target: "mixture" }).has("mixture_k")).toBe(true);
    // mean-field Langevin brings its own Gibbs target for both runs
    const mf = set({ algorithm: "svgd", compare: "mfld", target: "typed" });
    expect(mf.has("sigma") && mf.has("potential") && mf.has("interaction") && mf.has("bandwidth")).toBe(true);
    expect(mf.has("target") || mf.has("logdensity")).toBe(false);
  });
});
