// (b), (c) The Device page with and without WebGPU. With --enable-unsafe-webgpu headless Chromium
// offers its SwiftShader adapter: the GPU path must run and agree with the CPU. Without the flag
// there is no adapter: the page must say so and why. A run meant to have a GPU that finds none
// fails (a silent skip would hide a regression).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { currentStep, launch, openPage, shot, startSite } from "./harness.mjs";

let site;
before(async () => (site = await startSite()));
after(async () => site?.close());

const field = (page, key) => page.locator(`[data-field="${key}"]`).textContent();

test("Device page with WebGPU: adapter, GPU and CPU timings, max rel error < 1e-3", async () => {
  const browser = await launch({ webgpu: true });
  try {
    const { page, problems } = await openPage(browser, { width: 1100, height: 760 });
    await page.goto(`${site.url}?page=device`);
    await page.waitForSelector('[data-field="cpu-ms"]', { timeout: 60_000 });
    const none = await page.locator('[data-field="gpu-none"]').count();
    assert.equal(none, 0, `expected a WebGPU adapter, got: ${none ? await field(page, "gpu-none") : ""}`);
    const adapter = await field(page, "adapter");
    assert.ok(adapter.length > 0);
    assert.match(await field(page, "fallback"), /^yes/, "SwiftShader is a fallback adapter");
    assert.match(await field(page, "gpu-ms"), /^\d+(\.\d+)? ms$/);
    assert.match(await field(page, "cpu-ms"), /^\d+(\.\d+)? ms$/);
    const err = Number((await field(page, "max-rel-error")).split(" ")[0]);
    assert.ok(err < 1e-3, `max rel error ${err}`);
    assert.equal(await page.locator(".bars .bar").count(), 2);
    await shot(page, "device-webgpu");
    // Run again works and keeps the page.
    await page.click(".run-again");
    await page.waitForSelector(".running", { state: "detached", timeout: 60_000 });
    assert.equal(await page.locator('[data-field="gpu-ms"]').count(), 1);
    assert.deepEqual(problems.pageErrors, []);

    // A lab on device=auto picks the GPU and still steps.
    await page.goto(`${site.url}?lab=repulsion&n=256&device=auto`);
    await page.waitForFunction(() => /GPU: /.test(document.querySelector(".status")?.textContent ?? ""), null, { timeout: 30_000 });
    await page.click("button.play");
    await page.waitForFunction(() => /step [1-9]/.test(document.querySelector(".status")?.textContent ?? ""), null, { timeout: 30_000 });
    await page.click("button.play");
    const before = await currentStep(page);
    assert.ok(before > 0);

    // The GPU device is lost (as in a driver reset): the lab says so and carries on on the CPU.
    await page.evaluate(() => window.__deltafTest.loseGpu());
    await page.click("button.play");
    await page.waitForFunction(() => /CPU — /.test(document.querySelector(".status")?.textContent ?? ""), null, { timeout: 30_000 });
    await page.waitForFunction((s) => {
      const m = /step ([\d,]+)/.exec(document.querySelector(".status")?.textContent ?? "");
      return m && Number(m[1].replace(/,/g, "")) > s + 2;
    }, before, { timeout: 30_000 });
    await page.click("button.play");
    assert.match(await page.locator(".notice-list").textContent(), /GPU/);
    assert.equal(await page.locator(".banner.error").isVisible(), false);
    await shot(page, "lab-gpu-lost");
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await browser.close();
  }
});

test("Device page without WebGPU: the CPU path and the reason", async () => {
  const browser = await launch({ webgpu: false });
  try {
    const { page, problems } = await openPage(browser, { width: 1100, height: 640 });
    await page.goto(`${site.url}?page=device`);
    await page.waitForSelector('[data-field="cpu-ms"]', { timeout: 60_000 });
    assert.match(await field(page, "gpu-none"), /^WebGPU unavailable: .+; using the CPU\.$/);
    assert.match(await field(page, "cpu-ms"), /^\d+(\.\d+)? ms$/);
    assert.equal(await page.locator('[data-field="gpu-ms"]').count(), 0);
    assert.match(await page.locator(".headline").textContent(), /No GPU here/);
    await shot(page, "device-cpu");
    // The lab's status line names the CPU and why.
    await page.goto(`${site.url}?lab=repulsion&n=256`);
    await page.waitForFunction(() => /CPU — /.test(document.querySelector(".status")?.textContent ?? ""), null, { timeout: 30_000 });
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await browser.close();
  }
});
