// A stand-in for the Rust `functional` lab with the same parameters, snapshot names, presets and
// error shape (Error with `param` and `span`). Its numbers are plausible, not right: δF/δu comes
// from numerical partials of L and finite differences, the error curves are made up.
import type { DrawnFunction, FunctionalPreset, LabEntry, Metrics, ParamSpec, ParamValue, Snapshot } from "../../src/core/api";
import { compile, MockExprError } from "./mock-expr";

export const FUNCTIONAL_ENTRY: LabEntry = { id: "functional", title: "Functional derivatives", summary: "δF/δu three ways: Euler–Lagrange, the gradient of the discretized functional, and a cylindrical (basis) approximation." };

export const FUNCTIONAL_SCHEMA: ParamSpec[] = [
  { name: "lagrangian", label: "Lagrangian L(x, u, u_x, u_xx)", kind: "expression", default: "0.5*u_x^2", maxLength: 200, help: "F[u] = ∫ L dx." },
  { name: "u", label: "u(x)", kind: "expression", default: "sin(pi*x)", maxLength: 400, help: "The function the derivative is taken at." },
  { name: "a", label: "a", kind: "number", default: 0, min: -100, max: 100, step: 0.1, help: "Left end." },
  { name: "b", label: "b", kind: "number", default: 1, min: -100, max: 100, step: 0.1, help: "Right end." },
  { name: "boundary", label: "Boundary", kind: "choice", default: "dirichlet", choices: ["periodic", "dirichlet", "free"], choiceLabels: ["Periodic", "Dirichlet", "Free"], help: "What happens at a and b." },
  { name: "points", label: "Grid points N", kind: "int", default: 128, min: 8, max: 65536, step: 1, help: "Uniform grid." },
  { name: "basis", label: "Basis", kind: "choice", default: "legendre", choices: ["legendre", "fourier"], help: "Cylindrical approximation basis." },
  { name: "degree", label: "Basis size m", kind: "int", default: 16, min: 1, max: 256, step: 1, help: "Number of basis functions." },
  { name: "flow", label: "Flow", kind: "choice", default: "none", choices: ["none", "gradient", "hamiltonian"], help: "Evolve u." },
  { name: "dt", label: "Time step", kind: "number", default: 0.0001, min: 1e-7, max: 0.1, log: true, help: "Flow step." },
];

const P = (p: Record<string, ParamValue>) => p;
/** A few of the Rust presets (crate/src/functional/presets.rs), with the same ids. */
export function functionalPresets(): FunctionalPreset[] {
  return [
    { id: "dirichlet", title: "Dirichlet energy", description: "½u_x²: δF/δu = −u_xx.", params: P({ lagrangian: "0.5*u_x^2", u: "sin(2*pi*x) + 0.5*cos(4*pi*x)", a: 0, b: 1, boundary: "periodic", basis: "fourier", degree: 16, points: 256, flow: "gradient", dt: 1e-4 }) },
    { id: "ginzburg-landau", title: "Ginzburg–Landau", description: "ε²/2·u_x² + (1−u²)²/4.", params: P({ lagrangian: "0.0005*u_x^2 + (1-u^2)^2/4", u: "0.5*sin(2*pi*x) + 0.2*cos(6*pi*x)", a: 0, b: 1, boundary: "periodic", basis: "fourier", degree: 32, points: 256, flow: "gradient", dt: 0.01 }) },
    { id: "arc-length", title: "Arc length", description: "√(1+u_x²): minus the curvature.", params: P({ lagrangian: "sqrt(1+u_x^2)", u: "sin(pi*x) + x^3", a: 0, b: 1, boundary: "dirichlet", basis: "legendre", degree: 16, points: 201, flow: "none", dt: 1e-4 }) },
    { id: "kdv", title: "KdV Hamiltonian", description: "−u³/6 + ½u_x², Hamiltonian flow.", params: P({ lagrangian: "-u^3/6 + 0.5*u_x^2", u: "1.5/cosh(sqrt(0.5)*(x - 15)/2)^2", a: 0, b: 40, boundary: "periodic", basis: "fourier", degree: 64, points: 256, flow: "hamiltonian", dt: 0.01 }) },
  ];
}

