// The lab page end to end inside happy-dom, with the worker's logic run in-process on the mock:
// an expression error lands under its field with the span marked while the last good result
// stays; a preset (a view's setParams) changes the form, the URL and the lab.
import { afterEach, describe, expect, it } from "vitest";
import { LabClient } from "../src/core/client";
import type { Reply, Request } from "../src/core/protocol";
import { WorkerHost, type DeltaFModule } from "../src/core/worker-host";
import { renderLab } from "../src/pages/lab";
import * as mock from "./mock/deltaf-mock";

/** A Worker stand-in: requests go straight to a WorkerHost, replies come back asynchronously. */
class InProcessWorker {
  onmessage: ((e: { data: Reply }) => void) | null = null;
  onerror: unknown = null;
  private readonly host = new WorkerHost(mock as unknown as DeltaFModule, Promise.resolve(), (reply) => setTimeout(() => this.onmessage?.({ data: reply }), 0));
  postMessage(req: Request): void {
    void this.host.handle(req);
  }
  terminate(): void {}
}

const until = async (cond: () => boolean, what: string, ms = 3000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function openLab(query: string) {
  history.replaceState(null, "", query);
  const root = document.createElement("main");
  document.body.append(root);
  const client = new LabClient(() => new InProcessWorker() as unknown as Worker);
  await renderLab(root, client, "functional");
  await until(() => !!root.querySelector("[data-metric=value]"), "the first snapshot");
  return { root, client };
}

const field = (root: HTMLElement, name: string) => root.querySelector<HTMLInputElement>(`#param-${name}`)!;
const setField = (root: HTMLElement, name: string, value: string) => {
  const input = field(root, name);
  input.value = value;
  input.dispatchEvent(new Event("change", { bubbles: true }));
};

afterEach(() => {
  document.body.replaceChildren();
  history.replaceState(null, "", "/");
});

describe("the functional lab page", () => {
  it("puts a Lagrangian error under its field, span marked, and keeps the last good result", async () => {
    const { root } = await openLab("?lab=functional&lagrangian=0.5*u_x%5E2&boundary=dirichlet");
    const formula = () => root.querySelector("[data-formula=lagrangian] annotation")?.textContent ?? "";
    expect(formula()).toContain("u_x^2");
    const valueBefore = root.querySelector("[data-metric=value]")!.textContent;

    setField(root, "lagrangian", "0.5*u_x^2 +");
    const error = () => root.querySelector('[data-param="lagrangian"] .field-error');
    await until(() => !!error()?.textContent, "the field error");
    expect(error()!.querySelector(".field-error-text")?.textContent).toMatch(/lagrangian/);
    expect(error()!.querySelector("pre.expr-context")?.textContent).toBe(`0.5*u_x^2 + \n${" ".repeat(11)}^`);
    expect(field(root, "lagrangian").getAttribute("aria-invalid")).toBe("true");
    // Not the banner: the error is where the typing happened. The u field has none.
    expect(root.querySelector<HTMLElement>(".banner.error")!.hidden).toBe(true);
    expect(root.querySelector('[data-param="u"] .field-error')?.textContent).toBe("");
    // The last good result stays, marked as such.
    expect(formula()).toContain("u_x^2");
    expect(root.querySelector("[data-metric=value]")!.textContent).toBe(valueBefore);
    expect(root.querySelector(".formulas")!.classList.contains("stale")).toBe(true);
    expect(new URLSearchParams(location.search).get("lagrangian")).toBe("0.5*u_x^2 +");

    setField(root, "lagrangian", "0.5*u_x^2 + u^4/4");
    await until(() => !error()?.textContent, "the error to clear");
    await until(() => formula().includes("u^4"), "the new formula");
    expect(root.querySelector(".formulas")!.classList.contains("stale")).toBe(false);
    expect(field(root, "lagrangian").hasAttribute("aria-invalid")).toBe(false);
  });

  it("applies a preset to the form, the URL and the lab", async () => {
    const { root } = await openLab("?lab=functional");
    await until(() => !!root.querySelector("button.preset[data-preset=kdv]"), "the presets");
    root.querySelector<HTMLButtonElement>("button.preset[data-preset=kdv]")!.click();
    await until(() => field(root, "lagrangian").value === "-u^3/6 + 0.5*u_x^2", "the form");
    const q = new URLSearchParams(location.search);
    expect(q.get("flow")).toBe("hamiltonian");
    expect(q.get("b")).toBe("40");
    await until(() => root.querySelector("button.preset[data-preset=kdv]")?.getAttribute("aria-pressed") === "true", "the pressed preset");
    await until(() => (root.querySelector("[data-formula=functional] annotation")?.textContent ?? "").includes("^{40}"), "∫ from 0 to 40");
  });
});

describe("the pinn lab page", () => {
  async function openPinn(query: string) {
    history.replaceState(null, "", query);
    const root = document.createElement("main");
    document.body.append(root);
    const client = new LabClient(() => new InProcessWorker() as unknown as Worker);
    await renderLab(root, client, "pinn");
    await until(() => root.querySelector("[data-metric=steps]")?.textContent === "0", "the first snapshot");
    return root;
  }

  it("plays at the lab's own speed unless the URL names one", async () => {
    const root = await openPinn("?lab=pinn&width=8");
    expect(new URLSearchParams(location.search).get("speed")).toBe("1000");
    expect(root.querySelector<HTMLSelectElement>("#speed")!.value).toBe("1000");
    document.body.replaceChildren();
    const again = await openPinn("?lab=pinn&speed=5");
    expect(again.querySelector<HTMLSelectElement>("#speed")!.value).toBe("5");
  });

  it("an equation button changes the form, the URL and the figure", async () => {
    const root = await openPinn("?lab=pinn&equation=fte-linear");
    expect(root.querySelector<HTMLElement>(".burgers-figure")!.hidden).toBe(true);
    root.querySelector<HTMLButtonElement>("button.equation[data-equation=burgers]")!.click();
    await until(() => root.querySelector<HTMLElement>(".burgers-figure")?.hidden === false, "the Burgers figure");
    expect(new URLSearchParams(location.search).get("equation")).toBe("burgers");
    expect(root.querySelector<HTMLSelectElement>("#param-equation")!.value).toBe("burgers");
    expect(root.querySelector<HTMLElement>(".slice-figure")!.hidden).toBe(true);
  });
});
