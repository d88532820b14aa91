// Everything the worker does, written against the API module so unit tests can drive it with a
// mock. worker.ts only wires it to `self`. The host owns the one LabRunner; every operation on it
// goes through one queue, because wasm-bindgen objects refuse re-entrant use while an async step
// is pending.
import type { GpuInfo, LabRunnerApi, ParamValue, Snapshot } from "./api";
import type { Params, Reply, Request } from "./protocol";
import { snapshotTransferables } from "./protocol";
import { describeError, isFatal, TimeoutError, withTimeout } from "./errors";
import { callModule } from "./worker-calls";

/** Beyond api.ts: what the Rust runner says runs it now (web.rs has it; the host copes without). */
export interface RunnerDevice {
  device: string;
  adapter: string;
  reason: string;
}
type Runner = LabRunnerApi & { device?(): RunnerDevice };

export interface DeltaFModule {
  listLabs(): unknown;
  labSchema(id: string): unknown;
  gpuInfo(): Promise<GpuInfo>;
  gpuSelfTest(n: number): Promise<unknown>;
  /** functional lab (optional: a build without it answers "not in this build") */
  functionalPresets?(): unknown;
  fitDrawnFunction?(args: unknown): unknown;
  evaluateFunctional?(spec: unknown): unknown;
  __testPanic(): void;
  /** test hook: destroys the shared GPU device as a driver reset would (optional) */
  __loseGpuForTest?(): boolean;
  LabRunner: new (id: string, params: Record<string, ParamValue>, seed: bigint) => Runner;
}

export type Post = (reply: Reply, transfer?: Transferable[]) => void;

export interface HostTimeouts {
  /** adapter/device request (useGpu, gpuInfo) */
  gpuMs: number;
  /** one GPU step; SwiftShader can be slow, but past this the device counts as hung */
  gpuStepMs: number;
  selfTestMs: number;
}

export const DEFAULT_TIMEOUTS: HostTimeouts = { gpuMs: 5000, gpuStepMs: 15000, selfTestMs: 60000 };
/** Work per batch: one display frame, so pause and new requests are answered within a frame. */
export const FRAME_BUDGET_MS = 16;
/** Snapshots posted but not yet drawn; beyond this the run loop waits for the page. */
const MAX_UNDRAWN = 2;


const cpuInfo = (reason: string): GpuInfo => ({ available: false, adapter: "", backend: "", fallback: false, reason });

export class WorkerHost {
  private runner: Runner | null = null;
  /** runner.warnings() is cumulative: how many of them were already posted */
  private warningsPosted = 0;
  private started: { lab: string; params: Params; seed: number } | null = null;
  private onGpu = false;
  private queue: Promise<unknown> = Promise.resolve();
  private running = false;
  private runToken = 0;
  private runId = 0;
  private stepsPerFrame = 1;
  private msPerStep = 1;
  private undrawn = 0;
  private drawn: (() => void) | null = null;
  private dead: string | null = null;
  private lastSnapshotAt = 0;
  private stepsAtLastSnapshot = 0;

