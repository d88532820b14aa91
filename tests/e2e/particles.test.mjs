// The particle samplers' page against the real wasm package: SVGD on the reference Gaussian with
// 100 particles played to convergence reaches the moment errors the Rust tests check (mean < 0.05,
// covariance < 0.15) with the target and the particles drawn; SVGD against ULA shows two titled
// panels and both runs in every plot; with WebGPU (SwiftShader) SVGD runs its kernel on the GPU and
// says so; a typo in a typed log-density is shown with its span while the last run stays, and
// fixing it recovers; the other targets and mean-field Langevin draw without errors; a phone gets
// the panels stacked, without sideways scrolling. Every wait is for a state, never for a time.
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
const metricText = (page, name) => page.locator(`[data-metric=${name}]`).textContent();
const metric = async (page, name) => Number((await metricText(page, name)).replace(/,/g, ""));

/** Pixels of a canvas by kind: the run colours (blue, vermillion: particles), the density's
 *  slate tints, and anything not transparent. */
const ink = (page, sel) => page.$eval(sel, (c) => {
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  const out = { any: 0, blue: 0, vermillion: 0, shade: 0 };
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] === 0) continue;
    out.any++;
    const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
    if (b > r + 60 && b > g + 20) out.blue++;
    else if (r > b + 90 && r > g + 40) out.vermillion++;
    else if (r < 250 && Math.abs(r - b) < 40 && b >= r && b > 150) out.shade++;
  }
  return out;
});

/** The ink once the last frame in flight after a pause has been drawn (two equal readings). */
async function settledInk(page, sel) {
  let last = await ink(page, sel);
  for (;;) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const now = await ink(page, sel);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
}

async function openLab(page, query) {
  await page.goto(`${site.url}?lab=particles${query}`);
  await page.waitForSelector(".particles-panel canvas", T);
  await page.waitForFunction(() => document.querySelector("[data-metric=steps]")?.textContent === "0", null, T);
}

/** Play until the lab has taken at least n steps, then pause (and wait for the pause). */
const play = (page, n) => playUntil(page, n, 240_000);

test("SVGD with 100 particles reaches the reference Gaussian: moment errors, target and particles drawn", async () => {
  const { page, problems } = await openPage(browser);
  // The settings of crate/tests/particles_flows.rs (step 0.1, 3000 steps), fast-forwarded.
  await openLab(page, "&target=gaussian&algorithm=svgd&n=100&step=0.1&seed=1&speed=1000");
  assert.match(await page.locator("[data-formula=target] annotation").textContent(), /\\mathcal N\(\\mu, \\Sigma\)/);
  assert.equal(await page.locator(".particles-panel:not([hidden]) .panel-title").allTextContents().then((t) => t.join()), "SVGD");
  // The form shows what SVGD on this target reads; Langevin's and mean-field's knobs are folded away.
  assert.ok(await page.locator(".field[data-param=bandwidth]").isVisible());
  for (const name of ["noise", "potential", "logdensity"]) assert.equal(await page.locator(`.field[data-param=${name}]`).isVisible(), false, name);
  await play(page, 3000);
  const steps = await metric(page, "steps");
  const mean = await metric(page, "mean_error"), cov = await metric(page, "cov_error");
  console.log(`# SVGD, n = 100, step 0.1: mean error ${mean}, covariance error ${cov} after ${steps} steps (${await metricText(page, "steps_per_second")} steps/s); MMD ${await metricText(page, "mmd")}, KSD ${await metricText(page, "ksd")}`);
  assert.ok(mean < 0.05, `mean error ${mean}`);
  assert.ok(cov < 0.15, `covariance error ${cov}`);
  for (const name of ["mmd", "ksd", "steps_per_second"]) assert.ok(Number.isFinite(await metric(page, name)), name);
  assert.equal(await metricText(page, "device"), "CPU");
  const panel = await ink(page, ".particles-panel[data-run=a] canvas");
  assert.ok(panel.shade > 5000, `density not drawn (${panel.shade} px)`);
  assert.ok(panel.blue > 300, `particles not drawn (${panel.blue} px)`);
  for (const title of ["MMD to the target", "Kernel Stein discrepancy", "Mean error", "Covariance error"]) {
    const plot = page.locator("figure.plot", { hasText: title });
    assert.ok((await ink(page, `figure.plot:has-text("${title}") canvas`)).blue > 100, `${title} not drawn`);
    assert.equal(await plot.locator(".legend li").allTextContents().then((t) => t.join()), "SVGD");
  }
  // The arrows: the toggle redraws with them (more dark ink in the panel).
  await page.check("#particles-arrows");
  const withArrows = await ink(page, ".particles-panel[data-run=a] canvas");
  assert.notDeepEqual(withArrows, panel);
  await page.uncheck("#particles-arrows");
  await shot(page, "particles-svgd");
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
});

