// One lab's run state on the page: start/restart through the worker, play/pause/step/reset, the
// frame loop that draws the newest snapshot, and suspending while the tab is hidden or the figure
// is off screen. Knows nothing about layout; the page passes callbacks.
import type { GpuInfo, Metrics, Snapshot } from "../core/api";
import { WorkerError, type LabClient } from "../core/client";
import type { Params } from "../core/protocol";

export interface SessionCallbacks {
  draw(snapshot: Snapshot, metrics: Metrics): void;
  playing(playing: boolean): void;
  device(info: GpuInfo): void;
  warning(text: string): void;
  error(err: WorkerError): void;
  /** called after a successful (re)start; the page clears its error display */
  started(): void;
}

export class LabSession {
  private playing = false;
  private hidden = typeof document !== "undefined" && document.hidden;
  private offscreen = false;
  /** whether the worker's run loop is on (what we last told it) */
  private runningRemote = false;
  private dead = false;
  private latest: { snapshot: Snapshot; metrics: Metrics } | null = null;
  private frame = 0;
  private generation = 0;
  speed = 1;

  constructor(
    private readonly client: LabClient,
    private readonly lab: string,
    private params: Params,
    private seed: number,
    private readonly cb: SessionCallbacks,
  ) {
    this.attach();
  }

  private attach(): void {
    this.client.events = {
      snapshot: (snapshot, metrics, running) => {
        if (running) this.client.send({ type: "ack" });
        this.latest = { snapshot, metrics };
        if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
      },
      warning: (t) => this.cb.warning(t),
      device: (info) => this.cb.device(info),
      error: (err) => this.fail(err),
    };
  }

  private render(): void {
    this.frame = 0;
    const l = this.latest;
    if (!l) return;
    this.latest = null;
    const t0 = performance.now();
    this.cb.draw(l.snapshot, l.metrics);
    // Measured so tests (and curious people in devtools) can see that drawing keeps up.
    performance.measure?.("deltaf:draw", { start: t0, end: performance.now() });
  }

  private fail(err: WorkerError): void {
    if (err.fatal) this.dead = true;
    this.setPlaying(false, false);
    this.runningRemote = false;
    this.cb.error(err);
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  get isDead(): boolean {
    return this.dead;
  }

  /** (Re)creates the lab with the current params and seed; keeps play state unless told. */
  async start(opts: { params?: Params; seed?: number; keepPlaying?: boolean } = {}): Promise<boolean> {
    if (opts.params) this.params = opts.params;
    if (opts.seed !== undefined) this.seed = opts.seed;
    const gen = ++this.generation;
    this.runningRemote = false;
    if (this.dead) {
      this.client.restart();
      this.attach();
      this.dead = false;
    }
    try {
      await this.client.request({ type: "start", lab: this.lab, params: this.params, seed: this.seed });
    } catch (e) {
      if (gen !== this.generation) return false;
      this.fail(e instanceof WorkerError ? e : new WorkerError(String(e), false));
      return false;
    }
    if (gen !== this.generation) return false;
    this.cb.started();
    // Read the play state now, not before the await: Play pressed while the lab restarts counts.
    this.setPlaying(opts.keepPlaying ? this.playing : false);
    return true;
  }

  /** Back to step 0 with the same params and seed; a dead worker is replaced first. */
  reset(): Promise<boolean> {
    this.setPlaying(false, false);
    return this.start();
  }

  togglePlay(): void {
    this.setPlaying(!this.playing);
  }

  setPlaying(playing: boolean, sync = true): void {
    if (this.dead && playing) return;
    this.playing = playing;
    this.cb.playing(playing);
    if (sync) this.sync();
  }

  async step(): Promise<void> {
    if (this.dead) return;
    this.setPlaying(false, false);
    this.runningRemote = false;
    try {
      // Exactly one step: predictable, and cheap even where one step of a big lab is slow.
      await this.client.request({ type: "step", n: 1 });
    } catch (e) {
      this.fail(e instanceof WorkerError ? e : new WorkerError(String(e), false));
    }
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    if (this.runningRemote) this.client.send({ type: "run", stepsPerFrame: speed });
  }

  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    this.sync();
  }

  setOffscreen(offscreen: boolean): void {
    this.offscreen = offscreen;
    this.sync();
  }

  /** Tells the worker to run or pause when what should happen differs from what it does. */
  private sync(): void {
    if (this.dead) return;
    const want = this.playing && !this.hidden && !this.offscreen;
    if (want === this.runningRemote) return;
    this.runningRemote = want;
    if (want) this.client.send({ type: "run", stepsPerFrame: this.speed });
    else this.client.request({ type: "pause" }).catch((e) => this.fail(e instanceof WorkerError ? e : new WorkerError(String(e), false)));
  }

  /** Runs a wasm function in the worker (e.g. __testPanic); errors reach the banner. */
  async call(fn: Parameters<LabClient["call"]>[0], ...args: unknown[]): Promise<unknown> {
    try {
      return await this.client.call(fn, ...args);
    } catch (e) {
      this.fail(e instanceof WorkerError ? e : new WorkerError(String(e), false));
      return undefined;
    }
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.client.events = {};
  }
}
