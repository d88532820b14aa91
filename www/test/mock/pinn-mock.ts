// A stand-in for the Rust `pinn` lab with the same parameters and snapshot names (the contract in
// crate/src/pinn/lab.rs). Nothing is trained: the loss and the errors decay on a made-up clock,
// the prediction is the exact solution plus an error that shrinks with them.
import type { LabEntry, Metrics, ParamSpec, ParamValue, Snapshot } from "../../src/core/api";

export const PINN_ENTRY: LabEntry = { id: "pinn", title: "Neural solvers (PINN)", summary: "Train a small network on a functional differential equation or on viscous Burgers." };

const int = (name: string, label: string, def: number, min: number, max: number): ParamSpec => ({ name, label, kind: "int", default: def, min, max, step: 1, help: label });
export const PINN_SCHEMA: ParamSpec[] = [
  { name: "equation", label: "Equation", kind: "choice", default: "fte-linear", choices: ["fte-linear", "fte-spectrum15", "bhe-delta", "bhe-moderate", "burgers"], choiceLabels: ["Functional transport, a' linear (Legendre)", "Functional transport, a' spectrum15 (Legendre)", "Burgers–Hopf, delta (Fourier)", "Burgers–Hopf, moderate (Fourier)", "Viscous Burgers u(t, x) (classical PINN)"], help: "The equation." },
  int("degree", "Coefficients D", 10, 1, 20),
  int("width", "Width", 32, 4, 256),
  int("depth", "Hidden layers", 3, 1, 6),
  { name: "lr", label: "Learning rate", kind: "number", default: 3e-3, min: 1e-5, max: 1, step: 1e-5, log: true, help: "Adam." },
  int("batch", "Batch", 256, 16, 4096),
  { name: "exact_bc", label: "Exact initial condition", kind: "bool", default: true, help: "Output form." },
  { name: "device", label: "Compute on", kind: "choice", default: "auto", choices: ["auto", "gpu", "cpu"], help: "Where." },
  int("eval_every", "Evaluate every", 200, 10, 10000),
  int("slice_axis", "Slice along", 2, 0, 20),
  { name: "degree_study", label: "Degree study", kind: "bool", default: false, help: "Study." },
  int("study_steps", "Study steps per D", 2000, 100, 50000),
];

type Curve = { x: number[]; y: number[] };
const curve = (): Curve => ({ x: [], y: [] });
const f64 = (c: Curve) => ({ x: Float64Array.from(c.x), y: Float64Array.from(c.y) });
const grid = (n: number, lo: number, hi: number) => Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));

export class PinnRunner {
  private steps = 0;
  private readonly burgers: boolean;
  private readonly curves: Record<string, Curve> = { loss: curve(), loss_residual: curve(), loss_initial: curve(), loss_boundary: curve(), rel_l1: curve(), rel_l1_max: curve(), rel_l2: curve(), degree_study: curve() };
  private evalStep = 0;
  /** the error size at the last evaluation: slices and fields change only there, as in Rust */
  private evalSize = 0;
  private readonly t0 = performance.now();

  constructor(private readonly p: Record<string, ParamValue>) {
    this.burgers = p.equation === "burgers";
    this.evaluate();
  }

  /** The made-up error size after the current number of steps. */
  private size(): number {
    return 0.5 * Math.exp(-this.steps / 300) + 5e-4;
  }

  private evaluate(): void {
    const e = this.size(), x = this.steps;
    this.evalStep = x;
    this.evalSize = e;
    for (const [k, f] of [["rel_l1", 1], ["rel_l1_max", 8], ["rel_l2", 1.3]] as const) {
      this.curves[k]!.x.push(x);
      this.curves[k]!.y.push(e * f);
    }
  }

  step(k: number): void {
    for (let i = 0; i < k; i++) {
      this.steps++;
      if (this.steps % 10 === 0) {
        const l = this.size() ** 2;
        for (const [name, f] of [["loss", 1], ["loss_residual", 0.6], ["loss_initial", 0.3], ["loss_boundary", 0.1]] as const) {
          this.curves[name]!.x.push(this.steps);
          this.curves[name]!.y.push(l * f);
        }
      }
      if (this.steps % Number(this.p.eval_every) === 0) this.evaluate();
      const each = Number(this.p.study_steps);
      if (this.p.degree_study === true && !this.burgers && this.steps % each === 0 && this.steps / each <= 10) {
        this.curves.degree_study!.x.push(2 * (this.steps / each));
        this.curves.degree_study!.y.push(0.3 / (this.steps / each) ** 2);
      }
    }
  }

