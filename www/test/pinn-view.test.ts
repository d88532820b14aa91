// The PINN lab's view logic against the mock lab: which figure a snapshot gets, the equation
// buttons and the slice select as parameter changes, the typeset texts, the curves plotted, the
// numbers row, and the heatmap's colours and orientation.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Metrics, ParamValue, Snapshot } from "../src/core/api";
import type { CallName } from "../src/core/protocol";
import { buildLut, colorDomain, lutIndex, LUT_SIZE } from "../src/plot/colormap";
import { fieldImage } from "../src/plot/heatmap";
import { burgersField, maxAbs, row } from "../src/labs/pinn/burgers-figure";
import { axisName, EquationPicker, familyOf, plainAxis, snapshotFamily } from "../src/labs/pinn/equations";
import { FormulaBlock, formulaLabels, formulaTexts } from "../src/labs/pinn/formulas";
import { errorSeries, lossSeries, studyCaption, targetLine } from "../src/labs/pinn/multiples";
import { relevantParams } from "../src/labs/pinn/relevant";
import { formatReadout } from "../src/labs/pinn/readout";
import { difference, sliceOptions } from "../src/labs/pinn/slice-figure";
import { createView, PINN_SPEED } from "../src/labs/pinn/view";
import { defaults } from "../src/ui/params";
import type { ViewContext } from "../src/views/types";
import * as mock from "./mock/deltaf-mock";
import { PINN_ENTRY, PINN_SCHEMA } from "./mock/pinn-mock";
import { HOSTILE } from "./fixtures";

afterEach(() => document.body.replaceChildren());

function fakeContext(initial: Record<string, ParamValue> = {}) {
  let params = { ...defaults(PINN_SCHEMA), ...initial };
  const setParams = vi.fn((p: Record<string, ParamValue>) => (params = { ...params, ...p }));
  const ctx: ViewContext = {
    lab: PINN_ENTRY,
    schema: PINN_SCHEMA,
    params: () => ({ ...params }),
    setParams,
    call: async <T>(fn: CallName) => Promise.reject(new Error(`${fn} not used`)) as Promise<T>,
  };
  return { ctx, setParams };
}

function run(params: Record<string, ParamValue>, steps = 0): { s: Snapshot; m: Metrics } {
  const r = new mock.LabRunner("pinn", params, 1);
  if (steps) r.step(steps);
  return { s: r.snapshot(), m: r.metrics() };
}

const EMPTY_SNAPSHOT: Snapshot = { step: 0, time: 0, arrays: {}, curves: {}, values: {}, texts: {} };

describe("equations", () => {
  it("know their family, and a snapshot's family follows its arrays first", () => {
    expect(familyOf("bhe-moderate")).toBe("bhe");
    expect(familyOf("heat")).toBeNull();
    const burgers = run({ ...defaults(PINN_SCHEMA), equation: "burgers" }).s;
    expect(snapshotFamily(burgers, { equation: "fte-linear" })).toBe("burgers");
    const fte = run(defaults(PINN_SCHEMA)).s;
    // The form already says Burgers while the old FDE run is still on screen.
    expect(snapshotFamily(fte, { equation: "burgers" })).toBe("fte");
    expect(snapshotFamily({ ...EMPTY_SNAPSHOT, texts: { equation_latex: "\\partial_\\tau W" } }, { equation: "burgers" })).toBe("bhe");
  });

  it("name the inputs as the lab does, in plain text for canvas labels", () => {
    expect([0, 1, 3].map((i) => axisName("fte", i))).toEqual(["t", "a_0", "a_2"]);
    expect(axisName("bhe", 12)).toBe("a_11 / c_11");
    expect(axisName("bhe", 0)).toBe("τ/T");
    expect(plainAxis("a_11 / c_11")).toBe("a₁₁ / c₁₁");
    expect(plainAxis("a_{3}")).toBe("a₃");
  });

  it("render as buttons; a click sets the equation, and the current one is pressed", () => {
    const { ctx, setParams } = fakeContext();
    const picker = new EquationPicker(ctx);
    const buttons = [...picker.element.querySelectorAll<HTMLButtonElement>("button.equation")];
    expect(buttons.map((b) => b.dataset.equation)).toEqual(["fte-linear", "fte-spectrum15", "bhe-delta", "bhe-moderate", "burgers"]);
    expect(buttons[4]!.title).toMatch(/Viscous Burgers/);
    buttons[0]!.click();
    expect(setParams).not.toHaveBeenCalled();
    buttons[4]!.click();
    expect(setParams).toHaveBeenCalledWith({ equation: "burgers" });
    expect(buttons.map((b) => b.getAttribute("aria-pressed"))).toEqual(["false", "false", "false", "false", "true"]);
  });
});

