// Runs before every test file (vite.config.ts `test.setupFiles`), before any module is imported.
// KaTeX decides at import time whether it may render: it refuses quirks mode. The real page has
// <!doctype html>; happy-dom reports no compatMode at all, so say what the page would.
if (document.compatMode !== "CSS1Compat") Object.defineProperty(document, "compatMode", { value: "CSS1Compat", configurable: true });
