// The PINN lab against the real wasm package: Play trains a small network on the transport
// equation until a fixed number of steps and its test error falls by a clear factor while the
// curves and the typeset formulas are on the page; a new slice axis restarts along it; Burgers
// draws its three heatmaps and cuts; the degree study fills its plot; with WebGPU the FDE trains
// on the GPU (SwiftShader) and Burgers says why it does not; the page fits a phone.
// Small networks and batches so training is quick on two cores; every wait is for a state
// (a step count, a caption), never for a time.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, playUntil, shot, startSite } from "./harness.mjs";

let site, browser;
before(async () => {
  site = await startSite();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const T = { timeout: 60_000 };
const SMALL = "&width=16&depth=2&batch=64&eval_every=50&total_steps=2000&seed=1";
const metric = async (page, name) => Number((await page.locator(`[data-metric=${name}]`).textContent()).replace(/,/g, ""));
/** Non-transparent pixels in a canvas, and how many distinct colours they have. */
const ink = (page, sel) => page.$eval(sel, (c) => {
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  const colours = new Set();
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] === 0) continue;
    n++;
    colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
  }
  return { n, colours: colours.size };
});

async function openLab(page, query) {
  await page.goto(`${site.url}?lab=pinn${query}`);
  await page.waitForSelector("[data-formula=equation] .katex", T);
  await page.waitForFunction(() => document.querySelector("[data-metric=steps]")?.textContent === "0", null, T);
}

/** Play until the lab has taken at least n optimizer steps, then pause. */
const train = (page, n) => playUntil(page, n);

test("the transport equation trains live: the test error falls, the curves and formulas are drawn", async () => {
  const { page, problems } = await openPage(browser);
  await openLab(page, `&equation=fte-linear${SMALL}`);
  // Typeset: the equation, the exact solution, and the $…$ math of the condition note.
  assert.match(await page.locator("[data-formula=equation] annotation").textContent(), /\\partial_t J/);
  assert.match(await page.locator("[data-formula=exact] annotation").textContent(), /a'_k/);
  assert.ok((await page.locator(".condition-note .inline-math .katex").count()) >= 1, "condition note math");
  assert.equal(await page.getAttribute("button.equation[data-equation=fte-linear]", "aria-pressed"), "true");
  const first = await metric(page, "rel_l1");
  await shot(page, "pinn-start");

  await page.click("button.play");
  // Live: the status line reports a positive rate while it trains.
  await page.waitForFunction(() => {
    const m = /([\d,.]+) steps\/s/.exec(document.querySelector(".status")?.textContent ?? "");
    return m !== null && Number(m[1].replace(/,/g, "")) > 0;
  }, null, T);
  await page.click("button.play");
  await train(page, 1500);

  const last = await metric(page, "rel_l1");
  const steps = await metric(page, "steps");
  console.log(`# fte-linear, 16×2 tanh, batch 64: rel_l1 ${first} at step 0 → ${last} at step ${steps} (${await metric(page, "steps_per_second")} steps/s)`);
  assert.ok(first > 0 && last > 0, `${first} ${last}`);
  assert.ok(last < first / 5, `rel_l1 fell only from ${first} to ${last}`);
  // Evaluated every 50 steps: the note names a recent evaluation, the error plot has its points.
  const evalStep = Number(/last at step (\d+)/.exec(await page.locator(".small-print").textContent())[1]);
  assert.ok(evalStep >= 1450, `last evaluation at ${evalStep}`);
  const loss = await ink(page, "figure.plot:has-text('Training loss') canvas");
  assert.ok(loss.n > 1500, `loss plot not drawn (${loss.n} px)`);
  assert.ok((await ink(page, "figure.plot:has-text('Test error') canvas")).n > 1500, "error plot not drawn");
  assert.ok((await ink(page, ".slice-figure figure.plot canvas")).n > 1500, "slice not drawn");
  assert.equal(await page.locator("[data-metric=device]").textContent(), "CPU");
  assert.match(await page.locator(".status").textContent(), /CPU — /);
  await page.waitForTimeout(200);
  await shot(page, "pinn-fte");
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
});

test("a new slice axis restarts the lab and plots along it", async () => {
  const { page, problems } = await openPage(browser);
  await openLab(page, `&equation=bhe-delta${SMALL}&degree=6`);
  assert.equal(await page.locator("select.slice-axis option").count(), 7);
  await page.selectOption("select.slice-axis", "0");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("slice_axis") === "0", null, T);
  await page.locator(".slice-figure .plot-title", { hasText: "W along τ/T" }).waitFor(T);
  assert.equal(await page.inputValue("select.slice-axis"), "0");
  assert.deepEqual(problems.pageErrors, []);
});

