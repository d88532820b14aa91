// Types of the JS API that `pkg/deltaf.js` (wasm-bindgen output of crate/src/web.rs) exposes.
// wasm-bindgen types JsValue as `any`; this file is the typed contract the site and tests rely on.
// Keep it in step with crate/src/web.rs and crate/src/lab/ (the Rust side is the source of truth).

/** One lab in the registry, as `listLabs()` returns it. */
export interface LabEntry {
  id: string;
  title: string;
  summary: string;
}

export type ParamKind = "number" | "int" | "bool" | "choice" | "expression";
export type ParamValue = number | boolean | string;

/** One parameter of a lab, declared once in Rust; forms, URL state and clamping follow from it. */
export interface ParamSpec {
  name: string;
  label: string;
  kind: ParamKind;
  default: ParamValue;
  /** number/int only */
  min?: number;
  max?: number;
  step?: number;
  /** number only: draw the slider on a log scale (e.g. step sizes, bandwidths) */
  log?: boolean;
  /** choice only: allowed values; labels for them are `choiceLabels` when present */
  choices?: string[];
  choiceLabels?: string[];
  /** expression only: the longest accepted text */
  maxLength?: number;
  /** one or two sentences, with units */
  help: string;
}

/** What `gpuInfo()` resolves to. `adapter` is empty when unavailable; `reason` empty when available. */
export interface GpuInfo {
  available: boolean;
  adapter: string;
  backend: string;
  fallback: boolean;
  reason: string;
}

/** What `gpuSelfTest(n)` resolves to (the Device page). */
export interface SelfTestReport {
  n: number;
  dim: number;
  bandwidth: number;
  gpu: GpuInfo;
  /** null when no GPU ran */
  gpuMs: number | null;
  cpuMs: number;
  /** normwise relative error of the GPU result vs an f64 reference, max_i |gpu − ref| / max_i |ref|,
   *  worst of sums and gradients; null when no GPU ran */
  maxRelError: number | null;
  /** the same measure for the CPU (f32) path */
  cpuMaxRelError: number;
}

export interface SnapshotArray {
  data: Float32Array | Float64Array;
  shape: number[];
}

export interface Curve {
  x: Float64Array;
  y: Float64Array;
}

/** What `runner.snapshot()` returns: named flat arrays and curves, copied out of wasm memory. */
export interface Snapshot {
  step: number;
  time: number;
  arrays: Record<string, SnapshotArray>;
  curves: Record<string, Curve>;
  /** small named scalars the view needs (e.g. plot extents) */
  values: Record<string, number>;
  /** short named texts: formulas in LaTeX, notes (always shown as text or through KaTeX, never as HTML) */
  texts: Record<string, string>;
}

/** `metrics()`: named numbers plus `device` ("gpu" | "cpu"). */
export type Metrics = Record<string, number> & { device?: string };

export interface LabRunnerApi {
  step(n: number): void;
  stepAsync(n: number): Promise<void>;
  useGpu(): Promise<GpuInfo>;
  useCpu(reason: string): void;
  metrics(): Metrics;
  snapshot(): Snapshot;
  warnings(): string[];
  params(): Record<string, ParamValue>;
  free(): void;
}

// ---------------------------------------------------------------- functional-derivative lab

export type BoundaryKind = "periodic" | "dirichlet" | "free";

/** `evaluateFunctional(spec)`: F[u] = ∫_a^b L(x, u, u_x, u_xx) dx and δF/δu on N grid points. */
export interface FunctionalSpec {
  lagrangian: string;
  /** typed u(x), or N samples on the grid (a drawn function: derivatives by FFT / finite differences) */
  u: string | Float64Array | number[];
  domain: [number, number];
  points: number;
  boundary: BoundaryKind;
  method: "symbolic" | "discrete" | "cylindrical";
  basis?: "legendre" | "fourier";
  /** number m of basis functions (cylindrical) */
  degree?: number;
}

export interface FunctionalResult {
  /** N uniform points from a to b (b excluded when periodic) */
  x: Float64Array;
  u: Float64Array;
  /** F[u]; for typed u by adaptive Gauss–Legendre quadrature, independent of the grid */
  value: number;
  /** δF/δu at x by the chosen method */
  derivative: Float64Array;
  /** cylindrical on a non-periodic domain: the sum with the boundary terms still in */
  derivativeRaw?: Float64Array;
  /** the Euler–Lagrange expression L_u − D_x L_{u_x} + D_x² L_{u_xx}, as text and LaTeX */
  formula: string;
  latex: string;
}