  constructor(
    private readonly api: DeltaFModule,
    private readonly ready: Promise<unknown>,
    private readonly post: Post,
    private readonly timeouts: HostTimeouts = DEFAULT_TIMEOUTS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async handle(req: Request): Promise<void> {
    try {
      await this.ready;
    } catch (e) {
      this.fail(req.id, new Error(`Could not load the WebAssembly module: ${describeError(e).text}`), true);
      return;
    }
    if (this.dead !== null) {
      if (req.type !== "ack" && req.type !== "pause") {
        this.post({ id: req.id, type: "error", text: `The lab stopped after an internal error (${this.dead}). Press Reset.`, fatal: true });
      }
      return;
    }
    try {
      switch (req.type) {
        case "start":
          this.pauseLoop();
          await this.enqueue(() => this.start(req.id, req.lab, req.params, req.seed));
          break;
        case "reset":
          this.pauseLoop();
          if (!this.started) throw new Error("reset before start");
          await this.enqueue(() => this.start(req.id, this.started!.lab, this.started!.params, this.started!.seed));
          break;
        case "step":
          this.pauseLoop();
          await this.enqueue(() => this.stepAndPost(req.id, req.n));
          break;
        case "run":
          this.stepsPerFrame = Math.max(1, Math.floor(req.stepsPerFrame));
          this.runId = req.id;
          if (!this.running) {
            this.running = true;
            void this.runLoop(++this.runToken);
          }
          break;
        case "pause":
          this.pauseLoop();
          await this.enqueue(async () => this.postSnapshot(req.id));
          break;
        case "ack":
          this.undrawn = Math.max(0, this.undrawn - 1);
          this.drawn?.();
          return;
        case "call":
          this.post({ id: req.id, type: "result", value: await callModule(this.api, req.fn, req.args, this.timeouts) });
          return;
      }
      if (req.type !== "run") this.post({ id: req.id, type: "result", value: true });
    } catch (e) {
      this.fail(req.id, e, isFatal(e));
    }
  }

  private fail(id: number, e: unknown, fatal: boolean): void {
    const { text, span, param } = describeError(e);
    if (fatal) {
      this.dead = text;
      this.pauseLoop();
    }
    this.post({ id, type: "error", text, ...(span ? { span } : {}), ...(param ? { param } : {}), ...(fatal ? { fatal: true } : {}) });
  }

  private enqueue<T>(op: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private pauseLoop(): void {
    this.running = false;
    this.runToken++;
    this.drawn?.();
  }

  private async start(id: number, lab: string, params: Params, seed: number): Promise<void> {
    // The new runner is built before the old one is freed: when the params are rejected (a typo
    // in a formula) the last good lab stays, so the page keeps showing and running it.
    const next = new this.api.LabRunner(lab, params, BigInt(seed));
    this.runner?.free();
    this.runner = next;
    this.onGpu = false;
    this.msPerStep = 1;
    this.started = { lab, params, seed };
    this.warningsPosted = 0;
    this.postWarnings(id);
    await this.chooseDevice(id, params);
    this.postWarnings(id);
    this.stepsAtLastSnapshot = 0;
    this.lastSnapshotAt = this.now();
    this.postSnapshot(id);
  }

  /** GPU when the lab's `device` param allows it and an adapter answers in time; the CPU otherwise. */
  private async chooseDevice(id: number, params: Params): Promise<void> {
    const runner = this.runner!;
    const device = params.device;
    if (device === undefined) {
      this.post({ id, type: "device", info: cpuInfo("this lab runs on the CPU") });
      return;
    }
    if (device === "cpu") {
      runner.useCpu("CPU chosen in the device setting");
      this.post({ id, type: "device", info: cpuInfo("CPU chosen in the device setting") });
      return;
    }
    let info: GpuInfo;
    try {
      info = await withTimeout(runner.useGpu(), this.timeouts.gpuMs, "WebGPU adapter request");
    } catch (e) {
      if (isFatal(e)) throw e;
      info = cpuInfo(`WebGPU unavailable: ${describeError(e).text}`);
      // A timed-out useGpu may still hold the runner; a fresh CPU runner is the safe way on.
      if (e instanceof TimeoutError) this.recreateOnCpu(id, params);
    }
    if (info.available) {
      this.onGpu = true;
    } else {
      const reason = info.reason || "WebGPU unavailable";
      this.tryUseCpu(id, reason);
      info = { ...info, reason };
      if (device === "gpu") this.post({ id, type: "warning", text: `GPU requested, but ${reason}; running on the CPU.` });
    }
    this.post({ id, type: "device", info });
  }

  /** Posts the runner's warnings not posted yet (clamps at creation, runtime fallbacks). */
  private postWarnings(id: number): void {
    const all = this.runner?.warnings() ?? [];
    if (all.length < this.warningsPosted) this.warningsPosted = 0;
    for (const text of all.slice(this.warningsPosted)) this.post({ id, type: "warning", text });
    this.warningsPosted = all.length;
  }

  /** The runner may leave the GPU by itself (web.rs falls back inside stepAsync): follow it. */
  private followDevice(id: number): void {
    const runner = this.runner;
    if (!this.onGpu || !runner) return;
    const d = typeof runner.device === "function" ? runner.device() : { device: String((runner.metrics() as { device?: unknown }).device ?? "gpu"), adapter: "", reason: "" };
    if (d.device === "cpu") {
      this.onGpu = false;
      this.post({ id, type: "device", info: cpuInfo(d.reason || "the GPU stopped working") });
    }
  }

  private tryUseCpu(id: number, reason: string): void {
    try {
      this.runner!.useCpu(reason);
    } catch (e) {
      if (isFatal(e)) throw e;
      this.recreateOnCpu(id, this.started!.params);
    }
  }

  private recreateOnCpu(id: number, params: Params): void {
    const s = this.started!;
    try {
      this.runner?.free();
    } catch {
      // a runner borrowed by a hung future cannot be freed; drop it
    }
    this.runner = new this.api.LabRunner(s.lab, { ...params, device: "cpu" }, BigInt(s.seed));
    this.warningsPosted = this.runner.warnings().length;
    this.post({ id, type: "warning", text: "The GPU did not answer; the lab was restarted on the CPU." });
  }

  private async stepRunner(id: number, n: number): Promise<void> {
    const runner = this.runner;
    if (!runner) throw new Error("no lab is running");
    if (!this.onGpu) {
      runner.step(n);
      this.postWarnings(id);
      return;
    }
    try {
      await withTimeout(runner.stepAsync(n), this.timeouts.gpuStepMs, "GPU step");
      this.postWarnings(id);
      this.followDevice(id);
    } catch (e) {
      if (isFatal(e)) throw e;
      // Device lost, hung or failing: carry on with the same state on the CPU.
      const reason = `GPU device lost: ${describeError(e).text}`;
      this.onGpu = false;
      this.tryUseCpu(id, reason);
      this.post({ id, type: "warning", text: `${reason}. Continuing on the CPU.` });
      this.post({ id, type: "device", info: cpuInfo(reason) });
      this.runner!.step(n);
    }
  }

  private async stepAndPost(id: number, n: number): Promise<void> {
    await this.stepRunner(id, Math.max(1, Math.floor(n)));
    this.postSnapshot(id);
  }

  private postSnapshot(id: number): void {
    const runner = this.runner;
    if (!runner) return;
    const snapshot: Snapshot = runner.snapshot();
    const metrics = runner.metrics();
    // Labs report steps/s themselves; where one does not, measure it here.
    if (metrics.steps_per_second === undefined) {
      const t = this.now();
      const dt = (t - this.lastSnapshotAt) / 1000;
      metrics.steps_per_second = dt > 0 ? (snapshot.step - this.stepsAtLastSnapshot) / dt : 0;
      this.lastSnapshotAt = t;
      this.stepsAtLastSnapshot = snapshot.step;
    }
    this.post({ id, type: "snapshot", snapshot, metrics, running: this.running }, snapshotTransferables(snapshot));
  }

  private async runLoop(token: number): Promise<void> {
    const live = () => this.running && token === this.runToken;
    while (live()) {
      if (this.undrawn >= MAX_UNDRAWN) {
        await new Promise<void>((resolve) => (this.drawn = resolve));
        this.drawn = null;
        continue;
      }
      const n = Math.max(1, Math.min(this.stepsPerFrame, Math.floor(FRAME_BUDGET_MS / this.msPerStep)));
      try {
        await this.enqueue(async () => {
          if (!live()) return;
          const t0 = this.now();
          await this.stepRunner(this.runId, n);
          const per = Math.max(1e-3, (this.now() - t0) / n);
          this.msPerStep = 0.7 * this.msPerStep + 0.3 * per;
          this.undrawn++;
          this.postSnapshot(this.runId);
        });
      } catch (e) {
        // A lab error (e.g. a blow-up) stops the run; its state is kept and shown.
        this.running = false;
        this.fail(this.runId, e, isFatal(e));
        this.enqueue(() => this.postSnapshot(this.runId)).catch(() => undefined);
        return;
      }
      // Let queued messages (pause, ack, param changes) in before the next batch.
      await new Promise((r) => setTimeout(r, 0));
    }
  }
}
