// The worker's logic driven directly (no Worker): protocol replies, GPU fallback, fatal panics.
import { describe, expect, it } from "vitest";
import * as mock from "./mock/deltaf-mock";
import { WorkerHost, type DeltaFModule } from "../src/core/worker-host";
import type { Reply, Request } from "../src/core/protocol";
import type { GpuInfo, LabRunnerApi } from "../src/core/api";

type Body = Request extends infer R ? (R extends unknown ? Omit<R, "id"> : never) : never;

function harness(api: DeltaFModule = mock as unknown as DeltaFModule, timeouts = { gpuMs: 50, gpuStepMs: 50, selfTestMs: 200 }) {
  const replies: Reply[] = [];
  const transfers: Transferable[][] = [];
  const host = new WorkerHost(api, Promise.resolve(), (r, t) => {
    replies.push(r);
    transfers.push(t ?? []);
  }, timeouts);
  let id = 0;
  const send = async (body: Body) => {
    const req = { ...body, id: ++id } as Request;
    await host.handle(req);
    return replies.filter((r) => r.id === req.id);
  };
  return { host, replies, transfers, send };
}

const START: Body = { type: "start", lab: "repulsion", params: { n: 16, bandwidth: 0.5, strength: 1, dt: 0.01, device: "cpu" }, seed: 3 };

describe("WorkerHost", () => {
  it("answers calls by name and refuses others", async () => {
    const { send } = harness();
    const [labs] = await send({ type: "call", fn: "listLabs", args: [] });
    expect(labs).toMatchObject({ type: "result", value: [{ id: "repulsion" }, { id: "ticker" }, { id: "functional" }, { id: "pinn" }] });
    const [bad] = await send({ type: "call", fn: "eval" as never, args: ["1"] });
    expect(bad).toMatchObject({ type: "error", text: expect.stringMatching(/unknown function/) });
    const [err] = await send({ type: "call", fn: "labSchema", args: ["nope"] });
    expect(err).toMatchObject({ type: "error", text: expect.stringMatching(/unknown lab/) });
    expect(err).not.toHaveProperty("fatal");
  });

  it("starts: device info, a snapshot with transferable arrays, then the result", async () => {
    const { send, transfers, replies } = harness();
    const out = await send(START);
    expect(out.map((r) => r.type)).toEqual(["device", "snapshot", "result"]);
    expect(out[0]).toMatchObject({ info: { available: false, reason: "CPU chosen in the device setting" } });
    const snap = out[1] as Extract<Reply, { type: "snapshot" }>;
    expect(snap.snapshot.arrays.points!.shape).toEqual([16, 2]);
    expect(snap.metrics.steps).toBe(0);
    const t = transfers[replies.indexOf(snap)]!;
    expect(t).toContain(snap.snapshot.arrays.points!.data.buffer);
    expect(t).toHaveLength(3);
  });

  it("steps and resets deterministically", async () => {
    const { send } = harness();
    await send(START);
    const a = (await send({ type: "step", n: 5 })).find((r) => r.type === "snapshot") as Extract<Reply, { type: "snapshot" }>;
    expect(a.snapshot.step).toBe(5);
    await send({ type: "reset" });
    const b = (await send({ type: "step", n: 5 })).find((r) => r.type === "snapshot") as Extract<Reply, { type: "snapshot" }>;
    expect(Array.from(b.snapshot.arrays.points!.data)).toEqual(Array.from(a.snapshot.arrays.points!.data));
  });

  it("runs until paused, waiting for the page to draw", async () => {
    const { send, replies } = harness();
    await send(START);
    await send({ type: "run", stepsPerFrame: 2 });
    await new Promise((r) => setTimeout(r, 30));
    const running = replies.filter((r) => r.type === "snapshot" && r.running);
    // Without acks the loop stops after two undrawn snapshots.
    expect(running).toHaveLength(2);
    await send({ type: "ack" });
    await send({ type: "ack" });
    await new Promise((r) => setTimeout(r, 30));
    expect(replies.filter((r) => r.type === "snapshot" && r.running).length).toBeGreaterThan(2);
    const paused = await send({ type: "pause" });
    expect(paused.map((r) => r.type)).toEqual(["snapshot", "result"]);
    const n = replies.length;
    await send({ type: "ack" });
    await new Promise((r) => setTimeout(r, 30));
    expect(replies.length).toBe(n);
  });

  it("reports a panic as fatal and refuses further work", async () => {
    const { send } = harness();
    await send(START);
    const [panic] = await send({ type: "call", fn: "__testPanic", args: [] });
    expect(panic).toMatchObject({ type: "error", fatal: true, text: expect.stringMatching(/internal error/) });
    const [after] = await send({ type: "step", n: 1 });
    expect(after).toMatchObject({ type: "error", fatal: true, text: expect.stringMatching(/Press Reset/) });
  });

  it("passes an expression error's span through", async () => {
    const api = { ...mock, LabRunner: class { constructor() { throw Object.assign(new Error("f: unexpected ')' at 3"), { span: [3, 4] }); } } } as unknown as DeltaFModule;
    const { send } = harness(api);
    const [e] = await send(START);
    expect(e).toEqual({ id: 1, type: "error", text: "f: unexpected ')' at 3", span: [3, 4] });
  });

  it("names the parameter of an input error, and keeps the last good lab running", async () => {
    const { send } = harness();
    const good: Body = { type: "start", lab: "functional", params: { lagrangian: "0.5*u_x^2", u: "sin(pi*x)", points: 32 }, seed: 1 };
    await send(good);
    const [e] = await send({ ...good, params: { ...good.params, lagrangian: "0.5*u_x^2 +" } } as Body);
    expect(e).toMatchObject({ type: "error", param: "lagrangian", span: [11, 11] });
    expect(e).not.toHaveProperty("fatal");
    // The rejected params did not replace the runner: stepping still works on the good one.
    const out = await send({ type: "step", n: 2 });
    expect(out.map((r) => r.type)).toEqual(["snapshot", "result"]);
    expect((out[0] as Extract<Reply, { type: "snapshot" }>).snapshot.texts.lagrangian_latex).toBe("0.5 \\cdot u_x^2");
  });

  it("calls the functional lab's functions, and says when a build lacks one", async () => {
    const { send } = harness();
    const [presets] = await send({ type: "call", fn: "functionalPresets", args: [] });
    expect(presets).toMatchObject({ type: "result", value: expect.arrayContaining([expect.objectContaining({ id: "kdv" })]) });
    const [fit] = await send({ type: "call", fn: "fitDrawnFunction", args: [{ x: [0, 0.5, 1], y: [0, 1, 0], domain: [0, 1], periodic: false, degree: 2 }] });
    expect(fit).toMatchObject({ type: "result", value: expect.stringContaining("x") });
    const { send: sendOld } = harness({ ...mock, functionalPresets: undefined } as unknown as DeltaFModule);
    const [missing] = await sendOld({ type: "call", fn: "functionalPresets", args: [] });
    expect(missing).toMatchObject({ type: "error", text: expect.stringMatching(/not in this build/) });
  });

  it("falls back to the CPU when a GPU step fails, with a warning", async () => {
    const calls: string[] = [];
    const gpu: GpuInfo = { available: true, adapter: "Fake", backend: "WebGPU", fallback: true, reason: "" };
    class FlakyRunner extends (mock.LabRunner as unknown as new (...a: unknown[]) => LabRunnerApi) {
      override async useGpu() { return gpu; }
      override async stepAsync() { calls.push("gpu"); throw new Error("Device was destroyed"); }
      override step(n: number) { calls.push("cpu"); super.step(n); }
      override useCpu(reason: string) { calls.push(`useCpu:${reason}`); }
    }
    const { send } = harness({ ...mock, LabRunner: FlakyRunner } as unknown as DeltaFModule);
    const start = await send({ ...START, params: { ...START.params, device: "auto" } } as Body);
    expect(start.find((r) => r.type === "device")).toMatchObject({ info: { available: true, adapter: "Fake" } });
    const out = await send({ type: "step", n: 1 });
    expect(calls).toEqual(["gpu", "useCpu:GPU device lost: Device was destroyed", "cpu"]);
    expect(out.map((r) => r.type)).toEqual(["warning", "device", "snapshot", "result"]);
    expect(out[0]).toMatchObject({ text: expect.stringMatching(/GPU device lost: Device was destroyed\. Continuing on the CPU/) });
  });

  it("does not hang on a GPU that never answers", async () => {
    class HungRunner extends (mock.LabRunner as unknown as new (...a: unknown[]) => LabRunnerApi) {
      override useGpu() { return new Promise<GpuInfo>(() => {}); }
    }
    const { send } = harness({ ...mock, LabRunner: HungRunner } as unknown as DeltaFModule);
    const out = await send({ ...START, params: { ...START.params, device: "gpu" } } as Body);
    expect(out.map((r) => r.type)).toEqual(["warning", "warning", "device", "snapshot", "result"]);
    expect(out[2]).toMatchObject({ info: { available: false, reason: expect.stringMatching(/did not answer within/) } });
  });

  it("reports a wasm module that failed to load on every request", async () => {
    const replies: Reply[] = [];
    const host = new WorkerHost(mock as unknown as DeltaFModule, Promise.reject(new Error("404")), (r) => replies.push(r));
    await host.handle({ id: 1, type: "call", fn: "listLabs", args: [] });
    expect(replies[0]).toMatchObject({ type: "error", fatal: true, text: "Could not load the WebAssembly module: 404" });
  });
});

