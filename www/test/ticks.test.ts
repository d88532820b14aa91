import { describe, expect, it } from "vitest";
import { formatLogTick, formatTick, formatValue, linearTicks, logTicks, niceDomain, niceStep, thinTicks } from "../src/plot/ticks";

describe("ticks", () => {
  it("picks nice steps", () => {
    expect(niceStep(0.23)).toBeCloseTo(0.2);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.1)).toBe(1);
    expect(niceStep(3)).toBe(2);
    expect(niceStep(4)).toBe(5);
    expect(niceStep(8)).toBe(10);
    expect(niceStep(0)).toBe(1);
    expect(niceStep(NaN)).toBe(1);
  });
  it("places linear ticks on multiples of the step, without float drift", () => {
    expect(linearTicks(0, 1, 5).values).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    const t = linearTicks(-1, 1, 4);
    expect(t.step).toBe(0.5);
    expect(t.values).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(linearTicks(0.1, 0.35, 5).values.map((v) => formatTick(v, 0.05))).toEqual(["0.10", "0.15", "0.20", "0.25", "0.30", "0.35"]);
    expect(linearTicks(0, 1000, 4).values).toEqual([0, 200, 400, 600, 800, 1000]);
  });
  it("handles empty and degenerate ranges", () => {
    expect(linearTicks(1, 1).values).toEqual([1]);
    expect(linearTicks(NaN, 1).values).toEqual([]);
    expect(niceDomain(3, 3)[0]).toBeLessThan(3);
    expect(niceDomain(0.34, 0.52, 4)).toEqual([0.3, 0.55]);
  });
  it("puts log ticks on powers of ten (and 2, 5 in short ranges)", () => {
    expect(logTicks(1e-3, 1e2).values).toEqual([1e-3, 1e-2, 1e-1, 1, 10, 100]);
    expect(logTicks(0.3, 8).values).toEqual([0.5, 1, 2, 5]);
    expect(logTicks(1e-12, 1e12).values.length).toBeLessThanOrEqual(13);
    expect(logTicks(0, 1).values).toEqual([]);
  });
  it("formats tick labels to the step's precision", () => {
    expect(formatTick(0, 0.1)).toBe("0");
    expect(formatTick(0.5, 0.5)).toBe("0.5");
    expect(formatTick(200, 100)).toBe("200");
    expect(formatTick(1e-4, NaN)).toBe("1e-4");
    expect(formatTick(1e6, NaN)).toBe("1e6");
    expect(formatTick(2.5e-4, 5e-5)).toBe("2.5e-4");
  });
  it("formats read-out values compactly", () => {
    expect(formatValue(0.35612)).toBe("0.356");
    expect(formatValue(12345.6)).toBe("12,346");
    expect(formatValue(1.5e-5)).toBe("1.50e-5");
    expect(formatValue(0)).toBe("0");
  });
  it("keeps log ticks within the budget, densest first", () => {
    // 1-2-5 when it fits, then 1-3, then every decade, then every other decade …
    expect(logTicks(1, 100, 7).values).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(logTicks(1, 1000, 7).values).toEqual([1, 3, 10, 30, 100, 300, 1000]);
    expect(logTicks(1e-16, 1e-2, 4).values).toEqual([1e-16, 1e-12, 1e-8, 1e-4]);
    for (const [lo, hi, n] of [[1e-9, 1, 3], [2e-14, 0.7, 5], [16, 4096, 4], [1e-300, 1e300, 6]] as const) {
      const t = logTicks(lo, hi, n).values;
      expect(t.length).toBeGreaterThanOrEqual(2);
      expect(t.length).toBeLessThanOrEqual(n);
      expect(t.every((v) => v >= lo && v <= hi)).toBe(true);
    }
    // Inside one decade with no two 1-2-5 values: linear ticks.
    expect(logTicks(2.1, 4.9, 5).values.length).toBeGreaterThanOrEqual(2);
  });
  it("thins data-placed ticks to a budget, keeping the first", () => {
    const ns = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
    expect(thinTicks(ns, 20)).toEqual(ns);
    expect(thinTicks(ns, 5)).toEqual([16, 64, 256, 1024, 4096]);
    expect(thinTicks([4, 1, 1, NaN, 2], 5)).toEqual([1, 2, 4]);
  });
  it("labels log ticks with powers of ten far from 1", () => {
    expect(formatLogTick(1e-6)).toBe("10⁻⁶");
    expect(formatLogTick(5e-12)).toBe("5·10⁻¹²");
    expect(formatLogTick(1e4)).toBe("10⁴");
    expect(formatLogTick(0.01)).toBe("0.01");
    expect(formatLogTick(200)).toBe("200");
    expect(formatLogTick(4096)).toBe("4096");
    expect(formatLogTick(2.5e-7)).toBe("2.5·10⁻⁷");
    expect(formatLogTick(0.0316)).toBe("0.0316");
  });
});
