// The page's side of the worker protocol: numbered requests, replies routed back by id, and a
// restart that replaces a worker whose wasm instance died (no page reload; form state is kept).
import type { GpuInfo, Metrics, Snapshot } from "./api";
import type { CallName, Reply, RequestBody } from "./protocol";

export class WorkerError extends Error {
  constructor(message: string, readonly fatal: boolean, readonly span?: [number, number], readonly param?: string) {
    super(message);
    this.name = "WorkerError";
  }
}

export interface ClientEvents {
  snapshot(snapshot: Snapshot, metrics: Metrics, running: boolean): void;
  warning(text: string): void;
  /** errors that answer no pending request (e.g. a run loop that failed) */
  error(err: WorkerError): void;
  device(info: GpuInfo): void;
}

type Pending = { resolve(v: unknown): void; reject(e: unknown): void };

export type WorkerFactory = () => Worker;

/** Vite bundles the worker from this literal `new URL(…)` form; keep it literal. */
export const defaultWorker: WorkerFactory = () => new Worker(new URL("../worker.ts", import.meta.url), { type: "module", name: "deltaf" });

export class LabClient {
  private worker!: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  /** Set by the page; replaced as a whole so a page can detach its handlers. */
  events: Partial<ClientEvents> = {};

  constructor(private readonly factory: WorkerFactory = defaultWorker) {
    this.spawn();
  }

  private spawn(): void {
    this.worker = this.factory();
    this.worker.onmessage = (e: MessageEvent<Reply>) => this.receive(e.data);
    this.worker.onerror = (e: ErrorEvent) => {
      // A worker that failed to load (script error) answers nothing: fail every waiting request.
      const err = new WorkerError(`The compute worker failed: ${e.message || "could not load"}`, true);
      e.preventDefault();
      this.rejectAll(err);
      this.events.error?.(err);
    };
  }

  /** Terminates the worker (and its wasm instance) and starts a fresh one. */
  restart(): void {
    this.worker.terminate();
    this.rejectAll(new WorkerError("The worker was restarted.", false));
    this.spawn();
  }

  terminate(): void {
    this.worker.terminate();
    this.rejectAll(new WorkerError("The worker was stopped.", false));
  }

  private rejectAll(err: WorkerError): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(err);
  }

  /** Sends a request and resolves with its `result` reply (rejects with its `error` reply). */
  request(body: RequestBody): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id });
    });
  }

  /** Sends a request whose replies arrive as events only (run, ack). */
  send(body: RequestBody): number {
    const id = this.nextId++;
    this.worker.postMessage({ ...body, id });
    return id;
  }

  call<T>(fn: CallName, ...args: unknown[]): Promise<T> {
    return this.request({ type: "call", fn, args }) as Promise<T>;
  }

  private receive(r: Reply): void {
    switch (r.type) {
      case "snapshot":
        this.events.snapshot?.(r.snapshot, r.metrics, r.running);
        return;
      case "warning":
        this.events.warning?.(r.text);
        return;
      case "device":
        this.events.device?.(r.info);
        return;
      case "progress":
        return;
      case "result": {
        const p = this.pending.get(r.id);
        this.pending.delete(r.id);
        p?.resolve(r.value);
        return;
      }
      case "error": {
        const err = new WorkerError(r.text, !!r.fatal, r.span, r.param);
        const p = this.pending.get(r.id);
        this.pending.delete(r.id);
        if (p) p.reject(err);
        else this.events.error?.(err);
        // A fatal error also fails everything else that waits on this worker.
        if (r.fatal) this.rejectAll(err);
      }
    }
  }
}
