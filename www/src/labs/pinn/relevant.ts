// Which PINN parameters do anything for the chosen equation and options, so the form can fold the
// rest away (their values stay in the URL). Mirrors crate/src/pinn: the classical Burgers PINN has
// no coefficients, no slice axis and no degree study; the schedule's length is the cosine's; the
// study's step count matters only with the study on.
import type { Params } from "../../core/protocol";

export function relevantParams(params: Params): string[] {
  const out = ["equation", "width", "depth", "activation", "layer_norm", "lr", "batch", "schedule", "exact_bc", "device", "eval_every"];
  if (params.schedule === "cosine") out.push("total_steps");
  if (params.equation !== "burgers") {
    out.push("degree", "slice_axis", "degree_study");
    if (params.degree_study === true) out.push("study_steps");
  }
  return out;
}
