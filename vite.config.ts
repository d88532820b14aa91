// One Vite config for the site build and the vitest unit tests.
// `@pkg` is the wasm-bindgen package (pkg/, built by wasm-pack). DELTAF_MOCK=1 swaps in the
// TypeScript mock of the same API so the site can be built and looked at before pkg/ exists.
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const useMock = process.env.DELTAF_MOCK === "1";

export default defineConfig({
  root: here("www"),
  base: "./",
  // Keep Vite's and vitest's caches under the ignored root node_modules/, not www/.
  cacheDir: here("node_modules/.vite"),
  resolve: {
    alias: {
      "@pkg": useMock ? here("www/test/mock/deltaf-mock.ts") : here("pkg/deltaf.js"),
    },
  },
  build: {
    outDir: here("www/dist"),
    emptyOutDir: true,
    target: "es2022",
    // The wasm file is fetched by URL; never inline it as base64. Nor fonts (KaTeX's): the CSP
    // allows fonts from 'self' only, so a data: URL font would be blocked.
    assetsInlineLimit: (file) => (/\.(wasm|woff2?|ttf)$/.test(file) ? false : undefined),
  },
  worker: { format: "es" },
  // pkg/ sits beside www/, outside Vite's root.
  server: { fs: { allow: [here(".")] } },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    environment: "happy-dom",
  },
});