test("Burgers: the network, the reference and the error draw as heatmaps, with the three cuts", async () => {
  const { page, problems } = await openPage(browser);
  await openLab(page, `&equation=burgers${SMALL}`);
  await train(page, 400);
  const maps = page.locator(".heatmap canvas");
  assert.equal(await maps.count(), 3);
  for (let i = 0; i < 3; i++) {
    const { n, colours } = await ink(page, `.heatmap:nth-child(${i + 1}) canvas`);
    assert.ok(n > 20_000 && colours > 50, `heatmap ${i}: ${n} px, ${colours} colours`);
  }
  for (let i = 0; i < 3; i++) assert.ok((await ink(page, `.burgers-slices figure.plot:nth-child(${i + 1}) canvas`)).n > 1500, `cut ${i}`);
  assert.match(await page.locator(".heatmap .plot-caption").last().textContent(), /max \|error\| = /);
  assert.ok(await page.locator(".study-panel").isHidden(), "the degree study is for the FDEs");
  await page.waitForTimeout(200);
  await shot(page, "pinn-burgers");
  assert.deepEqual(problems.pageErrors, []);
});

test("the degree study trains one network per D and plots the error against D", async () => {
  const { page, problems } = await openPage(browser);
  // 100 steps per degree (D = 1, 3, …, 19, 20) beside the main run.
  await openLab(page, `&equation=bhe-delta${SMALL}&study_steps=100`);
  await page.click("button.study-toggle");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("degree_study") === "1", null, T);
  await page.locator(".study-panel .plot-caption", { hasText: /^Starts with/ }).waitFor(T);
  assert.equal(await metric(page, "steps"), 0);
  await page.click("button.play");
  await page.locator(".study-panel .plot-caption", { hasText: /^Done/ }).waitFor({ timeout: 180_000 });
  await page.click("button.play");
  assert.ok((await ink(page, ".study-panel canvas")).n > 1500, "study plot not drawn");
  assert.equal(await page.getAttribute("button.study-toggle", "aria-pressed"), "true");
  await page.waitForTimeout(200);
  await shot(page, "pinn-study");
  assert.deepEqual(problems.pageErrors, []);
});

test("with WebGPU (SwiftShader) the FDE trains on the GPU and says so; Burgers stays on the CPU with its reason", async () => {
  const gpuBrowser = await launch({ webgpu: true });
  try {
    const { page, problems } = await openPage(gpuBrowser);
    await openLab(page, `&equation=fte-linear${SMALL}`);
    await page.waitForFunction(() => /GPU: /.test(document.querySelector(".status")?.textContent ?? ""), null, T);
    const first = await metric(page, "rel_l1");
    await train(page, 300);
    const last = await metric(page, "rel_l1");
    console.log(`# fte-linear on ${/GPU: [^·]*/.exec(await page.locator(".status").textContent())[0].trim()}: rel_l1 ${first} → ${last} at step ${await metric(page, "steps")}`);
    assert.equal(await page.locator("[data-metric=device]").textContent(), "GPU");
    assert.match(await page.locator(".small-print").textContent(), /WGSL on the GPU/);
    assert.ok(last < first / 3, `rel_l1 fell only from ${first} to ${last}`);
    await shot(page, "pinn-gpu");

    await page.click("button.equation[data-equation=burgers]");
    await page.waitForFunction(() => /CPU — .*Burgers/.test(document.querySelector(".status")?.textContent ?? ""), null, T);
    await page.waitForFunction(() => document.querySelector("[data-metric=device]")?.textContent === "CPU", null, T);
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await gpuBrowser.close();
  }
});

test("phone width (390 px): one column, nothing overflows, Play under the figure", async () => {
  const { page, problems } = await openPage(browser, { width: 390, height: 844 });
  await openLab(page, `&equation=fte-linear${SMALL}`);
  await train(page, 300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  const [figY, playY, plotsY, formY] = await page.evaluate(() => [".figure", "button.play", ".plots", ".param-form"].map((s) => document.querySelector(s).getBoundingClientRect().top));
  assert.ok(figY < playY && playY < plotsY && plotsY < formY, `order ${figY} ${playY} ${plotsY} ${formY}`);
  await page.waitForTimeout(200);
  await shot(page, "pinn-phone");
  // The first screen as a phone shows it (the full page is a long strip).
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "pinn-phone-top", { fullPage: false });
  assert.deepEqual(problems.pageErrors, []);
});
