// What the target is, typeset: the built-in targets' definitions (the constants mirror
// crate/src/measure/targets.rs and the README), or a typed log-density as the core printed it
// (`texts.target_latex`, from the expression engine's LaTeX printer). The lab names its target
// in `texts.target` and identifies it in `texts.target_id`.

export type TargetKind = "gaussian" | "banana" | "donut" | "funnel" | "mixture" | "typed" | "gibbs" | "unknown";
const KINDS: readonly TargetKind[] = ["gaussian", "banana", "donut", "funnel", "mixture", "typed", "gibbs"];

/** Which target a snapshot shows (from its texts, not the form: the form may be ahead of it). */
export function targetKind(texts: Record<string, string>): TargetKind {
  const id = texts.target_id as TargetKind | undefined;
  return id && KINDS.includes(id) ? id : "unknown";
}

/** The number of mixture components named in the label ("Mixture of 4 Gaussians"). */
function mixtureK(label: string): string {
  return /(\d+)/.exec(label)?.[1] ?? "k";
}

/** The target's definition as display TeX ("" when there is nothing to show). */
export function targetTex(texts: Record<string, string>): string {
  const kind = targetKind(texts);
  switch (kind) {
    case "gaussian":
      return "\\mathcal N(\\mu, \\Sigma),\\quad \\mu = (-0.6871,\\ 0.8010),\\quad \\Sigma^{-1} = \\begin{pmatrix} 0.2260 & 0.1652 \\\\ 0.1652 & 0.6779 \\end{pmatrix}";
    case "banana":
      return "x \\sim \\mathcal N(0, 1),\\quad y \\mid x \\sim \\mathcal N\\!\\left(\\tfrac12 x^2 - 1,\\ 0.5^2\\right)";
    case "donut":
      return "p(x, y) \\propto \\exp\\!\\left(-\\frac{(r - 2)^2}{2 \\cdot 0.3^2}\\right),\\quad r = \\sqrt{x^2 + y^2}";
    case "funnel":
      return "y \\sim \\mathcal N(0, 3^2),\\quad x \\mid y \\sim \\mathcal N(0, e^{y})";
    case "mixture": {
      const k = mixtureK(texts.target ?? "");
      return `p = \\frac{1}{${k}} \\sum_{m=1}^{${k}} \\mathcal N\\!\\left(c_m,\\ 0.6^2 I\\right),\\quad c_m \\text{ on the circle of radius } 2.5`;
    }
    case "typed":
      return `\\log p(x, y) = ${texts.target_latex ?? ""} + \\text{const}`;
    case "gibbs":
      return `\\log p(x, y) = -\\frac{V(x, y)}{\\sigma} = ${texts.target_latex ?? ""} + \\text{const}`;
    default:
      return "";
  }
}