/** `functionalPresets()`: one-click settings of the `functional` lab (parameter values by name). */
export interface FunctionalPreset {
  id: string;
  title: string;
  description: string;
  params: Record<string, ParamValue>;
}

/** `fitDrawnFunction(drawn)`: samples of a drawn u(x) (any order, any spacing) → a smooth
 *  least-squares fit in the lab's basis, returned as an expression in x for the `u` parameter. */
export interface DrawnFunction {
  x: Float64Array | number[];
  y: Float64Array | number[];
  domain: [number, number];
  /** fit with a periodic basis (the lab's boundary is periodic) */
  periodic: boolean;
  /** number of basis functions / polynomial degree of the fit */
  degree: number;
}

// ---------------------------------------------------------------- pinn lab

/** `pinnExact(equation, t, a)`: the exact solution of an FDE in physical coordinates (J(a, t) for
 *  fte-*, W(a, τ) for bhe-*, a = coefficients a_0..a_{D−1}) or the Cole–Hopf reference u(x, t) of
 *  Burgers (a = [x]). Throws an `input` Error for an unknown equation or bad coordinates. */
export type PinnExact = (equation: PinnEquation, t: number, a: Float64Array | number[]) => number;

export type PinnEquation = "fte-linear" | "fte-spectrum15" | "bhe-delta" | "bhe-moderate" | "burgers";

/** The `pinn` lab's snapshot (the contract is documented in crate/src/pinn/lab.rs). One lab step
 *  is one optimizer step; errors are evaluated every `eval_every` steps on a fixed 10⁴-point
 *  Latin-hypercube test set. Metrics: `loss`, `loss_residual`, `loss_initial`, `loss_boundary`,
 *  `rel_l1`, `rel_l1_max`, `rel_l2`, `eval_step`, `optimizer_steps` (goes back when a blow-up
 *  restores a checkpoint), `lr`, `grad_norm`, `num_params`, plus `steps`, `steps_per_second`, `device`. */
export interface PinnSnapshot extends Snapshot {
  curves: {
    /** x = optimizer step; means over windows of 10 steps */
    loss: Curve;
    loss_residual: Curve;
    /** only without exact_bc */
    loss_initial?: Curve;
    /** Burgers without exact_bc only */
    loss_boundary?: Curve;
    /** x = step of each evaluation; Σ|pred − exact| / Σ|exact| over the test set */
    rel_l1: Curve;
    /** max|pred − exact| / mean|exact| */
    rel_l1_max: Curve;
    /** ‖pred − exact‖₂ / ‖exact‖₂ (the usual measure for Burgers) */
    rel_l2: Curve;
    /** x = D, y = rel_l1 against the 20-coefficient exact solution; once the study has a point */
    degree_study?: Curve;
  } & Record<string, Curve>;
  arrays: {
    /** FDE: [101] normalized coordinate `slice_axis` from slice_lo to slice_hi; Burgers: [201] x from −1 to 1 */
    slice_x: SnapshotArray;
    /** FDE: [101]; Burgers: [3, 201] at t = slice_times */
    slice_pred: SnapshotArray;
    slice_exact: SnapshotArray;
    /** Burgers only: [3] = 0.25, 0.5, 0.75 */
    slice_times?: SnapshotArray;
    /** Burgers only, Float32Array [nt = 101, nx = 201]: rows t = i/100, columns x = −1 + j/100; error = pred − exact */
    field_pred?: SnapshotArray;
    field_exact?: SnapshotArray;
    field_error?: SnapshotArray;
  } & Record<string, SnapshotArray>;
  /** d_in, num_params, eval_every, eval_step, test_points, t_max, max_width, max_depth, max_batch,
   *  exact_bc (0/1); FDE: degree, slice_axis, slice_lo, slice_hi; Burgers: x_min, x_max;
   *  study_degree while the degree study trains */
  values: Record<string, number>;
  /** equation (the parameter value), equation_latex, exact_latex, condition_note (how the conditions are imposed, with $…$ math),
   *  slice_label, eval_note, device_note */
  texts: Record<string, string>;
}

// ---------------------------------------------------------------- particle samplers lab

/** Algorithms of the `particles` lab (`algorithm` and `compare` parameters). */
export type ParticleAlgorithm = "ula" | "mala" | "svgd" | "kde-wgd" | "sge-wgd" | "ssge-wgd" | "mfld";

/** Parameters of `new LabRunner("particles", params, seed)`; every one optional (schema defaults).
 *  The schema (`labSchema("particles")`) holds ranges, labels and help; crate/src/particles/params.rs
 *  is the source. */