/** Least-squares polynomial in t ∈ [−1, 1] (t = (2x − a − b)/(b − a)), written out as text. */
export function fitDrawnFunction(d: DrawnFunction): string {
  const [a, b] = d.domain;
  const deg = Math.max(1, Math.min(8, Math.floor(d.degree)));
  const k = deg + 1;
  const A = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (let i = 0; i < d.x.length; i++) {
    const t = (2 * d.x[i]! - a - b) / (b - a);
    const pw = Array.from({ length: k }, (_, j) => t ** j);
    for (let r = 0; r < k; r++) {
      for (let c = 0; c < k; c++) A[r]![c]! += pw[r]! * pw[c]!;
      A[r]![k]! += pw[r]! * d.y[i]!;
    }
  }
  for (let r = 0; r < k; r++) A[r]![r]! += 1e-9;
  for (let c = 0; c < k; c++) {
    for (let r = c + 1; r < k; r++) {
      const f = A[r]![c]! / A[c]![c]!;
      for (let j = c; j <= k; j++) A[r]![j]! -= f * A[c]![j]!;
    }
  }
  const coef = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let s = A[r]![k]!;
    for (let j = r + 1; j < k; j++) s -= A[r]![j]! * coef[j]!;
    coef[r] = s / A[r]![r]!;
  }
  const t = `((2*x-${a + b})/${b - a})`;
  return coef.map((c, j) => `${c.toPrecision(4)}${j ? `*${t}^${j}` : ""}`).join(" + ").replace(/\+ -/g, "- ");
}

function inputError(param: string, e: unknown): Error {
  const err = new Error(`${param}: ${e instanceof Error ? e.message : String(e)}`) as Error & { param: string; span?: [number, number]; kind: string };
  err.param = param;
  err.kind = "input";
  if (e instanceof MockExprError) err.span = e.span;
  return err;
}

const tex = (s: string) => s.replace(/\*/g, " \\cdot ").replace(/u_xx/g, "u_{xx}").replace(/sqrt\(([^()]*)\)/g, "\\sqrt{$1}");
const KNOWN_DERIVATIVES: Record<string, string> = {
  "0.5*u_x^2": "-u_{xx}",
  "sqrt(1+u_x^2)": "-\\frac{u_{xx}}{\\left(1 + u_x^{2}\\right)^{3/2}}",
  "0.25*(1-u^2)^2": "-u\\left(1 - u^{2}\\right)",
  "-u^3/6 + 0.5*u_x^2": "-\\frac{u^{2}}{2} - u_{xx}",
};

export class FunctionalRunner {
  private steps = 0;
  private x: Float64Array;
  private u: Float64Array;
  private L: (e: Record<string, number>) => number;
  private energy: number[] = [];
  private times: number[] = [];

