// The functional-derivative lab against the real wasm package: presets typeset their functional
// and derivative, a typed Lagrangian updates the formula and the three methods agree, a malformed
// one is marked under its field while the last good result stays, a Hamiltonian flow shows its
// energy drift, a curve drawn with the mouse becomes u, and the page fits a phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { currentStep, launch, openPage, shot, startSite } from "./harness.mjs";

let site, browser;
before(async () => {
  site = await startSite();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const T = { timeout: 30_000 };
/** The TeX source KaTeX keeps in its MathML annotation, for one formula line. */
const tex = (page, name) => page.locator(`[data-formula=${name}] annotation`).first().textContent();
const metric = async (page, name) => Number((await page.locator(`[data-metric=${name}]`).textContent()).replace(/,/g, ""));
const texHas = (page, name, re) => page.waitForFunction(([n, src]) => new RegExp(src).test(document.querySelector(`[data-formula=${n}] annotation`)?.textContent ?? ""), [name, re.source], T);
const inked = (page, sel) => page.$eval(sel, (c) => {
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n;
});
async function openLab(page, query = "") {
  await page.goto(`${site.url}?lab=functional${query}`);
  await page.waitForSelector("[data-formula=derivative] .katex", T);
  await page.waitForSelector("[data-metric=value]", T);
  await page.waitForSelector("button.preset", T);
}
async function typeLagrangian(page, text) {
  await page.fill("#param-lagrangian", text);
  await page.press("#param-lagrangian", "Enter");
}

test("presets: the formula is typeset and names the expected derivative", async () => {
  const { page, problems } = await openPage(browser);
  await openLab(page);
  await page.waitForTimeout(200);
  await shot(page, "functional-desktop");

  await page.click("button.preset[data-preset=dirichlet]");
  await texHas(page, "lagrangian", /u_\{?x\}?\^\{?2/);
  await texHas(page, "derivative", /-\s*u_\{xx\}/);
  assert.equal(await page.locator("button.preset[data-preset=dirichlet]").getAttribute("aria-pressed"), "true");
  assert.equal(await page.inputValue("#param-lagrangian"), "0.5*u_x^2");

  await page.click("button.preset[data-preset=arc-length]");
  await texHas(page, "lagrangian", /sqrt/);
  // −u_xx / (1 + u_x²)^{3/2}, however the printer arranges it
  await texHas(page, "derivative", /u_\{xx\}/);
  assert.match(await tex(page, "derivative"), /3\/2|\\frac\{3\}\{2\}|\\sqrt|\^\{-?1\.5\}/);
  console.log(`# arc length: δF/δu = ${await tex(page, "derivative")}`);
  assert.match(await tex(page, "functional"), /\\int_\{0\}\^\{1\}/);
  // Dirichlet ends: the shaded ends are explained.
  assert.match(await page.locator(".boundary-note").textContent(), /\S/);
  await page.waitForTimeout(200);
  await shot(page, "functional-preset");
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, [], "KaTeX fonts or styles blocked by the CSP?");
});

test("a typed Lagrangian: the formula follows, the methods agree; a malformed one is marked and the last result stays", async () => {
  const { page, problems } = await openPage(browser);
  await openLab(page, "&boundary=periodic&basis=fourier&a=0&b=1&u=sin(2*pi*x)%2B0.3*cos(4*pi*x)&points=256&degree=32&flow=none");
  await typeLagrangian(page, "0.5*u_x^2 + u^4/4");
  await texHas(page, "lagrangian", /u\^\{?4/);
  await texHas(page, "derivative", /u\^\{?3/);
  assert.match(await tex(page, "derivative"), /u_\{xx\}/);
  await page.waitForFunction(() => new URLSearchParams(location.search).get("lagrangian") === "0.5*u_x^2 + u^4/4");
  const discrete = await metric(page, "discrete_error");
  const cylindrical = await metric(page, "cylindrical_error");
  console.log(`# ½u_x² + u⁴/4: discrete error ${discrete}, cylindrical error ${cylindrical}, Taylor slope ${await metric(page, "taylor_slope")}`);
  // Relative max errors: second order on 256 points (about 5e-4), and a Fourier basis that holds
  // every mode of u and u³ (round-off).
  assert.ok(discrete < 2e-3, `discrete error ${discrete}`);
  assert.ok(cylindrical < 1e-9, `cylindrical error ${cylindrical}`);
  assert.ok(Math.abs((await metric(page, "taylor_slope")) - 2) < 0.2);
  const value = await page.locator("[data-metric=value]").textContent();
  const derivative = await tex(page, "derivative");

  await typeLagrangian(page, "0.5*u_x^2 +");
  const error = page.locator('[data-param="lagrangian"] .field-error');
  await error.locator("mark").waitFor(T);
  assert.match(await error.textContent(), /\S/);
  const context = await error.locator("pre.expr-context").textContent();
  assert.ok(context.startsWith("0.5*u_x^2 +"), context);
  assert.match(context.split("\n")[1], /^ *\^+$/, "caret line");
  assert.equal(await page.getAttribute("#param-lagrangian", "aria-invalid"), "true");
  // The last good result stays on screen, dimmed and said so.
  assert.equal(await tex(page, "derivative"), derivative);
  assert.equal(await page.locator("[data-metric=value]").textContent(), value);
  assert.ok(await page.locator(".formulas.stale").isVisible());
  assert.ok(await page.locator(".formula-stale").isVisible());
  await shot(page, "functional-error");

  await typeLagrangian(page, "0.5*u_x^2");
  await error.locator("mark").waitFor({ state: "detached", ...T });
  assert.equal(await page.locator(".formulas.stale").count(), 0);
  assert.deepEqual(problems.pageErrors, []);
});

test("the KdV preset's Hamiltonian flow runs and its energy drift is plotted", async () => {
  const { page, problems } = await openPage(browser);
  await openLab(page);
  await page.click("button.preset[data-preset=kdv]");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("flow") === "hamiltonian");
  await texHas(page, "lagrangian", /u\^\{?3/);
  await page.click("button.play");
  await page.waitForFunction(() => /step ([3-9]\d|\d{3,})/.test(document.querySelector(".status")?.textContent ?? ""), null, { timeout: 60_000 });
  await page.click("button.play");
  const drift = page.locator("figure.plot", { hasText: "Relative drift" });
  await drift.waitFor({ state: "visible", ...T });
  assert.ok((await inked(page, "figure.plot:has-text('Relative drift') canvas")) > 300, "drift plot not drawn");
  assert.ok((await inked(page, "figure.plot:has-text('Energy F[u(t)]') canvas")) > 300, "energy plot not drawn");
  const d = await metric(page, "energy_drift");
  console.log(`# KdV after ${await currentStep(page)} steps: relative Hamiltonian drift ${d}`);
  assert.ok(d < 1e-3, `drift ${d}`);
  await page.waitForTimeout(200);
  await shot(page, "functional-flow");
  assert.deepEqual(problems.pageErrors, []);
});

test("drawing u with the mouse sets a fitted u", async () => {
  const { page, problems } = await openPage(browser);
  await openLab(page, "&boundary=dirichlet&basis=legendre&a=0&b=1&flow=none");
  const before = await page.inputValue("#param-u");
  await page.click("button.draw-toggle");
  assert.equal(await page.getAttribute("button.draw-toggle", "aria-pressed"), "true");
  const canvas = page.locator(".functional-figure figure.plot canvas").first();
  const box = await canvas.boundingBox();
  // Inside the plot area (margins: 52 px left, 38 px bottom): a bump across the domain.
  const x0 = box.x + 60, x1 = box.x + box.width - 20, yMid = box.y + box.height * 0.45;
  await page.mouse.move(x0, yMid);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) {
    const t = i / 40;
    await page.mouse.move(x0 + t * (x1 - x0), yMid - 50 * Math.sin(Math.PI * t) * Math.sin(3 * Math.PI * t));
  }
  await page.mouse.up();
  await page.waitForFunction((old) => {
    const u = new URLSearchParams(location.search).get("u");
    return u !== null && u !== old;
  }, before, T);
  const u = await page.inputValue("#param-u");
  assert.notEqual(u, before);
  assert.equal(new URL(page.url()).searchParams.get("u"), u);
  await page.locator(".draw-status", { hasText: "Fitted" }).waitFor(T);
  // The stroke stays beside its fit.
  await page.locator(".functional-figure .legend", { hasText: "your drawing" }).waitFor(T);
  await page.waitForTimeout(300);
  await shot(page, "functional-draw");
  assert.deepEqual(problems.pageErrors, []);
});

test("phone width (390 px): one column, formulas scroll inside their box, nothing overflows", async () => {
  const { page, problems } = await openPage(browser, { width: 390, height: 844 });
  await openLab(page);
  await page.click("button.preset[data-preset=arc-length]");
  await texHas(page, "lagrangian", /sqrt/);
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  const [figY, playY, formY] = await page.evaluate(() => [".figure", "button.play", ".param-form"].map((s) => document.querySelector(s).getBoundingClientRect().top));
  assert.ok(figY < playY && playY < formY, `order ${figY} ${playY} ${formY}`);
  await shot(page, "functional-phone");
  assert.deepEqual(problems.pageErrors, []);
});
