// The functional lab's view logic against the mock lab: presets → params, the drawing's resampling
// and the fit it triggers, the typeset formulas, and what the view shows for each snapshot.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FunctionalPreset, ParamValue } from "../src/core/api";
import type { CallName } from "../src/core/protocol";
import { interpolate, resampleStroke } from "../src/labs/functional/draw";
import { plotDomain } from "../src/labs/functional/figure";
import { FormulaPanel, formulaTex, renderMathText, texNumber } from "../src/labs/functional/formula";
import { boundaryTerms } from "../src/labs/functional/boundary-panel";
import { formatMetric, slopeGuide, taylorVerdict } from "../src/labs/functional/multiples";
import { matchesPreset, PresetBar, presetParams } from "../src/labs/functional/presets";
import { createView, relevantParams, runParams } from "../src/labs/functional/view";
import { defaults } from "../src/ui/params";
import type { ViewContext } from "../src/views/types";
import * as mock from "./mock/deltaf-mock";
import { FUNCTIONAL_ENTRY, FUNCTIONAL_SCHEMA } from "./mock/functional-mock";
import { HOSTILE } from "./fixtures";

afterEach(() => document.body.replaceChildren());

function fakeContext(initial: Record<string, ParamValue> = {}) {
  let params = { ...defaults(FUNCTIONAL_SCHEMA), ...initial };
  const calls: [CallName, unknown[]][] = [];
  const setParams = vi.fn((p: Record<string, ParamValue>) => (params = { ...params, ...p }));
  const ctx: ViewContext = {
    lab: FUNCTIONAL_ENTRY,
    schema: FUNCTIONAL_SCHEMA,
    params: () => ({ ...params }),
    setParams,
    call: async <T>(fn: CallName, ...args: unknown[]) => {
      calls.push([fn, args]);
      return (mock as unknown as Record<string, (...a: unknown[]) => unknown>)[fn]!(...args) as T;
    },
  };
  return { ctx, setParams, calls, params: () => params };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("presets", () => {
  const preset: FunctionalPreset = { id: "p", title: "P", description: "", params: { lagrangian: "u^2", a: 0, b: 2, bogus: 1 } };

  it("apply only the lab's parameters, and are recognised when the form equals them", () => {
    expect(presetParams(preset, FUNCTIONAL_SCHEMA)).toEqual({ lagrangian: "u^2", a: 0, b: 2 });
    expect(matchesPreset({ lagrangian: "u^2", a: 0, b: 2, bogus: 1, points: 64 }, preset)).toBe(true);
    expect(matchesPreset({ lagrangian: "u^2 ", a: 0, b: 2 + 1e-15, bogus: 1 }, preset)).toBe(true);
    expect(matchesPreset({ lagrangian: "u^2", a: 0, b: 3, bogus: 1 }, preset)).toBe(false);
  });

  it("render as buttons; a click sets the preset's params; the matching one is pressed", async () => {
    const { ctx, setParams, params } = fakeContext();
    const bar = new PresetBar(ctx);
    await bar.load();
    const buttons = [...bar.element.querySelectorAll<HTMLButtonElement>("button.preset")];
    expect(buttons.map((b) => b.dataset.preset)).toEqual(["dirichlet", "ginzburg-landau", "arc-length", "kdv"]);
    expect(bar.element.hidden).toBe(false);
    buttons.find((b) => b.dataset.preset === "kdv")!.click();
    expect(setParams).toHaveBeenCalledWith(expect.objectContaining({ lagrangian: "-u^3/6 + 0.5*u_x^2", flow: "hamiltonian", b: 40 }));
    bar.mark(params());
    expect(buttons.map((b) => b.getAttribute("aria-pressed"))).toEqual(["false", "false", "false", "true"]);
  });

  it("stay hidden when the module has none", async () => {
    const { ctx } = fakeContext();
    const bar = new PresetBar({ ...ctx, call: () => Promise.reject(new Error("not in this build")) });
    await bar.load();
    expect(bar.element.hidden).toBe(true);
  });
});

describe("drawing", () => {
  it("interpolates linearly and holds the ends", () => {
    expect(interpolate([0, 1, 2], [0, 10, 0], 0.25)).toBe(2.5);
    expect(interpolate([0, 1, 2], [0, 10, 0], -1)).toBe(0);
    expect(interpolate([0, 1, 2], [0, 10, 0], 3)).toBe(0);
  });

  it("resamples a stroke on a uniform grid, filling the grid points a fast stroke skipped", () => {
    const r = resampleStroke([{ x: 0, y: 0 }, { x: 1, y: 1 }], [0, 1], 11)!;
    expect(Array.from(r.x)).toEqual(Array.from({ length: 11 }, (_, j) => j / 10));
    r.y.forEach((y, j) => expect(y).toBeCloseTo(j / 10, 12));
    expect(r.covered).toEqual([0, 1]);
  });

  it("averages where the pen went back and forth, and leaves b out on a periodic grid", () => {
    const r = resampleStroke([{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 1 }], [0, 1], 4, true)!;
    expect(Array.from(r.x)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(r.y[2]).toBeCloseTo(0.25, 12);
  });

  it("keeps the old u outside the drawn part, blended in from the stroke's ends", () => {
    const base = () => 5;
    const r = resampleStroke([{ x: 0.4, y: 1 }, { x: 0.6, y: 1 }], [0, 1], 101, false, base)!;
    expect(r.covered[0]).toBeCloseTo(0.4);
    expect(r.covered[1]).toBeCloseTo(0.6);
    expect(r.y[50]).toBe(1);
    expect(r.y[0]).toBe(5);
    expect(r.y[100]).toBe(5);
    // Just outside the stroke: between the drawn value and the old u.
    expect(r.y[37]!).toBeGreaterThan(1);
    expect(r.y[37]!).toBeLessThan(5);
    // Without a base the drawn end values are held.
    expect(resampleStroke([{ x: 0.4, y: 1 }, { x: 0.6, y: 2 }], [0, 1], 11)!.y[0]).toBe(1);
  });

  it("refuses what cannot be resampled", () => {
    expect(resampleStroke([], [0, 1], 10)).toBeNull();
    expect(resampleStroke([{ x: NaN, y: 1 }], [0, 1], 10)).toBeNull();
    expect(resampleStroke([{ x: 0.5, y: 1 }], [1, 0], 10)).toBeNull();
    const one = resampleStroke([{ x: 0.52, y: 3 }, { x: 0.53, y: 5 }], [0, 1], 11)!;
    expect(one.y[5]).toBe(4);
  });
});

describe("formulas", () => {
  it("build F[u] = ∫_a^b L dx, L = …, δF/δu = … from the snapshot's texts", () => {
    const t = formulaTex({ lagrangian_latex: "\\frac{1}{2} u_x^{2}", derivative_latex: "-u_{xx}" }, 0, 40);
    expect(t.functional).toBe("F[u] = \\int_{0}^{40} L\\,dx");
    expect(t.lagrangian).toBe("L = \\frac{1}{2} u_x^{2}");
    expect(t.derivative).toBe("\\frac{\\delta F}{\\delta u} = -u_{xx}");
    expect(texNumber(-1.5e-7)).toBe("-1.50\\times 10^{-7}");
    expect(texNumber(12345)).toBe("12{,}345");
  });

  it("typeset with KaTeX, refuse \\href and similar, and dim while stale", () => {
    const panel = new FormulaPanel();
    document.body.append(panel.element);
    panel.show({ functional: "F", lagrangian: "L = \\href{javascript:alert(1)}{x}", derivative: "\\frac{\\delta F}{\\delta u} = -u_{xx}" }, "-u_xx");
    expect(panel.element.querySelectorAll(".katex").length).toBe(3);
    expect(panel.element.querySelector("a")).toBeNull();
    expect(panel.element.querySelector("[data-formula=derivative] annotation")?.textContent).toContain("-u_{xx}");
    panel.stale("bad");
    expect(panel.element.classList.contains("stale")).toBe(true);
    expect(panel.element.querySelector(".formula-stale")?.hasAttribute("hidden")).toBe(false);
    panel.stale(null);
    expect(panel.element.classList.contains("stale")).toBe(false);
  });
});

describe("boundary terms", () => {
  it("are the raw minus the corrected sum, shown only when more than round-off", () => {
    const t = boundaryTerms([1, 2, 13], [1, 2, 3]);
    expect(Array.from(t.diff)).toEqual([0, 0, 10]);
    expect(t.significant).toBe(true);
    expect(boundaryTerms([1, 2, 3 + 1e-14], [1, 2, 3]).significant).toBe(false);
    expect(boundaryTerms([], [1]).significant).toBe(false);
  });

  it("notes typeset their $…$ parts and keep the rest as text", () => {
    const el = document.createElement("p");
    renderMathText(el, "terms $[L_{u_x} h]_a^b$ at <b>the ends</b>");
    expect(el.querySelectorAll(".inline-math .katex").length).toBe(1);
    expect(el.querySelector("b")).toBeNull();
    expect(el.textContent).toContain("at <b>the ends</b>");
    renderMathText(el, "costs $5 only");
    expect(el.textContent).toBe("costs $5 only");
    expect(el.querySelector(".katex")).toBeNull();
  });
});

describe("plots' helpers", () => {
  it("place a slope guide beside the data, with the asked slope", () => {
    const g = slopeGuide({ x: Float64Array.of(16, 64, 256), y: Float64Array.of(1e-2, 6.25e-4, 3.9e-5) }, -2)!;
    expect(Array.from(g.x)).toEqual([16, 256]);
    expect(Math.log(g.y[1]! / g.y[0]!) / Math.log(16)).toBeCloseTo(-2, 12);
    expect(g.y[1]).toBeCloseTo(3 * 3.9e-5, 12);
    expect(slopeGuide({ x: Float64Array.of(1), y: Float64Array.of(1) }, -2)).toBeNull();
  });

  it("read the Taylor slope and format slopes to two decimals", () => {
    expect(taylorVerdict(2.003)).toBe("slope 2.00 ≈ 2 ⇒ derivative right");
    expect(taylorVerdict(1.02)).toMatch(/derivative wrong/);
    expect(taylorVerdict(NaN)).toBe("");
    expect(formatMetric("taylor_slope", 2)).toBe("2.00");
    expect(formatMetric("discrete_error", 4.1e-4)).toBe("4.10e-4");
    expect(formatMetric("value", NaN)).toBe("–");
  });

  it("take a, b and m from the snapshot when it reports them (a rejected edit is not shown)", () => {
    const s = { step: 0, time: 0, arrays: {}, curves: {}, texts: {}, values: { a: 0, b: 40, degree: 64 } };
    expect(runParams(s, { a: 5, b: 1, degree: 3, flow: "none" })).toEqual({ a: 0, b: 40, degree: 64, flow: "none" });
    expect(runParams({ ...s, values: {} }, { a: 5 })).toEqual({ a: 5 });
  });

  it("show [a, b] when the grid lies in it, else the grid's range", () => {
    expect(plotDomain([0, 0.5, 0.75], { a: 0, b: 1 })).toEqual([0, 1]);
    expect(plotDomain([0, 1, 2], { a: 0, b: 1 })).toEqual([0, 2]);
    expect(plotDomain([], {})).toEqual([0, 1]);
  });
});

describe("the view", () => {
  function snapshotFor(params: Record<string, ParamValue>) {
    const r = new mock.LabRunner("functional", params, 1);
    return { s: r.snapshot(), m: r.metrics() };
  }

  it("draws a snapshot: formulas, readout, shading note; flow plots only while a flow runs", async () => {
    const { ctx } = fakeContext({ boundary: "dirichlet", flow: "none" });
    const view = createView(ctx);
    document.body.append(view.figure, view.plots);
    await flush();
    const { s, m } = snapshotFor(ctx.params());
    view.update(s, m);
    expect(view.layout).toBe("wide");
    expect(view.figure.querySelector("[data-formula=derivative] annotation")?.textContent).toContain("-u_{xx}");
    expect(view.plots.querySelector("[data-metric=discrete_error]")?.textContent).toBe("4.10e-4");
    expect(view.plots.querySelector("[data-metric=taylor_slope]")?.textContent).toBe("2.00");
    expect(view.plots.querySelector("[data-metric=energy]")).toBeNull();
    expect(view.figure.querySelector<HTMLElement>(".shade-note")?.hidden).toBe(false);
    expect(view.figure.querySelector(".boundary-note")?.textContent).toMatch(/boundary term/);
    // The mock's raw sum differs from the corrected one near the ends: its own panel shows it.
    expect(view.figure.querySelector<HTMLElement>(".boundary-panel")?.hidden).toBe(false);
    const hiddenPlots = () => [...view.plots.querySelectorAll<HTMLElement>("figure.plot")].filter((f) => f.hidden).length;
    expect(hiddenPlots()).toBe(2);
    expect(view.figure.querySelector("button.preset[data-preset=dirichlet]")?.getAttribute("aria-pressed")).toBe("false");

    const flow = fakeContext({ flow: "gradient", boundary: "periodic" });
    const v2 = createView(flow.ctx);
    const r = new mock.LabRunner("functional", flow.ctx.params(), 1);
    r.step(3);
    v2.update(r.snapshot(), r.metrics());
    expect([...v2.plots.querySelectorAll<HTMLElement>("figure.plot")].every((f) => !f.hidden)).toBe(true);
    expect(v2.plots.querySelector("[data-metric=energy_drift]")).not.toBeNull();
    expect(v2.figure.querySelector<HTMLElement>(".boundary-panel")?.hidden).toBe(true);
    expect(v2.figure.querySelector<HTMLElement>(".shade-note")?.hidden).toBe(true);
    view.destroy();
    v2.destroy();
  });

  it("shows texts from the lab as text, never as markup", async () => {
    const { ctx } = fakeContext();
    const view = createView(ctx);
    const { s, m } = snapshotFor(ctx.params());
    view.update({ ...s, texts: { ...s.texts, boundary_note: HOSTILE, derivative_text: HOSTILE } }, m);
    expect(view.figure.querySelector("img")).toBeNull();
    expect(view.figure.querySelector(".boundary-note")?.textContent).toContain("<img");
  });

  it("turns a finished stroke into a fitted u and sets it as the u parameter", async () => {
    const { ctx, setParams, calls } = fakeContext({ boundary: "dirichlet" });
    const view = createView(ctx);
    document.body.append(view.figure);
    const { s, m } = snapshotFor(ctx.params());
    view.update(s, m);
    const canvas = view.figure.querySelector<HTMLCanvasElement>(".functional-figure canvas")!;
    // happy-dom has no layout: give the canvas a box so pointer positions map to data.
    canvas.getBoundingClientRect = () => ({ left: 0, top: 0, right: 320, bottom: 210, width: 320, height: 210, x: 0, y: 0, toJSON() {} }) as DOMRect;
    const toggle = view.figure.querySelector<HTMLButtonElement>("button.draw-toggle")!;
    toggle.click();
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    expect(canvas.classList.contains("drawing")).toBe(true);
    const ev = (type: string, x: number, y: number) => canvas.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerId: 7, button: 0, bubbles: true }));
    ev("pointerdown", 60, 100);
    for (let x = 70; x <= 300; x += 10) ev("pointermove", x, 100 + 40 * Math.sin(x / 30));
    ev("pointerup", 300, 100);
    await flush();
    await flush();
    expect(calls.find(([fn]) => fn === "fitDrawnFunction")?.[1][0]).toMatchObject({ domain: [0, 1], periodic: false, degree: 12 });
    expect(setParams).toHaveBeenCalledWith({ u: expect.stringContaining("x") });
    expect(view.figure.querySelector(".draw-status")?.textContent).toMatch(/Fitted/);
    toggle.click();
    expect(canvas.classList.contains("drawing")).toBe(false);
  });
});

describe("the functional form shows what matters", () => {
  it("folds the time step away while no flow is chosen, and shows every field of the schema otherwise", () => {
    const names = FUNCTIONAL_SCHEMA.map((p) => p.name);
    const without = relevantParams({ flow: "none" }, names)!;
    expect(names.filter((n) => !without.includes(n))).toEqual(["dt"]);
    expect(relevantParams({ flow: "gradient" }, names)).toBeNull();
  });
});
