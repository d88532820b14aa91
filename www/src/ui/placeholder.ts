// A neutral picture for a lab without card.svg: a few smooth curves whose shape follows from the
// lab id, so cards differ without anyone drawing them. Built with DOM calls (no markup strings).
import { CATEGORICAL } from "./palette";

const SVG = "http://www.w3.org/2000/svg";

function hash(text: string): number {
  let x = 2166136261;
  for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), 16777619);
  return x >>> 0;
}

export function placeholderCard(id: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 320 180");
  svg.setAttribute("class", "card-placeholder");
  svg.setAttribute("aria-hidden", "true");
  const bg = document.createElementNS(SVG, "rect");
  bg.setAttribute("width", "320");
  bg.setAttribute("height", "180");
  bg.setAttribute("fill", "#f4f6f8");
  svg.append(bg);
  let seed = hash(id);
  const rnd = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  for (let k = 0; k < 3; k++) {
    const f = 1 + rnd() * 3, phase = rnd() * 6.28, amp = 20 + rnd() * 30, y0 = 60 + k * 30;
    let d = "";
    for (let x = 0; x <= 320; x += 8) d += `${x === 0 ? "M" : "L"}${x} ${(y0 + amp * Math.sin((x / 320) * f * 6.28 + phase) * Math.exp(-x / 400)).toFixed(1)} `;
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", d);
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", CATEGORICAL[k]!);
    path.setAttribute("stroke-opacity", "0.55");
    path.setAttribute("stroke-width", "2");
    svg.append(path);
  }
  return svg;
}