test("SVGD against ULA: two titled panels, both runs in every plot in the same colours", async () => {
  const { page, problems } = await openPage(browser);
  await openLab(page, "&target=gaussian&algorithm=svgd&compare=ula&n=200&step=0.05&seed=3&speed=100");
  await play(page, 400);
  const titles = await page.locator(".particles-panel:not([hidden]) .panel-title").allTextContents();
  assert.deepEqual(titles, ["SVGD", "ULA"]);
  const a = await ink(page, ".particles-panel[data-run=a] canvas"), b = await ink(page, ".particles-panel[data-run=b] canvas");
  assert.ok(a.blue > 300 && a.vermillion < 50, `panel A: ${JSON.stringify(a)}`);
  assert.ok(b.vermillion > 300 && b.blue < 50, `panel B: ${JSON.stringify(b)}`);
  // Side by side at desktop width.
  const [ya, yb] = await page.$$eval(".particles-panel", (els) => els.map((e) => e.getBoundingClientRect().top));
  assert.equal(ya, yb);
  for (const title of ["MMD to the target", "Kernel Stein discrepancy", "Mean error", "Covariance error"]) {
    assert.deepEqual(await page.locator(`figure.plot:has-text("${title}") .legend li`).allTextContents(), ["SVGD", "ULA"], title);
    const p = await ink(page, `figure.plot:has-text("${title}") canvas`);
    assert.ok(p.blue > 100 && p.vermillion > 100, `${title}: ${JSON.stringify(p)}`);
  }
  for (const name of ["mmd_b", "ksd_b", "mean_error_b", "cov_error_b"]) assert.ok(Number.isFinite(await metric(page, name)), name);
  assert.deepEqual(await page.locator(".particles-readout thead th").allTextContents(), ["Metric", "SVGD", "ULA"]);
  await shot(page, "particles-compare");
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
});

test("with WebGPU (SwiftShader) SVGD runs its kernel on the GPU and the page says so", async () => {
  const gpuBrowser = await launch({ webgpu: true });
  try {
    const { page, problems } = await openPage(gpuBrowser);
    await openLab(page, "&target=banana&algorithm=svgd&n=512&seed=2&speed=20");
    await page.waitForFunction(() => /GPU: /.test(document.querySelector(".status")?.textContent ?? ""), null, T);
    await play(page, 200);
    assert.equal(await metricText(page, "device"), "GPU");
    assert.match(await page.locator(".particles-compute").textContent(), /SVGD: WebGPU\/WGSL kernel/);
    console.log(`# ${/GPU: [^·]*/.exec(await page.locator(".status").textContent())[0].trim()}: ${await metricText(page, "steps")} steps, ${await metricText(page, "steps_per_second")} steps/s`);
    assert.ok((await ink(page, ".particles-panel[data-run=a] canvas")).blue > 300, "particles not drawn");
    await shot(page, "particles-webgpu");
    // Mean-field Langevin's typed W becomes a generated WGSL kernel, which Chromium must accept.
    const w = encodeURIComponent("-exp(-(x^2 + y^2))/2 + sqrt(x^2 + y^2 + 1)/10");
    await openLab(page, `&algorithm=mfld&interaction=${w}&n=1024&seed=2&speed=5`);
    await page.waitForFunction(() => /GPU: /.test(document.querySelector(".status")?.textContent ?? ""), null, T);
    await play(page, 20);
    assert.match(await page.locator(".particles-compute").textContent(), /pair-force kernel generated from ∇W/);
    assert.equal(await metricText(page, "device"), "GPU");
    assert.ok(Number.isFinite(await metric(page, "mean_error")), "mfld metrics");
    assert.deepEqual(problems.pageErrors, []);
  } finally {
    await gpuBrowser.close();
  }
});

