// A TypeScript stand-in for pkg/deltaf.js with the same API (see www/src/core/api.ts).
// Used by unit tests, and by `DELTAF_MOCK=1 vite build` to look at the site before pkg/ exists.
// Its physics is a plain O(n²) loop: fine for small n, not a reference for anything.
import type { FunctionalResult, FunctionalSpec, GpuInfo, LabEntry, Metrics, ParamSpec, ParamValue, SelfTestReport, Snapshot } from "../../src/core/api";
import { FUNCTIONAL_ENTRY, FUNCTIONAL_SCHEMA, FunctionalRunner } from "./functional-mock";
import { PINN_ENTRY, PINN_SCHEMA, PinnRunner } from "./pinn-mock";

export { fitDrawnFunction, functionalPresets } from "./functional-mock";

const LABS: LabEntry[] = [
  { id: "repulsion", title: "Repulsive particles", summary: "Particles in a quadratic well pushed apart by an RBF kernel." },
  { id: "ticker", title: "Mock ticker", summary: "A lab with one curve and no picture (tests the placeholder)." },
  FUNCTIONAL_ENTRY,
  PINN_ENTRY,
];

const SCHEMAS: Record<string, ParamSpec[]> = {
  repulsion: [
    { name: "n", label: "Particles", kind: "int", default: 512, min: 2, max: 65536, step: 1, log: true, help: "Number of particles." },
    { name: "bandwidth", label: "Bandwidth h", kind: "number", default: 0.5, min: 0.01, max: 10, step: 0.01, log: true, help: "RBF kernel width (length units)." },
    { name: "strength", label: "Repulsion", kind: "number", default: 1, min: 0, max: 10, step: 0.1, help: "Weight of the kernel term." },
    { name: "dt", label: "Step size", kind: "number", default: 0.01, min: 0.0001, max: 0.1, step: 0.0001, log: true, help: "Explicit Euler step (time units)." },
    { name: "device", label: "Device", kind: "choice", default: "auto", choices: ["auto", "cpu", "gpu"], choiceLabels: ["Auto", "CPU", "GPU"], help: "Where the kernel sum runs." },
  ],
  ticker: [
    { name: "rate", label: "Rate", kind: "number", default: 1, min: 0.1, max: 5, step: 0.1, help: "Decay rate." },
    { name: "noisy", label: "Noisy", kind: "bool", default: false, help: "Add noise." },
    { name: "formula", label: "Formula", kind: "expression", default: "u^2", maxLength: 64, help: "Any text." },
  ],
  functional: FUNCTIONAL_SCHEMA,
  pinn: PINN_SCHEMA,
};

export default async function init(): Promise<void> {}
export function initSync(): void {}
export function listLabs(): LabEntry[] {
  return LABS.map((l) => ({ ...l }));
}
export function labSchema(id: string): ParamSpec[] {
  const s = SCHEMAS[id];
  if (!s) throw new Error(`labSchema: unknown lab "${id}"`);
  return s.map((p) => ({ ...p }));
}

async function adapter(): Promise<GpuInfo> {
  const gpu = (globalThis.navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: { architecture?: string; description?: string; isFallbackAdapter?: boolean }; isFallbackAdapter?: boolean } | null> } })?.gpu;
  if (!gpu) return { available: false, adapter: "", backend: "", fallback: false, reason: "navigator.gpu is missing" };
  const a = await gpu.requestAdapter();
  if (!a) return { available: false, adapter: "", backend: "", fallback: false, reason: "no suitable graphics adapter" };
  return { available: true, adapter: a.info?.description || a.info?.architecture || "mock adapter", backend: "BrowserWebGpu", fallback: !!(a.info?.isFallbackAdapter ?? a.isFallbackAdapter), reason: "" };
}
export const gpuInfo = adapter;

export async function gpuSelfTest(n: number): Promise<SelfTestReport> {
  const gpu = await adapter();
  const t0 = performance.now();
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < 64; j++) s += Math.exp(-((i - j) ** 2) * 1e-4);
  const cpuMs = performance.now() - t0 + (s > 0 ? 0 : 1);
  return { n, dim: 2, bandwidth: 1, gpu, gpuMs: gpu.available ? cpuMs / 3 : null, cpuMs, maxRelError: gpu.available ? 2.4e-7 : null, cpuMaxRelError: 4e-7 };
}

/** Not modelled by the mock: the page does not use it yet. */
export function evaluateFunctional(_spec: FunctionalSpec): FunctionalResult {
  throw new Error("evaluateFunctional is not in the mock");
}

export function __testPanic(): void {
  const e = new Error("unreachable");
  e.name = "RuntimeError";
  throw e;
}

