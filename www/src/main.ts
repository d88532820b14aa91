// Entry point: one index.html, routed by query string.
//   (nothing)             → home (lab cards)
//   ?lab=<id>&…           → lab page (?embed=1 for the figure alone, to put in an iframe)
//   ?page=device          → device check
import "./styles.css";
import { LabClient } from "./core/client";
import { renderDevice } from "./pages/device";
import { renderHome } from "./pages/home";
import { renderLab } from "./pages/lab";
import { h } from "./ui/dom";
import { ellipsize } from "./ui/dom";
import { parseRoute } from "./ui/url-state";

function shell(embed: boolean, current: "labs" | "device" | null): HTMLElement {
  const main = h("main", { id: "main", class: "page" });
  if (embed) {
    document.body.replaceChildren(main);
    return main;
  }
  const link = (href: string, text: string, here: boolean) => h("a", { href, "aria-current": here ? "page" : undefined }, text);
  const header = h("header", { class: "site-header" },
    h("a", { class: "skip", href: "#main" }, "Skip to content"),
    h("a", { class: "logo", href: "./", "aria-label": "δF home" }, h("span", { class: "logo-delta" }, "δ"), h("span", { class: "logo-f" }, "F")),
    h("nav", { "aria-label": "Site" }, link("./#labs", "Labs", current === "labs"), link("?page=device", "Device", current === "device")),
  );
  const footer = h("footer", { class: "site-footer" }, "δF — functional derivatives in the browser. Rust + WebAssembly, WebGPU where available. Every link reproduces its run.");
  document.body.replaceChildren(header, main, footer);
  return main;
}

async function boot(): Promise<void> {
  const route = parseRoute(location.search);
  const client = new LabClient();
  if (route.page === "device") {
    renderDevice(shell(false, "device"), client);
    return;
  }
  if (route.page === "lab") {
    const root = shell(route.embed, null);
    try {
      const result = await renderLab(root, client, route.lab);
      if (result === "unknown") {
        await renderHome(shell(false, "labs"), client, `There is no lab called “${ellipsize(route.lab)}”.`);
      }
    } catch (e) {
      root.replaceChildren(h("p", { class: "banner error", role: "alert" }, `This lab could not be opened: ${e instanceof Error ? e.message : String(e)}`));
    }
    return;
  }
  await renderHome(shell(false, "labs"), client, route.notice);
}

void boot();
