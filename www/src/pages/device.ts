// Device: which compute path this browser gets, and a check that it is right. Runs the N = 4096
// RBF kernel sum with gradients on the GPU and on the CPU in the worker and compares them.
import type { SelfTestReport } from "../core/api";
import type { LabClient } from "../core/client";
import { h } from "../ui/dom";
import { formatValue } from "../plot/ticks";

export const SELF_TEST_N = 4096;
/** f32 kernels against the CPU reference; what the parity tests in Rust also accept. */
export const MAX_REL_ERROR_OK = 1e-3;

const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;

export function reportRows(r: SelfTestReport): [string, string, string][] {
  const rows: [string, string, string][] = [];
  const g = r.gpu;
  if (g.available) {
    rows.push(["adapter", "Adapter", g.adapter.trim() || "unnamed adapter (the browser hides its name)"]);
    rows.push(["backend", "Backend", g.backend || "WebGPU"]);
    rows.push(["fallback", "Software fallback", g.fallback ? "yes — a CPU emulation of a GPU (e.g. SwiftShader); timings say little" : "no — a hardware adapter"]);
  } else {
    rows.push(["gpu-none", "GPU", `WebGPU unavailable: ${g.reason || "no adapter"}; using the CPU.`]);
  }
  rows.push(["workload", "Workload", `${r.n.toLocaleString("en-US")} points in ${r.dim}D, RBF kernel (h = ${formatValue(r.bandwidth)}), sums and gradients`]);
  if (r.gpuMs !== null) rows.push(["gpu-ms", "GPU time", ms(r.gpuMs)]);
  rows.push(["cpu-ms", "CPU time", ms(r.cpuMs)]);
  if (r.maxRelError !== null) {
    const ok = r.maxRelError < MAX_REL_ERROR_OK;
    rows.push(["max-rel-error", "GPU max relative error", `${r.maxRelError.toExponential(2)} ${ok ? "✓ within" : "✗ above"} ${MAX_REL_ERROR_OK.toExponential(0)} of the f64 reference`]);
  }
  rows.push(["cpu-rel-error", "CPU max relative error", `${r.cpuMaxRelError.toExponential(2)} (f32 with a polynomial exp, vs the same f64 reference)`]);
  return rows;
}

function bars(r: SelfTestReport): HTMLElement | null {
  if (r.gpuMs === null) return null;
  const max = Math.max(r.gpuMs, r.cpuMs, 1e-9);
  const bar = (label: string, v: number, cls: string) =>
    h("div", { class: "bar-row" }, h("span", { class: "bar-label" }, label), h("span", { class: "bar-track" }, h("span", { class: `bar ${cls}`, style: `width:${((100 * v) / max).toFixed(1)}%` })), h("span", { class: "bar-value" }, ms(v)));
  return h("figure", { class: "bars", "aria-label": "GPU and CPU time" }, bar("GPU", r.gpuMs, "gpu"), bar("CPU", r.cpuMs, "cpu"));
}

export function renderDevice(root: HTMLElement, client: LabClient): void {
  document.title = "Device · δF";
  const result = h("div", { class: "device-result", "aria-live": "polite" });
  const again = h("button", { type: "button", class: "btn primary run-again" }, "Run again");
  const run = async () => {
    again.disabled = true;
    result.setAttribute("aria-busy", "true");
    result.replaceChildren(h("p", { class: "muted running" }, `Running the self-test (N = ${SELF_TEST_N})…`));
    try {
      const r = await client.call<SelfTestReport>("gpuSelfTest", SELF_TEST_N);
      const dl = h("dl", { class: "device-table" });
      for (const [key, label, value] of reportRows(r)) dl.append(h("dt", {}, label), h("dd", { "data-field": key }, value));
      const headline = r.gpu.available ? "WebGPU is available: labs that support it run their kernels on the GPU." : "No GPU here: labs run on the CPU (WebAssembly).";
      result.replaceChildren(h("p", { class: `headline ${r.gpu.available ? "ok" : "cpu"}` }, headline), dl);
      const chart = bars(r);
      if (chart) result.append(chart);
    } catch (e) {
      result.replaceChildren(h("p", { class: "banner error", role: "alert" }, `The self-test failed: ${e instanceof Error ? e.message : String(e)}`));
      if (e instanceof Error && "fatal" in e && e.fatal) client.restart();
    } finally {
      again.disabled = false;
      result.removeAttribute("aria-busy");
    }
  };
  again.addEventListener("click", () => void run());
  root.replaceChildren(
    h("section", { class: "device-page" },
      h("h1", {}, "Device"),
      h("p", { class: "lede" }, "Labs run their heavy kernels with WebGPU when the browser offers an adapter, and on the CPU (WebAssembly) otherwise. This check runs one kernel on both and compares the results."),
      result,
      h("div", { class: "actions" }, again),
    ),
  );
  void run();
}
