// Small pure pieces: DOM helper safety, keyboard mapping, status text, number parsing.
import { describe, expect, it } from "vitest";
import { ellipsize, h } from "../src/ui/dom";
import { keyAction } from "../src/ui/keys";
import { deviceText, statusParts } from "../src/ui/status";
import { parseNumber } from "../src/ui/params";
import { HOSTILE } from "./fixtures";

describe("h()", () => {
  it("turns strings into text, never markup", () => {
    const el = h("p", {}, HOSTILE, 3);
    expect(el.childElementCount).toBe(0);
    expect(el.textContent).toBe(`${HOSTILE}3`);
  });
  it("refuses inline event handler attributes", () => {
    expect(() => h("div", { onclick: "alert(1)" })).toThrow(/refused/);
    expect(() => h("img", { ONERROR: "x" })).toThrow();
  });
  it("shortens long text for display", () => {
    expect(ellipsize("abc", 5)).toBe("abc");
    expect(ellipsize("x".repeat(100), 10)).toHaveLength(10);
  });
});

describe("keys", () => {
  const k = (key: string, extra = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...extra });
  it("maps space, → and . and r", () => {
    expect(keyAction(k(" "), { tagName: "BODY" })).toBe("togglePlay");
    expect(keyAction(k("ArrowRight"), null)).toBe("step");
    expect(keyAction(k("."), null)).toBe("step");
    expect(keyAction(k("r"), null)).toBe("reset");
    expect(keyAction(k("x"), null)).toBeNull();
  });
  it("leaves keys to focused controls and to browser shortcuts", () => {
    for (const tagName of ["INPUT", "SELECT", "TEXTAREA", "BUTTON", "A"]) expect(keyAction(k(" "), { tagName })).toBeNull();
    expect(keyAction(k("r", { ctrlKey: true }), null)).toBeNull();
    expect(keyAction(k("r", { metaKey: true }), null)).toBeNull();
  });
});

describe("status", () => {
  it("names the GPU adapter or says why the CPU runs", () => {
    expect(deviceText({ available: true, adapter: "SwiftShader Device", backend: "WebGPU", fallback: true, reason: "" })).toBe("GPU: SwiftShader Device (WebGPU, fallback adapter)");
    expect(deviceText({ available: true, adapter: "", backend: "", fallback: false, reason: "" })).toBe("GPU: unnamed adapter");
    expect(deviceText({ available: false, adapter: "", backend: "", fallback: false, reason: "WebGPU unavailable: no adapter" })).toBe("CPU — WebGPU unavailable: no adapter");
    expect(deviceText(null)).toMatch(/starting/);
  });
  it("lists step, speed, device and seed", () => {
    expect(statusParts({ step: 12345, stepsPerSecond: 812.4, device: null, seed: 7 })).toEqual(["step 12,345", "812 steps/s", "device: starting…", "seed 7"]);
  });
});

describe("parseNumber", () => {
  it("accepts what people type and nothing else", () => {
    expect(parseNumber("1.5")).toBe(1.5);
    expect(parseNumber(" -2e-3 ")).toBe(-0.002);
    expect(parseNumber(".5")).toBe(0.5);
    expect(parseNumber("5.")).toBe(5);
    expect(parseNumber("Infinity")).toBe(Infinity);
    for (const bad of ["", "0x1f", "1,5", "1e", "e5", "NaN", "1 2", "½", HOSTILE]) expect(parseNumber(bad), bad).toBeNaN();
  });
});
