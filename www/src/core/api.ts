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
