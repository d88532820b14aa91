// (e) A Rust panic kills the wasm instance in the worker. The page must show it in the banner, and
// Reset must bring the lab back in a fresh worker: no reload, settings kept.
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

const statusHas = (page, re) => page.waitForFunction((src) => new RegExp(src).test(document.querySelector(".status")?.textContent ?? ""), re.source, { timeout: 30_000 });

test("__testPanic: banner, then Reset restarts the worker without a reload", async () => {
  const { page, problems } = await openPage(browser);
  await page.goto(`${site.url}?lab=repulsion&n=128&seed=9`);
  await statusHas(page, /CPU|GPU/);
  await page.fill("#param-bandwidth", "0.7");
  await page.press("#param-bandwidth", "Enter");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("bandwidth") === "0.7");
  // Let the debounced restart for that change happen first (a restart after the panic would
  // itself bring the lab back, which is right but not what this test is about).
  await page.waitForTimeout(600);
  await page.click("button.play");
  await statusHas(page, /step [1-9]/);
  await page.evaluate(() => (window.__noReload = true));

  await page.evaluate(() => window.__deltafTest.panic());
  const banner = page.locator(".banner.error");
  await banner.waitFor({ state: "visible" });
  assert.match(await banner.textContent(), /internal error|unreachable|panic/i);
  assert.equal(await page.locator("button.play").getAttribute("aria-pressed"), "false");
  // The dead instance refuses work instead of hanging.
  await page.click("button.step");
  await shot(page, "lab-panic");

  await page.click(".banner-reset");
  await banner.waitFor({ state: "hidden" });
  await statusHas(page, /^step 0 .*seed 9/);
  assert.equal(await page.evaluate(() => window.__noReload), true, "the page reloaded");
  assert.equal(await page.locator("#param-bandwidth").inputValue(), "0.7", "form state lost");
  await page.click("button.play");
  await statusHas(page, /step [1-9]/);
  await page.click("button.play");
  assert.ok((await currentStep(page)) > 0);
  // The only page errors allowed are none: the panic stays inside the worker.
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.dialogs, []);
});