test("a typo in a typed log-density is shown with its span; the last run stays, and fixing it recovers", async () => {
  const { page, problems } = await openPage(browser);
  await openLab(page, `&target=typed&logdensity=${encodeURIComponent("-x^2 - y^2")}&algorithm=svgd&n=128&seed=4&speed=20`);
  assert.match(await page.locator("[data-formula=target] annotation").textContent(), /\\log p\(x, y\) = -\s*x\^\{2\} - y\^\{2\}/);
  await play(page, 100);
  const before = await settledInk(page, ".particles-panel[data-run=a] canvas");
  const steps = await metric(page, "steps");

  await page.fill("#param-logdensity", "-x^2 - (y");
  await page.press("#param-logdensity", "Enter");
  const stale = page.locator(".particles-stale");
  await stale.waitFor({ state: "visible", ...T });
  assert.match(await stale.locator(".stale-message").textContent(), /logdensity/);
  // The span is marked next to the figure and under the field.
  assert.ok(await stale.locator("pre.expr-context mark").count() === 1, "no span in the figure's message");
  assert.ok(await page.locator(".field[data-param=logdensity] pre.expr-context mark").count() === 1, "no span under the field");
  assert.equal(await metric(page, "steps"), steps, "the last run was replaced");
  assert.deepEqual(await ink(page, ".particles-panel[data-run=a] canvas"), before, "the last picture changed");
  await shot(page, "particles-typo");

  await page.fill("#param-logdensity", "-x^2/2 - y^2");
  await page.press("#param-logdensity", "Enter");
  await stale.waitFor({ state: "hidden", ...T });
  await page.waitForFunction(() => /\\frac\{x\^\{2\}\}\{2\}/.test(document.querySelector("[data-formula=target] annotation")?.textContent ?? ""), null, T);
  assert.equal(await metric(page, "steps"), 0);
  assert.equal(await page.locator(".field[data-param=logdensity] pre.expr-context").count(), 0);
  assert.deepEqual(problems.pageErrors, []);
});

test("the other targets and mean-field Langevin draw without errors", async () => {
  const { page, problems } = await openPage(browser);
  for (const q of ["&target=mixture&mixture_k=4", "&target=donut", "&target=banana&algorithm=mala", "&target=funnel&algorithm=ula", "&algorithm=mfld", "&target=gaussian&algorithm=kde-wgd&compare=mfld"]) {
    await openLab(page, `${q}&n=256&seed=5&speed=20`);
    await play(page, 40);
    const p = await ink(page, ".particles-panel[data-run=a] canvas");
    assert.ok(p.shade > 2000 && p.blue > 100, `${q}: ${JSON.stringify(p)}`);
    assert.ok(await page.locator("[data-formula=target] .katex").count() === 1, `${q}: no formula`);
    assert.ok(Number.isFinite(await metric(page, "mmd")), `${q}: no MMD`);
  }
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
});

test("phone width (390 px): panels stacked, nothing overflows", async () => {
  const { page, problems } = await openPage(browser, { width: 390, height: 844 });
  await openLab(page, "&target=banana&algorithm=svgd&compare=ula&n=256&seed=6&speed=20");
  await play(page, 100);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  const boxes = await page.$$eval(".particles-panel", (els) => els.map((e) => e.getBoundingClientRect().toJSON()));
  assert.equal(boxes.length, 2);
  assert.ok(boxes[1].top >= boxes[0].bottom, "panels not stacked");
  assert.ok(boxes.every((b) => b.right <= 390), "a panel overflows");
  await shot(page, "particles-phone");
  assert.deepEqual(problems.pageErrors, []);
});
