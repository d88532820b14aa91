import { describe, expect, it } from "vitest";
import { DEFAULT_SEED, MAX_SEED, labQuery, parseRoute, readLabUrl, selectControls } from "../src/ui/url-state";
import { HOSTILE, SCHEMA } from "./fixtures";

const q = (o: Record<string, string>) => `?${new URLSearchParams(o).toString()}`;

describe("parseRoute", () => {
  it("routes home, lab, device and embed", () => {
    expect(parseRoute("")).toEqual({ page: "home" });
    expect(parseRoute("?page=device")).toEqual({ page: "device" });
    expect(parseRoute("?lab=repulsion&n=3")).toEqual({ page: "lab", lab: "repulsion", embed: false });
    expect(parseRoute("?lab=repulsion&embed=1")).toEqual({ page: "lab", lab: "repulsion", embed: true });
    expect(parseRoute("?lab=repulsion&embed=0")).toEqual({ page: "lab", lab: "repulsion", embed: false });
  });
  it("sends a lab id that cannot be one home, with a notice quoting it as text", () => {
    const r = parseRoute(q({ lab: HOSTILE }));
    expect(r.page).toBe("home");
    expect(r.page === "home" && r.notice).toContain("<img");
  });
  it("cuts very long lab ids in the notice", () => {
    const r = parseRoute(q({ lab: "x".repeat(5000) + "!" }));
    expect(r.page === "home" && r.notice!.length).toBeLessThan(80);
  });
});