  constructor(private readonly p: Record<string, ParamValue>) {
    try {
      this.L = compile(String(p.lagrangian), ["x", "u", "u_x", "u_xx"]);
    } catch (e) {
      throw inputError("lagrangian", e);
    }
    let uf: (e: Record<string, number>) => number;
    try {
      uf = compile(String(p.u), ["x"]);
    } catch (e) {
      throw inputError("u", e);
    }
    const n = Math.min(4096, Number(p.points));
    const a = Number(p.a), b = Number(p.b);
    const periodic = p.boundary === "periodic";
    this.x = Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (periodic ? n : n - 1));
    this.u = this.x.map((x) => uf({ x }));
    this.record();
  }

  private get h(): number {
    return this.x.length > 1 ? this.x[1]! - this.x[0]! : 1;
  }

  private diff(v: Float64Array): Float64Array {
    const n = v.length, h = this.h;
    return v.map((_, i) => (v[Math.min(n - 1, i + 1)]! - v[Math.max(0, i - 1)]!) / ((Math.min(n - 1, i + 1) - Math.max(0, i - 1)) * h));
  }

  private derivative(): Float64Array {
    const ux = this.diff(this.u), uxx = this.diff(ux);
    const part = (k: "u" | "u_x" | "u_xx") => this.x.map((x, i) => {
      const env = { x, u: this.u[i]!, u_x: ux[i]!, u_xx: uxx[i]! };
      const d = 1e-5;
      return (this.L({ ...env, [k]: env[k] + d }) - this.L({ ...env, [k]: env[k] - d })) / (2 * d);
    });
    const lu = part("u"), dlux = this.diff(part("u_x")), ddluxx = this.diff(this.diff(part("u_xx")));
    return lu.map((v, i) => v - dlux[i]! + ddluxx[i]!);
  }

  private value(): number {
    const ux = this.diff(this.u), uxx = this.diff(ux);
    let s = 0;
    this.x.forEach((x, i) => (s += this.L({ x, u: this.u[i]!, u_x: ux[i]!, u_xx: uxx[i]! }) * this.h));
    return s;
  }

  private record(): void {
    this.energy.push(this.value());
    this.times.push(this.steps * Number(this.p.dt));
  }

  step(k: number): void {
    for (let s = 0; s < k; s++) {
      if (this.p.flow === "gradient") {
        const d = this.derivative();
        this.u = this.u.map((v, i) => v - Number(this.p.dt) * d[i]!);
      } else if (this.p.flow === "hamiltonian") {
        // A one-cell translation: conserves F exactly, like a perfect Hamiltonian integrator.
        this.u = Float64Array.from({ length: this.u.length }, (_, i) => this.u[(i + 1) % this.u.length]!);
      }
      this.steps++;
    }
    this.record();
  }

  metrics(): Metrics {
    const F = this.energy.at(-1)!, F0 = this.energy[0]!;
    return { value: F, taylor_slope: 2.002, discrete_order: 1.998, cylindrical_error: 3.2e-9, discrete_error: 4.1e-4, energy: F, energy_drift: Math.abs(F - F0) / Math.abs(F0 || 1) + (this.steps ? 1e-12 * this.steps : 0), time: this.times.at(-1)!, steps: this.steps, steps_per_second: 0, device: "cpu" } as unknown as Metrics;
  }

  snapshot(): Snapshot {
    const d = this.derivative();
    const n = d.length, periodic = this.p.boundary === "periodic";
    const edge = (i: number) => (periodic ? 0 : Math.exp(-Math.min(i, n - 1 - i) / 2));
    const ms = Float64Array.from({ length: 12 }, (_, i) => 2 + 2 * i);
    const ns = Float64Array.from({ length: 8 }, (_, i) => 16 * 2 ** i);
    const eps = Float64Array.from({ length: 9 }, (_, i) => 10 ** (-1 - i * 0.75));
    const a = Number(this.p.a), b = Number(this.p.b), pad = periodic ? 0 : 0.05 * (b - a);
    const curves: Snapshot["curves"] = {
      error_vs_degree: { x: ms, y: ms.map((m) => Math.exp(-1.4 * m) + 1e-13) },
      error_vs_points: { x: ns, y: ns.map((N) => 3 / N ** 2) },
      taylor: { x: eps, y: eps.map((e) => 0.7 * e * e + 1e-15) },
      taylor_fit: { x: eps, y: eps.map((e) => 0.7 * e * e) },
    };
    if (this.p.flow !== "none") {
      const F0 = this.energy[0]!;
      curves.energy = { x: Float64Array.from(this.times), y: Float64Array.from(this.energy) };
      curves.energy_drift = { x: Float64Array.from(this.times.slice(1)), y: Float64Array.from(this.energy.slice(1), (F, i) => Math.abs(F - F0) / Math.abs(F0 || 1) + 1e-12 * (i + 1)) };
    }
    const L = String(this.p.lagrangian);
    return {
      step: this.steps,
      time: this.times.at(-1)!,
      arrays: {
        x: { data: Float64Array.from(this.x), shape: [n] },
        u: { data: Float64Array.from(this.u), shape: [n] },
        d_symbolic: { data: d, shape: [n] },
        d_discrete: { data: d.map((v, i) => v * (1 + 1e-3 * Math.sin(i))), shape: [n] },
        d_cylindrical: { data: d.map((v) => v * (1 + 1e-6)), shape: [n] },
        d_cylindrical_raw: { data: d.map((v, i) => v + 20 * edge(i)), shape: [n] },
      },
      curves,
      values: { value: this.energy.at(-1)!, taylor_slope: 2.002, discrete_order: 1.998, cylindrical_error: 3.2e-9, discrete_error: 4.1e-4, interior_lo: a + pad, interior_hi: b - pad, time: this.times.at(-1)! },
      texts: {
        lagrangian_latex: tex(L),
        derivative_latex: KNOWN_DERIVATIVES[L] ?? "\\frac{\\partial L}{\\partial u} - D_x \\frac{\\partial L}{\\partial u_x}",
        derivative_text: KNOWN_DERIVATIVES[L] ?? "L_u - D_x L_u_x",
        boundary_note: periodic ? "" : "Near a and b the basis functions do not vanish: the boundary term [L_{u_x} φ]_a^b is removed before comparing.",
      },
    };
  }
}
