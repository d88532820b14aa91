//! What the particle algorithms share: their names, the scores ∇log p at the particles, and the
//! error that rejects a step when something is not finite (naming particles and step).

use crate::lab::LabError;
use crate::measure::{EvalFailure, Target};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    Ula,
    Mala,
    Svgd,
    KdeWgd,
    SgeWgd,
    SsgeWgd,
    Mfld,
}

pub const IDS: [&str; 7] = [
    "ula", "mala", "svgd", "kde-wgd", "sge-wgd", "ssge-wgd", "mfld",
];

impl Algorithm {
    pub fn parse(id: &str) -> Option<Algorithm> {
        use Algorithm::*;
        Some(match id {
            "ula" => Ula,
            "mala" => Mala,
            "svgd" => Svgd,
            "kde-wgd" => KdeWgd,
            "sge-wgd" => SgeWgd,
            "ssge-wgd" => SsgeWgd,
            "mfld" => Mfld,
            _ => return None,
        })
    }

    pub fn id(self) -> &'static str {
        IDS[self as usize]
    }

    pub fn label(self) -> &'static str {
        match self {
            Algorithm::Ula => "ULA",
            Algorithm::Mala => "MALA",
            Algorithm::Svgd => "SVGD",
            Algorithm::KdeWgd => "kde-WGD",
            Algorithm::SgeWgd => "sge-WGD",
            Algorithm::SsgeWgd => "ssge-WGD",
            Algorithm::Mfld => "mean-field Langevin",
        }
    }

    /// Deterministic flows x ← x + ε φ(x) (plain steps or Adam); the others are Langevin chains.
    pub fn is_flow(self) -> bool {
        matches!(
            self,
            Algorithm::Svgd | Algorithm::KdeWgd | Algorithm::SgeWgd | Algorithm::SsgeWgd
        )
    }

    /// Whether the step's O(N²) part has a WGSL kernel (SVGD direction, RBF pair sums,
    /// mean-field Langevin's pair forces).
    pub fn has_gpu_step(self) -> bool {
        matches!(self, Algorithm::Svgd | Algorithm::KdeWgd | Algorithm::Mfld)
    }

    /// Whether the step uses the RBF kernel bandwidth.
    pub fn uses_bandwidth(self) -> bool {
        self.is_flow()
    }
}

/// log p and ∇log p at the particles.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    pub logp: Vec<f64>,
    pub gx: Vec<f64>,
    pub gy: Vec<f64>,
}

/// A velocity field at the particles (φ of a flow, or the drift of a Langevin step).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Field {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

impl Field {
    pub fn zeros(n: usize) -> Self {
        Field {
            x: vec![0.0; n],
            y: vec![0.0; n],
        }
    }
}

/// Indices where any of the columns is not finite.
pub fn non_finite(cols: &[&[f64]]) -> Vec<usize> {
    let n = cols.first().map_or(0, |c| c.len());
    (0..n)
        .filter(|&i| cols.iter().any(|c| !c[i].is_finite()))
        .collect()
}

/// "non-finite ∇log p at particles 3, 17 (2 of 100) at step 12 …": the step is rejected and the
/// run pauses (the runner reports numeric errors; the state stays as before the step).
pub fn rejected(what: &str, bad: &[usize], n: usize, step: u64, hint: &str) -> LabError {
    let shown: Vec<String> = bad.iter().take(8).map(|i| i.to_string()).collect();
    let more = if bad.len() > 8 { ", …" } else { "" };
    LabError::numeric(format!(
        "{what} at particle{} {}{more} ({} of {n}) at step {step}; the step was rejected and the run paused{hint}",
        if bad.len() == 1 { "" } else { "s" },
        shown.join(", "),
        bad.len(),
    ))
}

/// A coordinate for a message: fixed-point when moderate, scientific when huge or tiny.
fn coordinate(v: f64) -> String {
    if v != 0.0 && !(1e-3..1e6).contains(&v.abs()) {
        format!("{v:.3e}")
    } else {
        format!("{v:.4}")
    }
}

/// Scores at the particles, or the error that rejects the step: a typed density's failing
/// operation with its span, or the particles where an analytic gradient overflowed.
pub fn scores(target: &Target, xs: &[f64], ys: &[f64], step: u64) -> Result<Scores, LabError> {
    let n = xs.len();
    let mut s = Scores {
        logp: vec![0.0; n],
        gx: vec![0.0; n],
        gy: vec![0.0; n],
    };
    if let Err(EvalFailure {
        message,
        span,
        point,
    }) = target.eval(xs, ys, &mut s.logp, &mut s.gx, &mut s.gy)
    {
        let mut e = LabError::numeric(format!(
            "{message} at particle {point} ({}, {}) at step {step}; the step was rejected and the run paused",
            coordinate(xs[point]),
            coordinate(ys[point])
        ));
        if let Target::Typed(t) = target {
            e = e.for_param(t.param);
        }
        if let Some((a, b)) = span {
            e = e.with_span(a, b);
        }
        return Err(e);
    }
    let bad = non_finite(&[&s.gx, &s.gy]);
    if !bad.is_empty() {
        return Err(rejected(
            "non-finite ∇log p",
            &bad,
            n,
            step,
            " (particles far out in the tails? try a smaller step)",
        ));
    }
    Ok(s)
}
