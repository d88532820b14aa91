// Plot ranges and marker thinning: what a log axis leaves out, fixed x ranges, decorations that
// do not move the axes.
import { describe, expect, it } from "vitest";
import { dataExtent } from "../src/plot/extent";
import { markerStride } from "../src/plot/series";

const s = (x: number[], y: number[], fit?: boolean) => ({ x, y, fit });

describe("dataExtent", () => {
  it("pads linear y to nice ends and keeps the data's exact x range", () => {
    const e = dataExtent([s([0, 1, 2], [0.34, 0.4, 0.52])]);
    expect(e.x).toEqual([0, 2]);
    expect(e.y).toEqual([0.3, 0.55]);
    expect(e.empty).toBe(false);
  });
  it("leaves out non-positive values on log axes and says so", () => {
    const e = dataExtent([s([0, 10, 100], [1e-3, 0, 1e-9])], { logX: true, logY: true });
    expect(e.droppedNonPositive).toBe(true);
    expect(e.x[0]).toBeLessThan(100);
    expect(e.x[1]).toBeGreaterThan(100);
    expect(e.y[0]).toBeLessThan(1e-9);
    expect(e.y[1]).toBeGreaterThan(1e-9);
  });
  it("ignores series marked fit: false and non-finite values", () => {
    const e = dataExtent([s([0, 1], [0, 1]), s([0, 1], [-50, 50], false), s([0.5], [NaN])]);
    expect(e.y).toEqual([0, 1]);
  });
  it("lets a series decide y only inside its window (boundary spikes leave the scale alone)", () => {
    const e = dataExtent([{ x: [0, 0.5, 1], y: [-40, 1, 30], fitWindow: [0.1, 0.9] }, s([0, 1], [0, 2])]);
    expect(e.y).toEqual([0, 2]);
    expect(e.x).toEqual([0, 1]);
  });
  it("fits y to the points inside a fixed x range", () => {
    const e = dataExtent([s([-1, 0, 0.5, 1, 2], [99, 0, 0.5, 1, -99])], { xDomain: [0, 1] });
    expect(e.x).toEqual([0, 1]);
    expect(e.y).toEqual([0, 1]);
  });
  it("widens a nearly constant linear range to a minimum share of |y|", () => {
    const e = dataExtent([s([0, 1, 2], [-1.274022, -1.2740221, -1.274022])], { minRelSpanY: 0.02 });
    expect(e.y[1] - e.y[0]).toBeGreaterThanOrEqual(0.02 * 1.274);
    expect(e.y[0]).toBeLessThan(-1.274022);
    expect(e.y[1]).toBeGreaterThan(-1.2740221);
    expect(dataExtent([s([0, 1], [0, 1])], { minRelSpanY: 0.02 }).y).toEqual([0, 1]);
  });
  it("gives placeholder ranges without data, valid for log axes", () => {
    const e = dataExtent([], { logX: true, logY: true });
    expect(e.empty).toBe(true);
    expect(e.x[0]).toBeGreaterThan(0);
    expect(e.y[0]).toBeGreaterThan(0);
    expect(dataExtent([s([3], [2])]).x).toEqual([2.5, 3.5]);
  });
});

describe("markerStride", () => {
  it("draws every marker while they fit, then about one per 8 px", () => {
    expect(markerStride(50, 500)).toBe(1);
    expect(markerStride(128, 640)).toBe(2);
    expect(markerStride(65536, 500)).toBe(1058);
  });
});