  metrics(): Metrics {
    const last = (k: string) => this.curves[k]!.y.at(-1) ?? NaN;
    const secs = (performance.now() - this.t0) / 1000;
    return { steps: this.steps, steps_per_second: secs > 0 ? this.steps / secs : 0, loss: this.size() ** 2, rel_l1: last("rel_l1"), rel_l1_max: last("rel_l1_max"), rel_l2: last("rel_l2"), num_params: this.burgers ? 2241 : 2465, device: "cpu" } as unknown as Metrics;
  }

  snapshot(): Snapshot {
    const e = this.evalSize;
    const curves: Snapshot["curves"] = {};
    const exactBc = this.p.exact_bc !== false;
    for (const [k, c] of Object.entries(this.curves)) {
      if ((k === "loss_initial" || k === "loss_boundary") && exactBc) continue;
      if (k === "loss_boundary" && !this.burgers) continue;
      if (k === "degree_study" && c.x.length === 0) continue;
      curves[k] = f64(c);
    }
    const values: Record<string, number> = { num_params: 2465, eval_every: Number(this.p.eval_every), eval_step: this.evalStep, test_points: 10000, t_max: 1, exact_bc: exactBc ? 1 : 0 };
    const texts: Record<string, string> = {
      condition_note: exactBc ? "The initial condition is exact by construction: $J = J_0(a) + t\\,N(t, a)$." : "The initial condition is a penalty term.",
      eval_note: `Errors on a fixed Latin-hypercube test set of 10000 points, evaluated every ${values.eval_every} steps (last at step ${this.evalStep}).`,
      device_note: "Forward and backward passes run on the CPU (f64, SIMD matrix products).",
    };
    const arrays: Snapshot["arrays"] = {};
    if (this.burgers) {
      const nt = 101, nx = 201, xs = grid(nx, -1, 1);
      const exact = (t: number, x: number) => -Math.sin(Math.PI * x) * Math.exp(-t);
      const fe = new Float32Array(nt * nx), fp = new Float32Array(nt * nx), ferr = new Float32Array(nt * nx);
      for (let i = 0; i < nt; i++) for (let j = 0; j < nx; j++) {
        const u = exact(i / (nt - 1), xs[j]!), d = e * Math.cos(3 * xs[j]!);
        fe[i * nx + j] = u;
        fp[i * nx + j] = u + d;
        ferr[i * nx + j] = d;
      }
      const times = [0.25, 0.5, 0.75];
      arrays.slice_x = { data: xs, shape: [nx] };
      arrays.slice_times = { data: Float64Array.from(times), shape: [3] };
      arrays.slice_exact = { data: Float64Array.from(times.flatMap((t) => Array.from(xs, (x) => exact(t, x)))), shape: [3, nx] };
      arrays.slice_pred = { data: Float64Array.from(times.flatMap((t) => Array.from(xs, (x) => exact(t, x) + e * Math.cos(3 * x)))), shape: [3, nx] };
      arrays.field_exact = { data: fe, shape: [nt, nx] };
      arrays.field_pred = { data: fp, shape: [nt, nx] };
      arrays.field_error = { data: ferr, shape: [nt, nx] };
      Object.assign(values, { d_in: 2, x_min: -1, x_max: 1 });
      Object.assign(texts, { equation_latex: "u_t + u\\,u_x = \\nu\\,u_{xx}", exact_latex: "u \\text{ by Cole–Hopf}", slice_label: "x" });
    } else {
      const degree = Number(this.p.degree), axis = Math.min(Number(this.p.slice_axis), degree);
      const lo = axis === 0 ? 0 : -1;
      const xs = grid(101, lo, 1);
      const fte = String(this.p.equation).startsWith("fte");
      arrays.slice_x = { data: xs, shape: [101] };
      arrays.slice_exact = { data: xs.map((x) => 0.8 * x - 0.6), shape: [101] };
      arrays.slice_pred = { data: xs.map((x) => 0.8 * x - 0.6 + e * (1 - x)), shape: [101] };
      Object.assign(values, { d_in: degree + 1, degree, slice_axis: axis, slice_lo: lo, slice_hi: 1 });
      if (this.p.degree_study === true && this.curves.degree_study!.x.length < 10) values.study_degree = 2 * (this.curves.degree_study!.x.length + 1);
      Object.assign(texts, fte
        ? { equation_latex: "\\partial_t J = -\\sum_k a'_k\\,\\partial J/\\partial a_k", exact_latex: "J = \\sum_k a'_k (a_k - t a'_k)", slice_label: axis === 0 ? "t" : `a_${axis - 1}` }
        : { equation_latex: "\\partial_\\tau W = \\sum_k a_k C_k\\,\\partial W/\\partial a_k", exact_latex: "W = -\\mu a_0 + \\dots", slice_label: axis === 0 ? "τ/T" : `a_${axis - 1} / c_${axis - 1}` });
    }
    return { step: this.steps, time: this.steps, arrays, curves, values, texts };
  }
}
