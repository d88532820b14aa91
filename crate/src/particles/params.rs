//! The particle lab's parameters: the one declaration the form, the URL state, the JS API and
//! the tests read (names are a contract; README and www/src/core/api.ts list them).

use super::algorithm::IDS;
use crate::lab::{DefaultValue, ParamKind, ParamSpec};
use crate::measure::targets::MAX_MIXTURE;

pub const MAX_PARTICLES: i64 = 65_536;
pub const MAX_EXPR_LEN: usize = 500;

const ALGORITHM_LABELS: [&str; 7] = [
    "ULA (unadjusted Langevin)",
    "MALA (Metropolis-adjusted Langevin)",
    "SVGD",
    "kde-WGD (kernel density estimate)",
    "sge-WGD (Stein gradient estimator)",
    "ssge-WGD (spectral Stein gradient estimator)",
    "Mean-field Langevin (typed V and W)",
];

pub const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "target",
        label: "Target",
        kind: ParamKind::Choice {
            choices: &["gaussian", "banana", "donut", "funnel", "mixture", "typed"],
            labels: &[
                "SVGD reference Gaussian",
                "Banana",
                "Donut",
                "Neal's funnel",
                "Mixture of k Gaussians",
                "Typed log-density",
            ],
        },
        default: DefaultValue::Text("gaussian"),
        help: "The 2D density p the particles should sample. Metrics compare against 1000 exact samples, or for a typed log-density against a long MALA run computed once. Mean-field Langevin samples exp(−V/σ) instead.",
    },
    ParamSpec {
        name: "algorithm",
        label: "Algorithm",
        kind: ParamKind::Choice {
            choices: &IDS,
            labels: &ALGORITHM_LABELS,
        },
        default: DefaultValue::Text("svgd"),
        help: "How the particles move: Langevin chains (ula, mala), deterministic flows of KL(μ‖p) with ∇log μ from a kernel (svgd, kde-wgd, sge-wgd, ssge-wgd), or mean-field Langevin for F(μ) = ∫V dμ + ½∬W dμdμ + σ∫μ log μ (mfld).",
    },
    ParamSpec {
        name: "compare",
        label: "Compare with",
        kind: ParamKind::Choice {
            choices: &[
                "none", "ula", "mala", "svgd", "kde-wgd", "sge-wgd", "ssge-wgd", "mfld",
            ],
            labels: &[
                "Nothing",
                "ULA",
                "MALA",
                "SVGD",
                "kde-WGD",
                "sge-WGD",
                "ssge-WGD",
                "Mean-field Langevin",
            ],
        },
        default: DefaultValue::Text("none"),
        help: "A second algorithm run side by side on the same target, particles and seed (points_b and the _b curves).",
    },
    ParamSpec {
        name: "n",
        label: "Particles N",
        kind: ParamKind::Int {
            min: 16,
            max: MAX_PARTICLES,
            step: 16,
        },
        default: DefaultValue::Int(512),
        help: "Number of particles (16 to 65 536; sge-WGD at most 1024, its N × N solve is O(N³)). Kernel flows cost O(N²) per step.",
    },
    ParamSpec {
        name: "step",
        label: "Step size",
        kind: ParamKind::Number {
            min: 1e-4,
            max: 1.0,
            step: 1e-4,
            log: true,
        },
        default: DefaultValue::Number(0.05),
        help: "ε of a flow step x ← x + εφ (Adam's learning rate with the Adam optimizer), δ of a Langevin step.",
    },
    ParamSpec {
        name: "optimizer",
        label: "Optimizer",
        kind: ParamKind::Choice {
            choices: &["plain", "adam"],
            labels: &["Plain steps", "Adam"],
        },
        default: DefaultValue::Text("plain"),
        help: "For the flows (SVGD, WGD): plain steps or Adam (β = 0.9, 0.999) on every coordinate. Langevin algorithms always take plain steps.",
    },
    ParamSpec {
        name: "bandwidth",
        label: "Kernel bandwidth h",
        kind: ParamKind::Number {
            min: 0.0,
            max: 10.0,
            step: 1e-3,
            log: false,
        },
        default: DefaultValue::Number(0.0),
        help: "RBF kernel bandwidth h in k(x, y) = exp(−|x − y|²/(2h)) for the flows. 0 = the median heuristic h = med²/(2 log(N + 1)), amortized: the median is taken over the pairs of at most 256 evenly chosen particles and refreshed every 10 steps.",
    },
    ParamSpec {
        name: "noise",
        label: "Langevin noise τ",
        kind: ParamKind::Number {
            min: 0.0,
            max: 2.0,
            step: 0.01,
            log: false,
        },
        default: DefaultValue::Number(1.0),
        help: "ULA and MALA add τ·√(2δ)·ξ per step: τ = 1 samples p (ULA up to its O(δ) bias), τ = 0 is gradient ascent on log p (ULA); MALA stays exact for every τ.",
    },
    ParamSpec {
        name: "sigma",
        label: "Temperature σ",
        kind: ParamKind::Number {
            min: 0.01,
            max: 10.0,
            step: 0.01,
            log: true,
        },
        default: DefaultValue::Number(1.0),
        help: "Mean-field Langevin: the entropy weight σ in F(μ); the noise is √(2σδ)·ξ and the target is exp(−V/σ).",
    },
    ParamSpec {
        name: "logdensity",
        label: "log p(x, y)",
        kind: ParamKind::Expr {
            max_len: MAX_EXPR_LEN,
        },
        default: DefaultValue::Text("-(x^2 + y^2)/4 + 2*cos(x)*cos(y)"),
        help: "The typed target's log-density in x and y, up to a constant (e.g. -(x^2 + y^2)/2). Its gradient is taken symbolically; exp of it must be integrable.",
    },
    ParamSpec {
        name: "potential",
        label: "Potential V(x, y)",
        kind: ParamKind::Expr {
            max_len: MAX_EXPR_LEN,
        },
        default: DefaultValue::Text("(x^2 + y^2)/2 + 2*exp(-2*x^2)"),
        help: "Mean-field Langevin's confining potential V in x and y; with W = 0 the particles sample exp(−V/σ). The default is a double well in x with quadratic tails (explicit steps on quartic wells like (x^2 - 1)^2 need δ below 2/V'' in the tails).",
    },
    ParamSpec {
        name: "interaction",
        label: "Interaction W(x, y)",
        kind: ParamKind::Expr {
            max_len: MAX_EXPR_LEN,
        },
        default: DefaultValue::Text("0"),
        help: "Mean-field Langevin's pair interaction W as a function of the difference (x, y) between two particles; it should be even. E.g. (x^2 + y^2)/2 pulls particles together, exp(-(x^2 + y^2)) pushes them apart. On the CPU exact for N ≤ 512, random batches of 64 above; on the GPU exact at every N.",
    },
    ParamSpec {
        name: "mixture_k",
        label: "Mixture components k",
        kind: ParamKind::Int {
            min: 1,
            max: MAX_MIXTURE as i64,
            step: 1,
        },
        default: DefaultValue::Int(4),
        help: "Components of the mixture target: k equal Gaussians (sd 0.6) on a circle of radius 2.5.",
    },
    ParamSpec {
        name: "metrics_every",
        label: "Metrics every k steps",
        kind: ParamKind::Int {
            min: 0,
            max: 100_000,
            step: 1,
        },
        default: DefaultValue::Int(0),
        help: "How often MMD, KSD and F(μ) are evaluated (they cost O(min(N, 2048)²)). 0 = automatically, so that they take at most ~25% of the run time (values.metrics_every says which k).",
    },
    ParamSpec::device(
        "Where the O(N²) kernel sums of SVGD, kde-WGD and the MMD run: WebGPU when an adapter exists, else the CPU (SIMD). The other algorithms run on the CPU.",
    ),
];