describe("WorkerHost and the Rust runner's own reports", () => {
  it("posts each cumulative warning once, and follows a runner that left the GPU by itself", async () => {
    const gpu: GpuInfo = { available: true, adapter: "Fake", backend: "WebGPU", fallback: true, reason: "" };
    let lost = false;
    class SelfFallbackRunner extends (mock.LabRunner as unknown as new (...a: unknown[]) => LabRunnerApi) {
      private notes = ["n clamped to 65536"];
      override async useGpu() { return gpu; }
      override async stepAsync(n: number) {
        if (!lost) {
          lost = true;
          this.notes.push("GPU lost (Device was destroyed); continuing on the CPU");
        }
        super.step(n);
      }
      override warnings() { return [...this.notes]; }
      device() { return lost ? { device: "cpu", adapter: "", reason: "GPU lost" } : { device: "gpu", adapter: "Fake", reason: "" }; }
    }
    const { send } = harness({ ...mock, LabRunner: SelfFallbackRunner } as unknown as DeltaFModule);
    const start = await send({ ...START, params: { ...START.params, device: "auto" } } as Body);
    expect(start.filter((r) => r.type === "warning")).toEqual([{ id: 1, type: "warning", text: "n clamped to 65536" }]);
    const step = await send({ type: "step", n: 1 });
    expect(step.map((r) => r.type)).toEqual(["warning", "device", "snapshot", "result"]);
    expect(step[1]).toMatchObject({ info: { available: false, reason: "GPU lost" } });
    const again = await send({ type: "step", n: 1 });
    expect(again.map((r) => r.type)).toEqual(["snapshot", "result"]);
  });
});
