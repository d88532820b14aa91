//! The `pinn` lab's parameter schema and how its values become a problem and a training setup.

use super::fde::{Fde, FdeKind, MAX_DEGREE};
use super::problem::Problem;
use super::train::TrainConfig;
use crate::lab::{DefaultValue, LabError, ParamKind, ParamSpec, Params};
use crate::nn::{Activation, Schedule};

pub const MAX_WIDTH: i64 = 256;
pub const MAX_DEPTH: i64 = 6;
pub const MAX_BATCH: i64 = 4096;

const fn int(min: i64, max: i64) -> ParamKind {
    ParamKind::Int { min, max, step: 1 }
}

pub const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "equation",
        label: "Equation",
        kind: ParamKind::Choice {
            choices: &[
                "fte-linear",
                "fte-spectrum15",
                "bhe-delta",
                "bhe-moderate",
                "burgers",
            ],
            labels: &[
                "Functional transport, a' linear (Legendre)",
                "Functional transport, a' spectrum15 (Legendre)",
                "Burgers–Hopf, delta (Fourier)",
                "Burgers–Hopf, moderate (Fourier)",
                "Viscous Burgers u(t, x) (classical PINN)",
            ],
        },
        default: DefaultValue::Text("fte-linear"),
        help: "The FDEs become PDEs in (t, a_0..a_{D−1}) by the cylindrical approximation, with exact solutions; Burgers is an ordinary 1D PINN with a Cole–Hopf reference, for comparison.",
    },
    ParamSpec {
        name: "degree",
        label: "Coefficients D",
        kind: int(1, MAX_DEGREE as i64),
        default: DefaultValue::Int(10),
        help: "Number D of basis coefficients a_k (1 to 20; at least 2 for fte-linear, whose a' lives on a_1). The network has D + 1 inputs. Ignored by Burgers.",
    },
    ParamSpec {
        name: "width",
        label: "Width",
        kind: int(4, MAX_WIDTH),
        default: DefaultValue::Int(32),
        help: "Neurons per hidden layer (4 to 256).",
    },
    ParamSpec {
        name: "depth",
        label: "Hidden layers",
        kind: int(1, MAX_DEPTH),
        default: DefaultValue::Int(3),
        help: "Number of hidden layers (1 to 6).",
    },
    ParamSpec {
        name: "activation",
        label: "Activation",
        kind: ParamKind::Choice {
            choices: &["tanh", "sin", "softplus", "gelu"],
            labels: &["tanh", "sin", "softplus", "GELU"],
        },
        default: DefaultValue::Text("tanh"),
        help: "Hidden nonlinearity; its first three derivatives enter the exact input derivatives. The GPU path supports tanh.",
    },
    ParamSpec {
        name: "layer_norm",
        label: "Layer norm",
        kind: ParamKind::Bool,
        default: DefaultValue::Bool(false),
        help: "Layer normalization before every activation (the paper's networks use it). CPU only.",
    },
    ParamSpec {
        name: "lr",
        label: "Learning rate",
        kind: ParamKind::Number {
            min: 1e-5,
            max: 1.0,
            step: 1e-5,
            log: true,
        },
        default: DefaultValue::Number(3e-3),
        help: "Peak Adam learning rate. Too large a rate makes the loss explode: training then pauses and the last good parameters come back.",
    },
    ParamSpec {
        name: "batch",
        label: "Batch",
        kind: int(16, MAX_BATCH),
        default: DefaultValue::Int(256),
        help: "Collocation points per step (16 to 4096), drawn afresh every step, uniformly in the input box.",
    },
    ParamSpec {
        name: "schedule",
        label: "Schedule",
        kind: ParamKind::Choice {
            choices: &["cosine", "constant", "restarts"],
            labels: &[
                "Warmup + cosine to lr/100 at total steps",
                "Constant",
                "Cosine with warm restarts (period 1000, ×2)",
            ],
        },
        default: DefaultValue::Text("cosine"),
        help: "Learning-rate schedule over the optimizer steps.",
    },
    ParamSpec {
        name: "total_steps",
        label: "Total steps",
        kind: int(100, 1_000_000),
        default: DefaultValue::Int(20_000),
        help: "Length of the cosine schedule (the rate stays at lr/100 afterwards; training goes on).",
    },
    ParamSpec {
        name: "exact_bc",
        label: "Exact initial condition",
        kind: ParamKind::Bool,
        default: DefaultValue::Bool(true),
        help: "Impose the initial (and Burgers' boundary) condition through the output form J = J_0(a) + t·N(t, a) instead of a penalty term.",
    },
    ParamSpec::device(
        "Where forward and backward passes run. The WebGPU path (f32) covers the FDEs with tanh and no layer norm; everything else runs on the CPU (f64, SIMD).",
    ),
    ParamSpec {
        name: "eval_every",
        label: "Evaluate every",
        kind: int(10, 10_000),
        default: DefaultValue::Int(200),
        help: "Steps between evaluations of the errors on the fixed 10⁴-point Latin-hypercube test set (and of the slices), never every step.",
    },
    ParamSpec {
        name: "slice_axis",
        label: "Slice along",
        kind: int(0, MAX_DEGREE as i64),
        default: DefaultValue::Int(2),
        help: "Input coordinate of the slice plot: 0 = t, k ≥ 1 = a_{k−1}; the others stay at a fixed test point. Burgers shows slices at t = 0.25, 0.5, 0.75 instead.",
    },
    ParamSpec {
        name: "degree_study",
        label: "Degree study",
        kind: ParamKind::Bool,
        default: DefaultValue::Bool(false),
        help: "Also train one network per D (2, 4, …, 20 for the linear transport equation; 1, 3, …, 19, 20 otherwise; study_steps each, next to the main run) and plot each one's error against the 20-coefficient exact solution.",
    },
    ParamSpec {
        name: "study_steps",
        label: "Study steps per D",
        kind: int(100, 50_000),
        default: DefaultValue::Int(2000),
        help: "Optimizer steps for each network of the degree study.",
    },
];