describe("formulas", () => {
  it("take the lab's texts and say what the formulas are", () => {
    expect(formulaTexts({ equation_latex: "E", exact_latex: "X", condition_note: "C" })).toEqual({ equation: "E", exact: "X", condition: "C", device: "", eval: "" });
    expect(formulaLabels("fte", 10).equation).toMatch(/cylindrical approximation \(D = 10 Legendre/);
    expect(formulaLabels("bhe", 4).equation).toMatch(/Fourier/);
    expect(formulaLabels("burgers", undefined).exact).toMatch(/Cole–Hopf/);
  });

  it("typeset the equation, the solution and the note's $…$ math; texts stay text", () => {
    const block = new FormulaBlock();
    block.show({ equation: "\\partial_t J = 0", exact: "J = \\href{javascript:alert(1)}{x}", condition: "exact: $J = J_0 + t\\,N$ by construction", device: HOSTILE, eval: "every 50 steps" }, formulaLabels("fte", 10));
    const el = block.element;
    expect(el.querySelector("[data-formula=equation] annotation")?.textContent).toBe("\\partial_t J = 0");
    expect(el.querySelector("[data-formula=exact] .katex")).not.toBeNull();
    expect(el.querySelector("a")).toBeNull();
    expect(el.querySelector(".condition-note .inline-math .katex")).not.toBeNull();
    expect(el.querySelector(".condition-note")?.textContent).toMatch(/^exact: .* by construction$/);
    expect(el.querySelector("img")).toBeNull();
    expect(el.querySelector(".small-print")?.textContent).toBe(`${HOSTILE} every 50 steps`);
    block.stale("rejected");
    expect(el.classList.contains("stale")).toBe(true);
    block.stale(null);
    expect(el.querySelector<HTMLElement>(".formula-stale")?.hidden).toBe(true);
  });
});

describe("plots' data", () => {
  const c = (x: number[], y: number[]) => ({ x: Float64Array.from(x), y: Float64Array.from(y) });

  it("plot the total loss alone when the conditions are exact, the terms beside it otherwise", () => {
    expect(lossSeries({ loss: c([10], [1]), loss_residual: c([10], [1]) }).map((s) => s.name)).toEqual(["loss (residual)"]);
    const split = lossSeries({ loss: c([10], [1]), loss_residual: c([10], [0.5]), loss_initial: c([10], [0.3]), loss_boundary: c([10], [0.2]) });
    expect(split.map((s) => s.name)).toEqual(["total", "residual", "initial", "boundary"]);
  });

  it("draw the errors with the 10⁻³ target across the steps, markers while evaluations are few", () => {
    expect(Array.from(targetLine([c([0, 50, 900], [1, 1, 1])], 1e-3).x)).toEqual([0, 900]);
    expect(Array.from(targetLine([], 1e-3).y)).toEqual([1e-3, 1e-3]);
    const few = errorSeries({ rel_l1: c([0, 50], [1, 0.5]) });
    expect(few.map((s) => s.name)).toEqual(["rel. L1", "worst", "rel. L2", "target"]);
    expect(few[0]!.style).toBe("line+markers");
    expect(few[3]).toMatchObject({ style: "dashed", legend: false });
    const many = Array.from({ length: 40 }, (_, i) => i);
    expect(errorSeries({ rel_l1: c(many, many) })[0]!.style).toBe("line");
  });

  it("say what the degree study does, is doing and has done", () => {
    expect(studyCaption(false, 0, undefined, 2000, "fte-linear")).toMatch(/D = 2, 4, …, 20 next/);
    expect(studyCaption(false, 0, undefined, 2000, "bhe-delta")).toMatch(/D = 1, 3, …, 19, 20 next/);
    expect(studyCaption(true, 0, undefined, 100, "bhe-delta")).toBe("Starts with the main run's next step: D = 1, 3, …, 19, 20 (100 steps each).");
    expect(studyCaption(true, 2, 6, 2000, "fte-linear")).toBe("Training the network for D = 6 (2,000 steps each); 2 done. Runs while Play trains the main network.");
    expect(studyCaption(true, 10, undefined, 2000, "fte-linear")).toMatch(/^Done: 10 degrees \(2,000 steps each\)/);
  });

  it("list every input for the slice select, and subtract pointwise", () => {
    expect(sliceOptions("fte", 4)).toEqual([{ value: 0, label: "t" }, { value: 1, label: "a₀" }, { value: 2, label: "a₁" }, { value: 3, label: "a₂" }]);
    expect(sliceOptions("bhe", NaN)).toEqual([]);
    expect(Array.from(difference([1, 2, 3], [1, 1]))).toEqual([0, 1]);
  });

  it("format the numbers row", () => {
    const m = { steps: 12345, num_params: 2465, rel_l1: 0.000934, loss: NaN, device: "gpu", steps_per_second: 2271.4 } as unknown as Metrics;
    expect(formatReadout("steps", m)).toBe("12,345");
    expect(formatReadout("num_params", m)).toBe("2,465");
    expect(formatReadout("rel_l1", m)).toBe("9.34e-4");
    expect(formatReadout("loss", m)).toBe("–");
    expect(formatReadout("rel_l2", m)).toBe("–");
    expect(formatReadout("device", m)).toBe("GPU");
    expect(formatReadout("steps_per_second", m)).toBe("2,271");
  });
});

describe("heatmaps", () => {
  it("colour through a lookup table: clamped, NaN a gap, errors symmetric about zero", () => {
    const lut = buildLut(["#000000", "#ffffff"]);
    expect(lut.length).toBe(3 * LUT_SIZE);
    expect(Array.from(lut.slice(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(lut.slice(-3))).toEqual([255, 255, 255]);
    expect(lutIndex(-5, 0, 1)).toBe(0);
    expect(lutIndex(5, 0, 1)).toBe(LUT_SIZE - 1);
    expect(lutIndex(NaN, 0, 1)).toBe(-1);
    expect(colorDomain([-0.2, 0.5, NaN], "diverging")).toEqual([-0.5, 0.5]);
    expect(colorDomain([-0.2, 0.5], "sequential")).toEqual([-0.2, 0.5]);
    expect(colorDomain([], "sequential")).toEqual([0, 1]);
  });

  it("put Burgers' time rows along x and x up: the top-left pixel is t = 0, x = 1", () => {
    // rows t = 0, 1; columns x = −1, 0, 1; values 10·row + column
    const values = Float32Array.of(0, 1, 2, 10, 11, 12);
    const f = burgersField({ data: values, shape: [2, 3] }, [-1, 1])!;
    expect(f).toMatchObject({ rows: 2, cols: 3, rowsAlong: "x", x: [0, 1], y: [-1, 1] });
    const img = fieldImage({ ...f, values: Float32Array.of(0, 0, 1, 1, 0, 0) }, "sequential", [0, 1]);
    expect([img.width, img.height]).toEqual([2, 3]);
    const seq = buildLut(["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"]);
    // (t = 0, x = 1) holds 1: the top-left pixel is the map's top colour; (t = 1, x = 1) holds 0.
    expect(Array.from(img.rgba.slice(0, 4))).toEqual([...seq.slice(-3), 255]);
    expect(Array.from(img.rgba.slice(4, 8))).toEqual([...seq.slice(0, 3), 255]);
    expect(burgersField({ data: values, shape: [6] }, [-1, 1])).toBeNull();
    expect(burgersField({ data: values, shape: [4, 3] }, [-1, 1])).toBeNull();
    expect(Array.from(row({ data: values, shape: [2, 3] }, 1))).toEqual([10, 11, 12]);
    expect(maxAbs([0.1, -0.4, NaN])).toBe(0.4);
  });
});

describe("the view", () => {
  it("draws an FDE run: the slice with a select of every input, the numbers, the curves", () => {
    const { ctx, setParams } = fakeContext({ eval_every: 50 });
    const view = createView(ctx);
    document.body.append(view.figure, view.plots);
    expect(view.layout).toBe("wide");
    expect(view.speed).toBe(PINN_SPEED);
    const { s, m } = run(ctx.params(), 400);
    view.update(s, m);
    expect(view.figure.dataset.family).toBe("fte");
    expect(view.figure.querySelector<HTMLElement>(".slice-figure")!.hidden).toBe(false);
    expect(view.figure.querySelector<HTMLElement>(".burgers-figure")!.hidden).toBe(true);
    expect(view.figure.querySelector("[data-formula=equation] .katex")).not.toBeNull();
    expect(view.figure.querySelector(".slice-figure .plot-title")?.textContent).toBe("J along a₁");
    const select = view.figure.querySelector<HTMLSelectElement>("select.slice-axis")!;
    expect(select.options.length).toBe(11);
    expect(select.value).toBe("2");
    select.value = "0";
    select.dispatchEvent(new Event("change"));
    expect(setParams).toHaveBeenCalledWith({ slice_axis: 0 });
    expect(view.plots.querySelector("[data-metric=steps]")?.textContent).toBe("400");
    expect(view.plots.querySelector("[data-metric=device]")?.textContent).toBe("CPU");
    expect(Number(view.plots.querySelector("[data-metric=rel_l1]")?.textContent)).toBeLessThan(0.5);
    expect(view.figure.querySelector("button.equation[data-equation=fte-linear]")?.getAttribute("aria-pressed")).toBe("true");
    view.destroy();
  });

  it("draws a Burgers run with heatmaps and no degree study", () => {
    const { ctx } = fakeContext({ equation: "burgers", exact_bc: false });
    const view = createView(ctx);
    document.body.append(view.figure, view.plots);
    const { s, m } = run(ctx.params(), 300);
    view.update(s, m);
    expect(view.figure.dataset.family).toBe("burgers");
    expect(view.figure.querySelector<HTMLElement>(".burgers-figure")!.hidden).toBe(false);
    expect(view.figure.querySelectorAll(".heatmap canvas").length).toBe(3);
    expect(view.figure.querySelectorAll(".burgers-slices figure.plot").length).toBe(3);
    expect(view.figure.querySelectorAll(".heatmap .plot-caption")[2]?.textContent).toMatch(/^max \|error\| = /);
    expect(view.plots.querySelector<HTMLElement>(".study-panel")!.hidden).toBe(true);
    // Penalty terms: the loss plot names them.
    expect(view.plots.querySelector(".plot .legend")?.textContent).toMatch(/initial.*boundary/);
    view.destroy();
  });

  it("starts and stops the degree study, and plots its points", () => {
    const { ctx, setParams } = fakeContext({ study_steps: 100 });
    const view = createView(ctx);
    const button = view.plots.querySelector<HTMLButtonElement>("button.study-toggle")!;
    expect(button.getAttribute("aria-pressed")).toBe("false");
    button.click();
    expect(setParams).toHaveBeenCalledWith({ degree_study: true });
    expect(button.getAttribute("aria-pressed")).toBe("true");
    const { s, m } = run(ctx.params(), 250);
    view.update(s, m);
    expect(s.curves.degree_study?.x.length).toBe(2);
    expect(view.plots.querySelector(".study-panel .plot-caption")?.textContent).toMatch(/D = 6/);
    button.click();
    expect(setParams).toHaveBeenLastCalledWith({ degree_study: false });
    view.destroy();
  });

  it("copes with an empty snapshot (nothing drawn yet)", () => {
    const { ctx } = fakeContext();
    const view = createView(ctx);
    expect(() => view.update(EMPTY_SNAPSHOT, {} as Metrics)).not.toThrow();
    expect(view.plots.querySelector("[data-metric=rel_l1]")?.textContent).toBe("–");
  });
});

describe("redrawing", () => {
  it("keys the main figure by what it shows: same evaluation, same key; a restart or new slice, a new one", async () => {
    const { evalKey, sampleSum } = await import("../src/labs/pinn/eval-key");
    const base = defaults(PINN_SCHEMA);
    const a = run({ ...base, eval_every: 100 }, 150).s;
    const b = run({ ...base, eval_every: 100 }, 190).s;
    expect(evalKey(a)).toBe(evalKey(b));
    expect(evalKey(run({ ...base, eval_every: 100 }, 200).s)).not.toBe(evalKey(a));
    expect(evalKey(run({ ...base, slice_axis: 0 }).s)).not.toBe(evalKey(run(base).s));
    expect(sampleSum(undefined)).toBe("-");
    expect(sampleSum({ data: Float64Array.of(1, 2), shape: [2] })).toBe("2:5");
  });
});

describe("the PINN form shows what matters", () => {
  it("folds the FDE-only and option-bound parameters away where they do nothing", () => {
    const set = (p: Record<string, ParamValue>) => new Set(relevantParams(p));
    const fte = set({ equation: "fte-linear", schedule: "cosine", degree_study: false });
    expect(fte.has("degree") && fte.has("slice_axis") && fte.has("total_steps")).toBe(true);
    expect(fte.has("study_steps")).toBe(false);
    expect(set({ equation: "bhe-delta", schedule: "constant", degree_study: true }).has("study_steps")).toBe(true);
    expect(set({ equation: "bhe-delta", schedule: "constant", degree_study: true }).has("total_steps")).toBe(false);
    const burgers = set({ equation: "burgers", schedule: "cosine", degree_study: true });
    for (const name of ["degree", "slice_axis", "degree_study", "study_steps"]) expect(burgers.has(name)).toBe(false);
    expect(burgers.has("width") && burgers.has("exact_bc")).toBe(true);
  });
});
