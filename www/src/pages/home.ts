// Home: one card per lab in the registry (listLabs), each a link to the lab page.
import type { LabEntry } from "../core/api";
import type { LabClient } from "../core/client";
import { cardUrl } from "../labs/registry";
import { append, h } from "../ui/dom";
import { placeholderCard } from "../ui/placeholder";

export function labCard(lab: LabEntry): HTMLElement {
  const url = cardUrl(lab.id);
  const picture = url ? h("img", { src: url, alt: "", loading: "lazy", width: 320, height: 180 }) : placeholderCard(lab.id);
  const link = h("a", { class: "card", href: `?lab=${encodeURIComponent(lab.id)}`, "data-lab": lab.id },
    h("div", { class: "card-picture" }, picture),
    h("div", { class: "card-body" }, h("h2", { class: "card-title" }, lab.title), h("p", { class: "card-summary" }, lab.summary)),
  );
  return h("li", {}, link);
}

export async function renderHome(root: HTMLElement, client: LabClient, notice?: string): Promise<void> {
  document.title = "δF — a playground for functional derivatives";
  const list = h("ul", { class: "cards", "aria-busy": "true" }, h("li", { class: "loading" }, "Loading labs…"));
  root.replaceChildren();
  append(
    root,
    h("section", { class: "intro" },
      h("h1", {}, "Functional derivatives you can play with"),
      h("p", { class: "lede" }, "Each lab runs a small numerical experiment in your browser — Rust compiled to WebAssembly, with WebGPU when your device has it. Change a parameter and watch what it does; every link reproduces what you see."),
    ),
    notice ? h("p", { class: "banner notices", role: "status" }, notice) : null,
    h("h2", { class: "section-title", id: "labs" }, "Labs"),
    list,
  );
  try {
    const labs = await client.call<LabEntry[]>("listLabs");
    list.replaceChildren(...labs.map(labCard));
    if (labs.length === 0) list.append(h("li", { class: "loading" }, "No labs yet."));
  } catch (e) {
    list.replaceChildren(h("li", { class: "banner error", role: "alert" }, `Could not list the labs: ${e instanceof Error ? e.message : String(e)}`));
  } finally {
    list.removeAttribute("aria-busy");
  }
}
