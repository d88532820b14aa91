// One SVGD step of the `particles` lab on WebGPU in headless Chromium (playwright-core, the
// system Chromium with --enable-unsafe-webgpu): the same step as the other peers, with the SVGD
// direction as a WGSL kernel. Here the adapter is Chromium's SwiftShader, a CPU emulation of a
// GPU, so the numbers say nothing about real GPUs: every line carries the adapter's name.
// Median ms per step over at least 3 steps and ~2 s after a warm-up step. One JSON object per line.
import { chromium } from 'playwright-core';
import { startServer } from '../e2e/serve.mjs';

const sizes = (process.env.BENCH_SIZES ?? '256,1024,4096,16384').split(',').map(Number);
const { server, url } = await startServer('.', 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage();
  await page.goto(`${url}tests/bench/particles-webgpu.html`);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
  for (const n of sizes) {
    const row = await page.evaluate(async (n) => {
      const r = new window.deltaf.LabRunner('particles', { algorithm: 'svgd', target: 'gaussian', n, step: 0.05, metrics_every: 100000 }, 1);
      const info = await r.useGpu();
      await r.stepAsync(1);
      const times = [];
      const start = performance.now();
      while (times.length < 3 || (performance.now() - start < 2000 && times.length < 100)) {
        const t = performance.now();
        await r.stepAsync(1);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const device = r.metrics().device;
      r.free();
      return { ms: times[times.length >> 1], info, device };
    }, n);
    if (row.device !== 'gpu') {
      console.log(JSON.stringify({ impl: 'webgpu-chromium', n, ms: null, adapter: null, note: row.info.reason }));
      continue;
    }
    const swiftshader = /swiftshader/i.test(row.info.adapter);
    const adapter = `${row.info.adapter}${swiftshader ? ' [SwiftShader: CPU emulation]' : ''}`;
    console.log(JSON.stringify({ impl: 'webgpu-chromium', n, ms: Number(row.ms.toFixed(4)), adapter }));
  }
} finally {
  await browser.close();
  server.close();
}
