// (a) Home: the lab gallery lists every lab from listLabs() as a keyboard-reachable card.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, shot, startSite } from "./harness.mjs";

let site, browser;
before(async () => {
  site = await startSite();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

test("home lists the labs as cards with pictures and links", async () => {
  const { page, problems } = await openPage(browser);
  await page.goto(site.url);
  await page.waitForSelector(".cards a.card");
  const cards = await page.$$eval(".cards a.card", (as) => as.map((a) => ({ href: a.getAttribute("href"), title: a.querySelector(".card-title")?.textContent, summary: a.querySelector(".card-summary")?.textContent, picture: !!a.querySelector(".card-picture img, .card-picture svg") })));
  const repulsion = cards.find((c) => c.href === "?lab=repulsion");
  assert.ok(repulsion, `no repulsion card in ${JSON.stringify(cards)}`);
  assert.equal(repulsion.title, "Repulsive particles");
  for (const c of cards) {
    assert.ok(c.title && c.summary, `card without text: ${JSON.stringify(c)}`);
    assert.ok(c.picture, `card without picture: ${c.href}`);
  }
  // The card picture loaded (not a broken image).
  const loaded = await page.$eval('a[data-lab="repulsion"] img', (img) => img.complete && img.naturalWidth > 0);
  assert.ok(loaded, "card.svg did not load");
  // Header with logotype and links; footer line.
  assert.equal(await page.locator(".site-header .logo").textContent(), "δF");
  assert.deepEqual(await page.$$eval(".site-header nav a", (as) => as.map((a) => a.textContent)), ["Labs", "Device"]);
  assert.ok(await page.locator(".site-footer").isVisible());
  // Keyboard: Tab reaches the first card.
  let reached = false;
  for (let i = 0; i < 8 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.classList.contains("card") ?? false);
  }
  assert.ok(reached, "Tab never reached a lab card");
  await shot(page, "home");
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.consoleErrors, []);
});

test("an unknown lab id goes home with a notice shown as text", async () => {
  const { page, problems } = await openPage(browser);
  await page.goto(`${site.url}?lab=${encodeURIComponent("nope")}`);
  await page.waitForSelector(".cards a.card");
  assert.match(await page.locator(".banner.notices").textContent(), /There is no lab called “nope”/);
  await page.goto(`${site.url}?lab=${encodeURIComponent("<img src=x onerror=alert(1)>")}`);
  await page.waitForSelector(".cards a.card");
  assert.match(await page.locator(".banner.notices").textContent(), /<img src=x/);
  assert.equal(await page.locator("img[src=x]").count(), 0);
  assert.deepEqual(problems.dialogs, []);
});
