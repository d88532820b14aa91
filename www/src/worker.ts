// The module worker that owns the wasm instance: all compute happens here, the page only draws.
// A panic kills this instance; the page then terminates the worker and starts a fresh one.
import init, * as deltaf from "@pkg";
import { WorkerHost } from "./core/worker-host";
import type { Reply, Request } from "./core/protocol";

const scope = self as unknown as {
  postMessage(message: Reply, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<Request>) => void) | null;
};

const ready = init();
const host = new WorkerHost(deltaf, ready, (reply, transfer) => scope.postMessage(reply, transfer ?? []));
scope.onmessage = (e) => void host.handle(e.data);
