// Messages between the page (main thread) and the worker that owns the wasm instance.
// Every request carries an id; every reply names the id of the request it answers
// (a snapshot produced by a `run` names the `run` request).
import type { GpuInfo, Metrics, ParamValue, Snapshot } from "./api";

export type Params = Record<string, ParamValue>;

/** Functions of the wasm API that may be called by name through `call`. */
export type CallName =
  | "listLabs"
  | "labSchema"
  | "gpuInfo"
  | "gpuSelfTest"
  | "functionalPresets"
  | "fitDrawnFunction"
  | "evaluateFunctional"
  | "__testPanic"
  | "__loseGpuForTest";

export type Request =
  | { id: number; type: "start"; lab: string; params: Params; seed: number }
  | { id: number; type: "step"; n: number }
  | { id: number; type: "run"; stepsPerFrame: number }
  | { id: number; type: "pause" }
  | { id: number; type: "reset" }
  /** the page drew the last snapshot; the worker keeps at most a few undrawn ones in flight */
  | { id: number; type: "ack" }
  | { id: number; type: "call"; fn: CallName; args: unknown[] };

/** A request as the page writes it, before the client gives it an id. */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
export type RequestBody = WithoutId<Request>;

export type Reply =
  | { id: number; type: "snapshot"; snapshot: Snapshot; metrics: Metrics; running: boolean }
  | { id: number; type: "warning"; text: string }
  /** `param` and `span` locate an input error (which parameter, which characters of its text) */
  | { id: number; type: "error"; text: string; span?: [number, number]; param?: string; fatal?: boolean }
  | { id: number; type: "device"; info: GpuInfo }
  | { id: number; type: "progress"; done: number; total: number }
  /** the answer to `call`, and the acknowledgement of start/pause/reset */
  | { id: number; type: "result"; value: unknown };

/** Arrays inside a snapshot, listed so postMessage can transfer instead of copy them. */
export function snapshotTransferables(s: Snapshot): Transferable[] {
  const out: Transferable[] = [];
  const seen = new Set<ArrayBufferLike>();
  const add = (a: ArrayBufferView) => {
    const b = a.buffer;
    // A SharedArrayBuffer (threaded wasm) cannot be transferred, and a buffer is listed once.
    if (b instanceof ArrayBuffer && !seen.has(b)) {
      seen.add(b);
      out.push(b);
    }
  };
  for (const a of Object.values(s.arrays)) add(a.data);
  for (const c of Object.values(s.curves)) {
    add(c.x);
    add(c.y);
  }
  return out;
}
