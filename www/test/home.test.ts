// Lab cards: the picture comes from labs/<id>/card.svg when the folder has one (import.meta.glob),
// else a generated placeholder; text is text.
import { describe, expect, it } from "vitest";
import { labCard } from "../src/pages/home";
import { cardUrl } from "../src/labs/registry";
import { HOSTILE } from "./fixtures";

describe("lab cards", () => {
  it("finds card.svg by folder name", () => {
    expect(cardUrl("repulsion")).toMatch(/card\.svg/);
    expect(cardUrl("no-such-lab")).toBeNull();
  });
  it("links to the lab and shows its picture", () => {
    const li = labCard({ id: "repulsion", title: "Repulsive particles", summary: "Particles." });
    const a = li.querySelector("a.card")!;
    expect(a.getAttribute("href")).toBe("?lab=repulsion");
    expect(a.querySelector("img")?.getAttribute("src")).toMatch(/card\.svg/);
    expect(a.querySelector(".card-title")?.textContent).toBe("Repulsive particles");
  });
  it("draws a placeholder for a lab without a picture, and keeps hostile text inert", () => {
    const li = labCard({ id: "x&y", title: HOSTILE, summary: HOSTILE });
    expect(li.querySelector("svg.card-placeholder path")).not.toBeNull();
    expect(li.querySelector("img")).toBeNull();
    expect(li.querySelector(".card-title")?.textContent).toBe(HOSTILE);
    expect(li.querySelector("a")?.getAttribute("href")).toBe("?lab=x%26y");
  });
});
