// Types of the wasm-bindgen package `pkg/deltaf.js`, imported as "@pkg" (alias in vite.config.ts,
// `paths` in tsconfig.json). Written against the contract in api.ts, so the site type-checks
// whether or not pkg/ has been built, and a drift between the two shows up in one place.
import type { DrawnFunction, FunctionalPreset, FunctionalResult, FunctionalSpec, GpuInfo, LabEntry, LabRunnerApi, Metrics, ParamSpec, ParamValue, PinnEquation, SelfTestReport, Snapshot } from "./api";

/** Fetches and instantiates deltaf_bg.wasm (next to deltaf.js unless a URL/module is given). */
export default function init(input?: { module_or_path: unknown }): Promise<unknown>;
export function initSync(input: { module: WebAssembly.Module | BufferSource }): unknown;

export function listLabs(): LabEntry[];
export function labSchema(id: string): ParamSpec[];
export function gpuInfo(): Promise<GpuInfo>;
export function gpuSelfTest(n: number): Promise<SelfTestReport>;
export function functionalPresets(): FunctionalPreset[];
/** A least-squares fit of drawn samples, as an expression in x for the `u` parameter. */
export function fitDrawnFunction(drawn: DrawnFunction): string;
export function evaluateFunctional(spec: FunctionalSpec): FunctionalResult;
/** Exact (or Cole–Hopf reference) solution of a pinn-lab equation in physical coordinates (see `PinnExact`). */
export function pinnExact(equation: PinnEquation, t: number, a: Float64Array | number[]): number;
/** Panics on purpose: the page's error path for a dead wasm instance is tested with it. */
export function __testPanic(): void;
/** Beyond api.ts (web.rs test hook): destroys the shared GPU device as a driver reset would. */
export function __loseGpuForTest(): boolean;

export class LabRunner implements LabRunnerApi {
  /** Throws an Error naming the parameter when a value is invalid. */
  constructor(id: string, params: Record<string, ParamValue>, seed: bigint | number);
  step(n: number): void;
  stepAsync(n: number): Promise<void>;
  useGpu(): Promise<GpuInfo>;
  useCpu(reason: string): void;
  metrics(): Metrics;
  snapshot(): Snapshot;
  warnings(): string[];
  params(): Record<string, ParamValue>;
  free(): void;
  /** Beyond api.ts (web.rs): what runs the lab now and, on the CPU, why. */
  device(): { device: "gpu" | "cpu"; adapter: string; reason: string };
  labId(): string;
  /** the seed as decimal text (a u64 may not fit a JS number) */
  seed(): string;
}
