// The page's run state: play/pause reach the worker once each, a hidden tab or off-screen figure
// suspends the run loop and resumes it, and a fatal error makes Reset replace the worker.
import { describe, expect, it, vi } from "vitest";
import { LabSession, type SessionCallbacks } from "../src/pages/lab-session";
import { WorkerError, type LabClient } from "../src/core/client";
import type { RequestBody } from "../src/core/protocol";

function fakeClient() {
  const sent: RequestBody[] = [];
  let failNext: WorkerError | null = null;
  const client = {
    events: {},
    restart: vi.fn(),
    send: (b: RequestBody) => (sent.push(b), 1),
    request: (b: RequestBody) => {
      sent.push(b);
      const f = failNext;
      failNext = null;
      return f ? Promise.reject(f) : Promise.resolve(true);
    },
    call: vi.fn(),
  };
  return { client: client as unknown as LabClient & typeof client, sent, failWith: (e: WorkerError) => (failNext = e) };
}

const callbacks = (): SessionCallbacks & { errors: WorkerError[] } => {
  const errors: WorkerError[] = [];
  return { draw: vi.fn(), playing: vi.fn(), device: vi.fn(), warning: vi.fn(), error: (e) => errors.push(e), started: vi.fn(), errors };
};

const types = (sent: RequestBody[]) => sent.map((r) => r.type);

describe("LabSession", () => {
  it("starts, plays and pauses", async () => {
    const { client, sent } = fakeClient();
    const s = new LabSession(client, "repulsion", { n: 4 }, 7, callbacks());
    expect(await s.start()).toBe(true);
    expect(sent[0]).toEqual({ type: "start", lab: "repulsion", params: { n: 4 }, seed: 7 });
    s.speed = 5;
    s.togglePlay();
    s.togglePlay();
    expect(types(sent)).toEqual(["start", "run", "pause"]);
    expect(sent[1]).toEqual({ type: "run", stepsPerFrame: 5 });
  });

  it("suspends while hidden or off screen and resumes after", async () => {
    const { client, sent } = fakeClient();
    const s = new LabSession(client, "repulsion", {}, 1, callbacks());
    await s.start();
    s.setPlaying(true);
    s.setHidden(true);
    s.setOffscreen(true);
    s.setHidden(false);
    expect(types(sent)).toEqual(["start", "run", "pause"]);
    s.setOffscreen(false);
    expect(types(sent)).toEqual(["start", "run", "pause", "run"]);
    expect(s.isPlaying).toBe(true);
  });

  it("after a fatal error, refuses to play and Reset replaces the worker", async () => {
    const { client, sent, failWith } = fakeClient();
    const cb = callbacks();
    const s = new LabSession(client, "repulsion", {}, 1, cb);
    await s.start();
    failWith(new WorkerError("internal error in the wasm module (unreachable)", true));
    await s.step();
    expect(cb.errors[0]?.fatal).toBe(true);
    expect(s.isDead).toBe(true);
    s.setPlaying(true);
    expect(s.isPlaying).toBe(false);
    expect(await s.reset()).toBe(true);
    expect(client.restart).toHaveBeenCalledOnce();
    expect(s.isDead).toBe(false);
    expect(types(sent).at(-1)).toBe("start");
  });

  it("keeps playing across a parameter restart when asked", async () => {
    const { client, sent } = fakeClient();
    const s = new LabSession(client, "repulsion", { n: 4 }, 1, callbacks());
    await s.start();
    s.setPlaying(true);
    await s.start({ params: { n: 8 }, keepPlaying: true });
    expect(types(sent)).toEqual(["start", "run", "start", "run"]);
    expect(sent[2]).toMatchObject({ params: { n: 8 } });
  });

  it("keeps Play pressed while a parameter restart is on its way", async () => {
    const { client, sent } = fakeClient();
    const s = new LabSession(client, "functional", { flow: "none" }, 1, callbacks());
    await s.start();
    const restart = s.start({ params: { flow: "hamiltonian" }, keepPlaying: true });
    s.setPlaying(true);
    await restart;
    expect(s.isPlaying).toBe(true);
    expect(types(sent)).toEqual(["start", "start", "run"]);
  });
});
