import { afterEach, describe, expect, it, vi } from "vitest";
import { buildParamForm, fromLogPosition, logSlider, spanContext, toLogPosition } from "../src/ui/form";
import { HOSTILE, SCHEMA } from "./fixtures";
import { defaults } from "../src/ui/params";

const input = (root: HTMLElement, sel: string) => root.querySelector(sel) as HTMLInputElement;
const fire = (el: HTMLElement, type: string) => el.dispatchEvent(new Event(type, { bubbles: true }));

afterEach(() => document.body.replaceChildren());

describe("buildParamForm", () => {
  it("makes one control per kind, labelled and described", () => {
    const form = buildParamForm(SCHEMA, defaults(SCHEMA), { onChange: () => {} });
    const el = form.element;
    expect(el.querySelectorAll(".field")).toHaveLength(SCHEMA.length);
    // number/int: slider + numeric field
    expect(input(el, "#param-n").type).toBe("number");
    expect(el.querySelector('[data-param="n"] input[type=range]')).not.toBeNull();
    expect(input(el, "#param-dt").getAttribute("max")).toBe("0.1");
    // bool → checkbox, choice → select with labels, expression → text with maxLength
    expect(input(el, "#param-trace").type).toBe("checkbox");
    const sel = el.querySelector("#param-device") as HTMLSelectElement;
    expect([...sel.options].map((o) => [o.value, o.textContent])).toEqual([["auto", "Auto"], ["cpu", "CPU"], ["gpu", "GPU"]]);
    expect(input(el, "#param-f").maxLength).toBe(32);
    // every control has a <label for> and its help text
    for (const s of SCHEMA) {
      expect(el.querySelector(`label[for="param-${s.name}"]`)?.textContent).toBe(s.label);
      expect(el.querySelector(`#param-${s.name}-help`)?.textContent).toBe(s.help);
    }
    expect(form.values()).toEqual(defaults(SCHEMA));
  });

  it("folds away fields that do not matter, keeps their values, and never hides an error", () => {
    const form = buildParamForm(SCHEMA, defaults(SCHEMA), { onChange: () => {} });
    const shown = () => [...form.element.querySelectorAll<HTMLElement>(".field")].filter((f) => !f.hidden).map((f) => f.dataset.param);
    form.showOnly(new Set(["n", "dt"]));
    expect(shown()).toEqual(["n", "dt"]);
    expect(form.values()).toEqual(defaults(SCHEMA));
    form.showError("f", "expected ')'", [2, 2]);
    form.showOnly(new Set(["n"]));
    expect(shown()).toEqual(["n", "f"]);
    form.showOnly(null);
    expect(shown()).toHaveLength(SCHEMA.length);
  });

  it("maps log sliders both ways and hits the ends exactly", () => {
    const n = SCHEMA[0]!;
    expect(toLogPosition(n, 2)).toBe(0);
    expect(toLogPosition(n, 65536)).toBe(1000);
    expect(fromLogPosition(n, 0)).toBe(2);
    expect(fromLogPosition(n, 1000)).toBe(65536);
    const mid = fromLogPosition(n, 500);
    expect(Number.isInteger(mid)).toBe(true);
    expect(mid).toBeGreaterThan(300);
    expect(mid).toBeLessThan(400);
    const bw = SCHEMA[1]!;
    expect(fromLogPosition(bw, toLogPosition(bw, 0.5))).toBeCloseTo(0.5, 2);
  });

  it("uses a log slider when asked, and for whole numbers spanning three decades", () => {
    expect(logSlider(SCHEMA[1]!)).toBe(true);
    expect(logSlider(SCHEMA[2]!)).toBe(false);
    expect(logSlider({ ...SCHEMA[0]!, log: undefined })).toBe(true);
    expect(logSlider({ ...SCHEMA[0]!, log: undefined, min: 2, max: 100 })).toBe(false);
    expect(logSlider({ ...SCHEMA[1]!, min: 0 })).toBe(false);
  });

  it("clamps a typed value, shows a notice beside the field, and reports the change", () => {
    const onChange = vi.fn();
    const form = buildParamForm(SCHEMA, defaults(SCHEMA), { onChange });
    document.body.append(form.element);
    const num = input(form.element, "#param-n");
    num.value = "1000000";
    fire(num, "change");
    expect(num.value).toBe("65536");
    expect(form.values().n).toBe(65536);
    expect(form.element.querySelector('[data-param="n"] .field-notice')?.textContent).toMatch(/lowered to the maximum 65536/);
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ n: 65536 }), "n");
    num.value = "abc";
    fire(num, "change");
    expect(form.values().n).toBe(512);
  });

  it("moves the numeric field with the slider", () => {
    const onChange = vi.fn();
    const form = buildParamForm(SCHEMA, defaults(SCHEMA), { onChange });
    const range = form.element.querySelector('[data-param="dt"] input[type=range]') as HTMLInputElement;
    range.value = "0.05";
    fire(range, "input");
    expect(input(form.element, "#param-dt").value).toBe("0.05");
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ dt: 0.05 }), "dt");
  });

  it("shows hostile text as text: no element is created from values, errors or spans", () => {
    const form = buildParamForm(SCHEMA, { ...defaults(SCHEMA), f: HOSTILE.slice(0, 32) }, { onChange: () => {} });
    document.body.append(form.element);
    expect(input(form.element, "#param-f").value).toBe(HOSTILE.slice(0, 32));
    form.showError("f", HOSTILE, [0, 4]);
    expect(document.querySelector("img")).toBeNull();
    expect(form.element.querySelector("[data-param=f] .field-error")?.textContent).toContain("<img");
    expect(form.element.querySelector("[data-param=f] .field-error mark")?.textContent).toBe("<img");
  });

  it("renders only the visible params (embed) but keeps the others' values", () => {
    const form = buildParamForm(SCHEMA, { ...defaults(SCHEMA), dt: 0.02 }, { visible: new Set(["n"]), onChange: () => {} });
    expect(form.element.querySelectorAll(".field")).toHaveLength(1);
    expect(form.values()).toMatchObject({ n: 512, dt: 0.02, device: "auto" });
  });

  it("checks values given to set()", () => {
    const form = buildParamForm(SCHEMA, defaults(SCHEMA), { onChange: () => {} });
    form.set({ n: 1e9, f: "x".repeat(50), trace: true, device: "cpu" });
    expect(form.values()).toMatchObject({ n: 65536, f: "x".repeat(32), trace: true, device: "cpu" });
  });

  it("marks an expression error's span with a caret line, and clears it on success", () => {
    const form = buildParamForm(SCHEMA, { ...defaults(SCHEMA), f: "0.5*u_x^2 +" }, { onChange: () => {} });
    expect(form.showError("f", "f: unexpected end of input at 11..11", [11, 11])).toBe(true);
    const err = form.element.querySelector("[data-param=f] .field-error")!;
    expect(err.querySelector(".field-error-text")?.textContent).toBe("f: unexpected end of input");
    const pre = err.querySelector("pre.expr-context")!;
    expect(pre.querySelector("mark")?.textContent).toBe(" ");
    // The caret sits under character 11 (after the "+"), in the same monospace block.
    expect(pre.querySelector(".expr-caret")?.textContent).toBe(`${" ".repeat(11)}^`);
    expect(form.element.querySelector("#param-f")?.getAttribute("aria-invalid")).toBe("true");
    expect(form.element.querySelector("#param-f")?.getAttribute("aria-describedby")).toContain("param-f-error");
    form.clearErrors();
    expect(err.textContent).toBe("");
    expect(form.element.querySelector("#param-f")?.hasAttribute("aria-invalid")).toBe(false);
    expect(form.showError("nope", "x")).toBe(false);
  });

  it("counts span offsets in characters, not UTF-16 units, and refuses spans outside the text", () => {
    const ctx = spanContext("√u + 𝑥 + )", [9, 10])!;
    expect(ctx.querySelector("mark")?.textContent).toBe(")");
    expect(ctx.querySelector(".expr-caret")?.textContent).toBe(`${" ".repeat(9)}^`);
    expect(spanContext("abc", [2, 5])).toBeNull();
    expect(spanContext("abc", [2, 1])).toBeNull();
    expect(spanContext("a+b*", [1, 2])!.querySelector(".expr-caret")?.textContent).toBe(" ^");
  });
});