export interface ParticlesParams {
  target?: "gaussian" | "banana" | "donut" | "funnel" | "mixture" | "typed";
  algorithm?: ParticleAlgorithm;
  /** a second algorithm run side by side on the same target, particles and seed */
  compare?: "none" | ParticleAlgorithm;
  /** 16 … 65 536 particles (sge-wgd: at most 1024, with a notice) */
  n?: number;
  /** flow step ε (Adam's learning rate) or Langevin step δ */
  step?: number;
  optimizer?: "plain" | "adam";
  /** RBF bandwidth h in exp(−|x−y|²/(2h)); 0 = median heuristic (256-particle subsample, every 10 steps) */
  bandwidth?: number;
  /** ULA/MALA noise scale τ */
  noise?: number;
  /** mean-field Langevin temperature σ */
  sigma?: number;
  /** typed target: log p(x, y) up to a constant */
  logdensity?: string;
  /** mean-field Langevin: V(x, y) and W(x, y) of the difference of two particles */
  potential?: string;
  interaction?: string;
  mixture_k?: number;
  /** metric evaluations every k steps; 0 = automatic (≤ ~25% of the run) */
  metrics_every?: number;
  device?: "auto" | "gpu" | "cpu";
}

/** `metrics()` of the `particles` lab. The `_b` twins exist when `compare` is not "none";
 *  `mmd`, `ksd`, `free_energy` are from the last metric evaluation (`metrics_step`),
 *  `mean_error` and `cov_error` from the current particles. */
export interface ParticlesMetrics {
  steps: number;
  steps_per_second: number;
  device: "gpu" | "cpu";
  time: number;
  metrics_step: number;
  /** √MMD²_b (biased, ≥ 0), RBF h = 0.5, ≤ 2048 particles (strided) against 1000 reference samples;
   *  for n exact samples it would sit near √(c·(1/n + 1/1000)), c = E k(x,x) − E k(x,y) */
  mmd: number;
  /** MMD²_u, the unbiased estimate: ~0, of either sign, once the particles are as good as exact samples */
  mmd2_unbiased: number;
  /** kernel Stein discrepancy (V-statistic), RBF h = 0.5, ≤ 1024 particles */
  ksd: number;
  /** ‖mean − target mean‖₂ */
  mean_error: number;
  /** ‖cov − Σ‖_F / ‖Σ‖_F (covariance with 1/(n−1)) */
  cov_error: number;
  /** KL(μ‖p) (− log Z for a typed target), or mean-field Langevin's F(μ); entropy by a KDE */
  free_energy: number;
  /** the kernel bandwidth in use (NaN for Langevin algorithms) */
  bandwidth: number;
  /** MALA only: accepted fraction in the last step */
  acceptance?: number;
  [twin: `${string}_b`]: number;
}

/** `snapshot()` of the `particles` lab (crate/src/particles/lab.rs documents the same contract).
 *  Arrays are Float32Array; n = `values.n`. */
export interface ParticlesSnapshot extends Snapshot {
  arrays: {
    /** [n, 2] positions (and `points_b` for the comparison run) */
    points: SnapshotArray;
    points_b?: SnapshotArray;
    /** [n, 2] the last step's velocity: φ for flows, ∇log p for ULA/MALA, the drift for mfld */
    velocity: SnapshotArray;
    velocity_b?: SnapshotArray;
    /** [128, 128] exp(log p − max) at cell centres, row-major, row 0 at y0 (bottom), over x0…x1 × y0…y1 */
    density: SnapshotArray;
    /** [64] histograms of the particles over the frame, as densities (`_b` twins) */
    marginal_x: SnapshotArray;
    marginal_y: SnapshotArray;
    marginal_x_b?: SnapshotArray;
    marginal_y_b?: SnapshotArray;
    /** [64] the target's marginal densities on the same bins */
    target_marginal_x: SnapshotArray;
    target_marginal_y: SnapshotArray;
  };
  /** mmd, ksd, mean_error, cov_error, free_energy (+ `_b` twins); x = step, one point per metric evaluation */
  curves: Record<"mmd" | "ksd" | "mean_error" | "cov_error" | "free_energy", Curve> & Record<string, Curve>;
  /** x0, x1, y0, y1 (the frame), extent (max |coordinate| of the frame), n, step_size, bandwidth(_b),
   *  metrics_every, reference_exact (1 exact samples, 0 long-run MALA), acceptance(_b) for MALA */
  values: Record<string, number>;
  /** algorithm, algorithm_b, target, target_id, target_definition (display LaTeX of any target), target_formula and target_latex (typed/Gibbs log-density as text and LaTeX), free_energy
   *  (which F is plotted), reference (what the metrics compare against), compute (what ran where) */
  texts: Record<string, string>;
}
