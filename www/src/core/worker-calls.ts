// The module functions the page may call by name through the worker's `call` request: a fixed
// list (nothing else of the module is reachable from a message), GPU ones under a timeout, and
// the functional lab's ones optional so a build without them answers with a sentence.
import type { CallName } from "./protocol";
import { withTimeout } from "./errors";
import type { DeltaFModule, HostTimeouts } from "./worker-host";

const CALLABLE: readonly CallName[] = [
  "listLabs",
  "labSchema",
  "gpuInfo",
  "gpuSelfTest",
  "functionalPresets",
  "fitDrawnFunction",
  "evaluateFunctional",
  "__testPanic",
  "__loseGpuForTest",
];

type Optional = "functionalPresets" | "fitDrawnFunction" | "evaluateFunctional" | "__loseGpuForTest";

/** A function of the module that older builds may lack. */
function optional<K extends Optional>(api: DeltaFModule, name: K): NonNullable<DeltaFModule[K]> {
  const f = api[name];
  if (typeof f !== "function") throw new Error(`${name} is not in this build of the wasm module`);
  return f.bind(api) as NonNullable<DeltaFModule[K]>;
}

export async function callModule(api: DeltaFModule, fn: CallName, args: unknown[], timeouts: HostTimeouts): Promise<unknown> {
  if (!CALLABLE.includes(fn)) throw new Error(`unknown function "${String(fn)}"`);
  switch (fn) {
    case "listLabs":
      return api.listLabs();
    case "labSchema":
      return api.labSchema(String(args[0]));
    case "gpuInfo":
      return withTimeout(api.gpuInfo(), timeouts.gpuMs, "WebGPU adapter request");
    case "gpuSelfTest":
      return withTimeout(api.gpuSelfTest(Number(args[0])), timeouts.selfTestMs, "GPU self-test");
    case "functionalPresets":
      return optional(api, "functionalPresets")();
    case "fitDrawnFunction":
      return optional(api, "fitDrawnFunction")(args[0]);
    case "evaluateFunctional":
      return optional(api, "evaluateFunctional")(args[0]);
    case "__testPanic":
      return api.__testPanic();
    case "__loseGpuForTest":
      return optional(api, "__loseGpuForTest")();
  }
}