/** xorshift32: deterministic per seed, like the Rust side promises. */
function rng(seed: number): () => number {
  let x = (seed >>> 0) || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

export class LabRunner {
  private p: Record<string, ParamValue>;
  private steps = 0;
  private xs: Float64Array;
  private energy: number[] = [];
  private stepIdx: number[] = [];
  private deviceName = "cpu";
  private warns: string[] = [];
  private t0 = performance.now();
  /** the functional lab's own stand-in (everything else here is the particle mock) */
  private fn: FunctionalRunner | null = null;
  /** the pinn lab's stand-in */
  private pinn: PinnRunner | null = null;

  constructor(private readonly id: string, params: Record<string, ParamValue>, seed: bigint | number) {
    const schema = labSchema(id);
    const names = new Set(schema.map((s) => s.name));
    const unknown = Object.keys(params).filter((k) => !names.has(k));
    if (unknown.length) throw new Error(`${id}: unknown parameter(s): ${unknown.join(", ")}`);
    this.p = Object.fromEntries(schema.map((s) => [s.name, params[s.name] ?? s.default]));
    for (const s of schema) {
      const v = this.p[s.name];
      if (typeof v === "number" && s.max !== undefined && v > s.max) {
        this.p[s.name] = s.max;
        this.warns.push(`${s.name} clamped to ${s.max}`);
      }
    }
    if (id === "functional") this.fn = new FunctionalRunner(this.p);
    if (id === "pinn") this.pinn = new PinnRunner(this.p);
    const r = rng(Number(seed));
    const n = id === "repulsion" ? Number(this.p.n) : 1;
    this.xs = new Float64Array(2 * n);
    for (let i = 0; i < 2 * n; i++) this.xs[i] = (r() - 0.5) * 0.2;
    this.record();
  }

  private record(): void {
    this.energy.push(this.computeEnergy());
    this.stepIdx.push(this.steps);
  }

  private computeEnergy(): number {
    if (this.id !== "repulsion") return Math.exp(-Number(this.p.rate) * this.steps * 0.01) + 1e-3;
    const n = this.xs.length / 2;
    const h2 = Number(this.p.bandwidth) ** 2;
    let e = 0;
    for (let i = 0; i < n; i++) {
      const xi = this.xs[2 * i]!, yi = this.xs[2 * i + 1]!;
      e += 0.5 * (xi * xi + yi * yi);
      for (let j = i + 1; j < n; j++) {
        const dx = xi - this.xs[2 * j]!, dy = yi - this.xs[2 * j + 1]!;
        e += (Number(this.p.strength) / n) * Math.exp(-(dx * dx + dy * dy) / (2 * h2));
      }
    }
    return e / n;
  }

  step(k: number): void {
    if (this.fn) return this.fn.step(k);
    if (this.pinn) return this.pinn.step(k);
    for (let s = 0; s < k; s++) {
      if (this.id === "repulsion") this.stepRepulsion();
      this.steps++;
    }
    this.record();
  }

  private stepRepulsion(): void {
    const n = this.xs.length / 2;
    const h2 = Number(this.p.bandwidth) ** 2;
    const c = Number(this.p.strength) / n;
    const dt = Number(this.p.dt);
    const g = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const xi = this.xs[2 * i]!, yi = this.xs[2 * i + 1]!;
      let gx = -xi, gy = -yi;
      for (let j = 0; j < n; j++) {
        const dx = xi - this.xs[2 * j]!, dy = yi - this.xs[2 * j + 1]!;
        const k = (c * Math.exp(-(dx * dx + dy * dy) / (2 * h2))) / h2;
        gx += k * dx;
        gy += k * dy;
      }
      g[2 * i] = gx;
      g[2 * i + 1] = gy;
    }
    for (let i = 0; i < 2 * n; i++) this.xs[i]! += dt * g[i]! * 10;
  }

  async stepAsync(k: number): Promise<void> {
    this.step(k);
  }
  async useGpu(): Promise<GpuInfo> {
    const info = await adapter();
    if (info.available) this.deviceName = "gpu";
    return info;
  }
  useCpu(): void {
    this.deviceName = "cpu";
  }
  metrics(): Metrics {
    if (this.fn) return this.fn.metrics();
    if (this.pinn) return { ...this.pinn.metrics(), device: this.deviceName } as Metrics;
    const n = this.xs.length / 2;
    let r = 0;
    for (let i = 0; i < n; i++) r += Math.hypot(this.xs[2 * i]!, this.xs[2 * i + 1]!);
    const secs = (performance.now() - this.t0) / 1000;
    return { steps: this.steps, steps_per_second: secs > 0 ? this.steps / secs : 0, energy: this.energy.at(-1)!, mean_radius: r / n, device: this.deviceName } as unknown as Metrics;
  }
  snapshot(): Snapshot {
    if (this.fn) return this.fn.snapshot();
    if (this.pinn) return this.pinn.snapshot();
    const arrays: Snapshot["arrays"] = {};
    if (this.id === "repulsion") arrays.points = { data: Float32Array.from(this.xs), shape: [this.xs.length / 2, 2] };
    let ext = 1;
    for (const v of this.xs) ext = Math.max(ext, Math.abs(v) * 1.1);
    return {
      step: this.steps,
      time: this.steps * Number(this.p.dt ?? 0.01),
      arrays,
      curves: { energy: { x: Float64Array.from(this.stepIdx), y: Float64Array.from(this.energy) } },
      values: { extent: Math.ceil(ext) },
      texts: {},
    };
  }
  /** Cumulative, like the Rust runner's: every warning since creation, oldest first. */
  warnings(): string[] {
    return [...this.warns];
  }
  params(): Record<string, ParamValue> {
    return { ...this.p };
  }
  free(): void {}
}