describe("readLabUrl", () => {
  it("uses defaults and seed 1 when the URL names only the lab", () => {
    const s = readLabUrl("?lab=repulsion", SCHEMA);
    expect(s.params).toEqual({ n: 512, bandwidth: 0.5, dt: 0.01, trace: false, device: "auto", f: "u^2/2" });
    expect(s.seed).toBe(DEFAULT_SEED);
    expect(s.speed).toBe(1);
    expect(s.notices).toEqual([]);
  });

  it("reads valid values of every kind", () => {
    const s = readLabUrl(q({ lab: "r", n: "1024", bandwidth: "2.5e-1", dt: "0.05", trace: "1", device: "gpu", f: "sin(u)", seed: "42", speed: "10" }), SCHEMA);
    expect(s.params).toEqual({ n: 1024, bandwidth: 0.25, dt: 0.05, trace: true, device: "gpu", f: "sin(u)" });
    expect(s.seed).toBe(42);
    expect(s.speed).toBe(10);
    expect(s.notices).toEqual([]);
  });

  it("clamps out-of-range numbers, resets non-numbers, drops unknown keys — each with a notice", () => {
    const s = readLabUrl(q({ lab: "repulsion", n: "1e99", dt: "abc", evil: HOSTILE }), SCHEMA);
    expect(s.params.n).toBe(65536);
    expect(s.params.dt).toBe(0.01);
    expect(s.notices).toHaveLength(3);
    expect(s.notices[0]).toMatch(/Particles: “1e99” lowered to the maximum 65536/);
    expect(s.notices[1]).toMatch(/Step size: “abc” is not a number; using the default 0.01/);
    expect(s.notices[2]).toBe("Unknown parameter “evil” ignored.");
    expect(s.params).not.toHaveProperty("evil");
  });

  it("treats a hostile value as data: reset to the default, quoted (shortened) in the notice", () => {
    const s = readLabUrl(q({ lab: "r", n: HOSTILE, device: HOSTILE, trace: HOSTILE }), SCHEMA);
    expect(s.params).toMatchObject({ n: 512, device: "auto", trace: false });
    expect(s.notices).toHaveLength(3);
    for (const n of s.notices) expect(n.length).toBeLessThan(120);
  });

  it("raises below-minimum values, rounds ints, handles infinities, negatives and junk syntax", () => {
    const s = readLabUrl(q({ lab: "r", n: "7.6", bandwidth: "-3", dt: "Infinity" }), SCHEMA);
    expect(s.params).toMatchObject({ n: 8, bandwidth: 0.01, dt: 0.1 });
    expect(s.notices.join(" ")).toMatch(/rounded to 8/);
    for (const junk of ["0x10", "", " ", "1,5", "1e", "NaN", "--1", "1_000"]) {
      const r = readLabUrl(q({ lab: "r", dt: junk }), SCHEMA);
      expect(r.params.dt, junk).toBe(0.01);
      expect(r.notices, junk).toHaveLength(1);
    }
  });

  it("limits expressions to maxLength and strips control characters", () => {
    const s = readLabUrl(q({ lab: "r", f: "u".repeat(100) }), SCHEMA);
    expect(s.params.f).toBe("u".repeat(32));
    expect(s.notices[0]).toMatch(/cut to 32 characters/);
    const t = readLabUrl(q({ lab: "r", f: "u\n+\u0000v" }), SCHEMA);
    expect(t.params.f).toBe("u + v");
    expect(t.notices).toHaveLength(1);
    // An expression is text: markup stays as typed (the form shows it with textContent).
    expect(readLabUrl(q({ lab: "r", f: "<b>u</b>" }), SCHEMA).params.f).toBe("<b>u</b>");
  });

  it("validates choices and booleans", () => {
    const s = readLabUrl(q({ lab: "r", device: "GPU", trace: "maybe" }), SCHEMA);
    expect(s.params).toMatchObject({ device: "auto", trace: false });
    expect(s.notices[0]).toMatch(/not one of auto, cpu, gpu/);
    expect(readLabUrl(q({ lab: "r", trace: "true" }), SCHEMA).params.trace).toBe(true);
    expect(readLabUrl(q({ lab: "r", trace: "0" }), SCHEMA).params.trace).toBe(false);
  });

  it("uses the first of repeated keys and says so", () => {
    const s = readLabUrl("?lab=r&n=10&n=20", SCHEMA);
    expect(s.params.n).toBe(10);
    expect(s.notices[0]).toMatch(/more than once/);
  });

  it("checks seed and speed", () => {
    const bad = (seed: string) => readLabUrl(q({ lab: "r", seed }), SCHEMA);
    expect(bad("-5").seed).toBe(DEFAULT_SEED);
    expect(bad("3.5").seed).toBe(DEFAULT_SEED);
    expect(bad(HOSTILE).seed).toBe(DEFAULT_SEED);
    expect(bad("99999999999999999999").seed).toBe(MAX_SEED);
    expect(bad("-5").notices).toHaveLength(1);
    expect(readLabUrl(q({ lab: "r", speed: "5000" }), SCHEMA).speed).toBe(1000);
    expect(readLabUrl(q({ lab: "r", speed: "x" }), SCHEMA).speed).toBe(1);
  });

  it("round-trips through labQuery", () => {
    const s = readLabUrl(q({ lab: "r", n: "100", f: "a & b = c?", seed: "7", speed: "20", embed: "1", controls: "n,play" }), SCHEMA);
    const written = labQuery({ lab: "r", seed: s.seed, speed: s.speed, params: s.params, schema: SCHEMA, embed: s.embed, controlsRaw: s.controlsRaw });
    const again = readLabUrl(written, SCHEMA);
    expect(again.params).toEqual(s.params);
    expect([again.seed, again.speed, again.embed, again.controlsRaw]).toEqual([7, 20, true, "n,play"]);
    expect(again.notices).toEqual([]);
    expect(written.startsWith("?lab=r&seed=7&speed=20&n=100")).toBe(true);
  });
});

describe("embed controls", () => {
  it("shows everything on the full page", () => {
    const c = selectControls(false, "n", SCHEMA);
    expect(c.params.size).toBe(SCHEMA.length);
    expect(c.transport.size).toBe(5);
  });
  it("shows only the named controls in embed mode, and reports unknown names", () => {
    const notices: string[] = [];
    const c = selectControls(true, " n, play ,reset,bogus,,seed", SCHEMA, notices);
    expect([...c.params]).toEqual(["n"]);
    expect([...c.transport]).toEqual(["play", "reset", "seed"]);
    expect(notices).toEqual(["Unknown control “bogus” ignored."]);
  });
  it("shows no controls in embed mode when none are named", () => {
    const c = selectControls(true, null, SCHEMA);
    expect(c.params.size + c.transport.size).toBe(0);
  });
  it("is driven from the URL", () => {
    const s = readLabUrl("?lab=r&embed=1&controls=dt,step", SCHEMA);
    expect([...s.controls.params, ...s.controls.transport]).toEqual(["dt", "step"]);
  });
});