pub struct Setup {
    pub problem: Problem,
    pub config: TrainConfig,
    pub notices: Vec<String>,
}

pub fn setup(params: &Params) -> Result<Setup, LabError> {
    let mut notices = Vec::new();
    let mut degree = params.int("degree") as usize;
    let kind = match params.text("equation") {
        "fte-linear" => Some(FdeKind::FteLinear),
        "fte-spectrum15" => Some(FdeKind::FteSpectrum15),
        "bhe-delta" => Some(FdeKind::BheDelta),
        "bhe-moderate" => Some(FdeKind::BheModerate),
        _ => None,
    };
    if kind == Some(FdeKind::FteLinear) && degree < 2 {
        notices.push("fte-linear needs D ≥ 2 (its a' lives on a_1): using D = 2".into());
        degree = 2;
    }
    let problem = match kind {
        Some(k) => Problem::Fde(Fde::new(k, degree)),
        None => Problem::Burgers,
    };
    let activation = match params.text("activation") {
        "sin" => Activation::Sin { omega0: 1.0 },
        "softplus" => Activation::Softplus,
        "gelu" => Activation::Gelu,
        _ => Activation::Tanh,
    };
    let lr = params.number("lr");
    let total = params.int("total_steps") as u64;
    let schedule = match params.text("schedule") {
        "constant" => Schedule::Constant { lr },
        "restarts" => Schedule::CosineRestarts {
            lr,
            min_lr: lr / 100.0,
            period: 1000,
            mult: 2,
        },
        _ => Schedule::WarmupCosine {
            lr,
            min_lr: lr / 100.0,
            warmup: (total / 20).min(500),
            total,
        },
    };
    let config = TrainConfig {
        width: params.int("width") as usize,
        depth: params.int("depth") as usize,
        activation,
        layer_norm: params.flag("layer_norm"),
        schedule,
        batch: params.int("batch") as usize,
        exact_bc: params.flag("exact_bc"),
    };
    Ok(Setup {
        problem,
        config,
        notices,
    })
}
