// Which of the particle lab's parameters do anything for the chosen algorithms and target, so the
// form can fold the rest away (their values stay in the URL). Mirrors what crate/src/particles
// reads: the flows use the kernel bandwidth and the optimizer, the Langevin chains the noise,
// mean-field Langevin σ, V and W (and its own Gibbs target); the typed log-density and the number
// of mixture components belong to their targets.
import type { Params } from "../../core/protocol";

const FLOWS = new Set(["svgd", "kde-wgd", "sge-wgd", "ssge-wgd"]);
const CHAINS = new Set(["ula", "mala"]);
const ALWAYS = ["algorithm", "compare", "n", "step", "metrics_every", "device"];

export function relevantParams(params: Params): string[] {
  const algorithms = [params.algorithm, params.compare].filter((a): a is string => typeof a === "string" && a !== "none");
  const out = [...ALWAYS];
  if (algorithms.some((a) => FLOWS.has(a))) out.push("optimizer", "bandwidth");
  if (algorithms.some((a) => CHAINS.has(a))) out.push("noise");
  if (algorithms.includes("mfld")) out.push("sigma", "potential", "interaction");
  // With mean-field Langevin in the run, both runs sample its Gibbs target exp(−V/σ) (the lab
  // says so in a notice): the target setting does nothing then.
  if (!algorithms.includes("mfld")) {
    out.push("target");
    if (params.target === "typed") out.push("logdensity");
    if (params.target === "mixture") out.push("mixture_k");
  }
  return out;
}
