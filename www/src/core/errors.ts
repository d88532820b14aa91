// Turning whatever wasm or the browser throws into text for the banner, and telling a dead
// wasm instance (a Rust panic traps as `RuntimeError: unreachable`) from an ordinary error.

export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${(ms / 1000).toFixed(0)} s`);
    this.name = "TimeoutError";
  }
}

/** Rejects after `ms`; the underlying promise is left to settle (or not) on its own. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** A trap leaves the wasm instance in an unknown state: only a fresh worker can go on. */
export function isFatal(e: unknown): boolean {
  if (typeof WebAssembly !== "undefined" && e instanceof WebAssembly.RuntimeError) return true;
  // (a RuntimeError from another realm, e.g. after structured cloning, keeps only its name)
  return e instanceof Error && e.name === "RuntimeError";
}

export interface ErrorDescription {
  text: string;
  /** [start, end) character offsets into the offending parameter's text */
  span?: [number, number];
  /** the parameter the error is about (wasm input errors name it) */
  param?: string;
}

export function describeError(e: unknown): ErrorDescription {
  if (e instanceof Error || (typeof e === "object" && e !== null && "message" in e)) {
    const err = e as { message: unknown; name?: unknown; span?: unknown; param?: unknown };
    let text = String(err.message);
    if (err.name === "RuntimeError") text = `internal error in the wasm module (${text})`;
    const out: ErrorDescription = { text };
    const span = err.span;
    if (Array.isArray(span) && span.length === 2 && span.every((v) => Number.isInteger(v))) out.span = [span[0] as number, span[1] as number];
    if (typeof err.param === "string" && err.param) out.param = err.param;
    return out;
  }
  return { text: String(e) };
}
