// What the boundary terms do to the cylindrical approximation, in a panel of its own: the raw sum
// Σ ∂f/∂a_k φ_k minus the corrected one. On non-periodic domains the terms [L_{u_x} h]_a^b are
// functionals concentrated at the ends; projected on m smooth basis functions they spread over
// the whole domain as an oscillation far larger than δF/δu itself, so on the δF/δu panel's scale
// they would only be lines leaving the frame.
import { LinePlot } from "../../plot/line-plot";
import { h } from "../../ui/dom";
import { COLORS } from "./colors";
import { renderMathText } from "./formula";

/** raw − corrected, and whether it is more than round-off next to the derivative's size. */
export function boundaryTerms(raw: ArrayLike<number>, corrected: ArrayLike<number>): { diff: Float64Array; significant: boolean } {
  const n = Math.min(raw.length, corrected.length);
  const diff = new Float64Array(n);
  let big = 0, scale = 0;
  for (let i = 0; i < n; i++) {
    diff[i] = raw[i]! - corrected[i]!;
    if (Number.isFinite(diff[i]!)) big = Math.max(big, Math.abs(diff[i]!));
    if (Number.isFinite(corrected[i]!)) scale = Math.max(scale, Math.abs(corrected[i]!));
  }
  return { diff, significant: big > 1e-9 * Math.max(1, scale) };
}

export class BoundaryPanel {
  readonly element: HTMLElement;
  private readonly plot: LinePlot;
  private readonly note: HTMLElement;
  private shownNote = "";

  constructor() {
    this.plot = new LinePlot({ title: "What the boundary terms add to the raw cylindrical sum", xLabel: "x", yLabel: "raw − corrected", legend: "none", height: 150, label: "The boundary terms' projection: raw minus corrected cylindrical derivative" });
    this.note = h("p", { class: "figure-caption boundary-note" });
    this.element = h("div", { class: "boundary-panel", hidden: true }, this.plot.element, this.note);
  }

  /** Shows the panel when the snapshot has boundary terms; the note in any case (if any). */
  update(x: ArrayLike<number>, raw: ArrayLike<number>, corrected: ArrayLike<number>, domain: [number, number], shaded: [number, number][], note: string): void {
    const { diff, significant } = boundaryTerms(raw, corrected);
    this.plot.element.hidden = !significant;
    this.element.hidden = !significant && !note;
    if (significant) {
      this.plot.setXDomain(domain);
      this.plot.setShading(shaded);
      // Scaled to the interior, where the spread-out oscillation is; the end spikes leave the frame.
      const inner = domain[0] < domain[1] && shaded.length === 2 ? ([shaded[0]![1], shaded[1]![0]] as [number, number]) : undefined;
      this.plot.setSeries([{ name: "raw − corrected", x, y: diff, color: COLORS.raw, width: 1.5, fitWindow: inner }]);
    }
    if (note !== this.shownNote) {
      renderMathText(this.note, note);
      this.shownNote = note;
    }
  }

  destroy(): void {
    this.plot.destroy();
  }
}
