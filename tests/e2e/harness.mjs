// Shared set-up for the e2e tests: serve the built site on a free loopback port, launch the
// system Chromium through playwright-core, and save screenshots under target/e2e/.
//   DIST=<dir>          site to serve (default www/dist; build it first: npm run build)
//   E2E_BASE_URL=<url>  test a site that is already being served instead
//   CHROMIUM=<path>     browser binary (default /usr/bin/chromium)
import { mkdirSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";

export const SHOTS = resolve("target/e2e");

const BASE_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

/** Serves the site; returns { url, close }. */
export async function startSite() {
  if (process.env.E2E_BASE_URL) return { url: process.env.E2E_BASE_URL.replace(/\/?$/, "/"), close: async () => {} };
  const dir = resolve(process.env.DIST ?? "www/dist");
  if (!existsSync(resolve(dir, "index.html"))) throw new Error(`${dir}/index.html missing: run \`npm run build\` first`);
  const { server, url } = await startServer(dir, 0);
  return { url, close: () => new Promise((r) => server.close(r)) };
}

/** Chromium with or without WebGPU (SwiftShader's adapter needs --enable-unsafe-webgpu). */
export function launch({ webgpu = false } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: webgpu ? [...BASE_ARGS, "--enable-unsafe-webgpu"] : BASE_ARGS,
  });
}

/** A page that records console errors, page errors and dialogs (an alert() means injection). */
export async function openPage(browser, { width = 1280, height = 860 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = { pageErrors: [], dialogs: [], consoleErrors: [] };
  page.on("pageerror", (e) => problems.pageErrors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && problems.consoleErrors.push(m.text()));
  page.on("dialog", async (d) => {
    problems.dialogs.push(d.message());
    await d.dismiss();
  });
  return { page, context, problems };
}

export async function shot(page, name, opts = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const path = resolve(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true, ...opts });
  return path;
}

/** The integer after "step " in the status line. */
export async function currentStep(page) {
  const text = await page.locator(".status").textContent();
  const m = /step ([\d,]+)/.exec(text ?? "");
  return m ? Number(m[1].replace(/,/g, "")) : NaN;
}

/** Plays until the lab's steps read-out (`[data-metric=steps]`) reaches n, then pauses and waits
 *  until the page shows it paused. */
export async function playUntil(page, n, timeout = 180_000) {
  await page.click("button.play");
  await page.waitForFunction((k) => Number(document.querySelector("[data-metric=steps]")?.textContent.replace(/,/g, "")) >= k, n, { timeout });
  await page.click("button.play");
  await page.waitForFunction(() => document.querySelector("button.play")?.getAttribute("aria-pressed") === "false");
}
