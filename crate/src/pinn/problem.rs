//! What a PINN is trained on: one of the FDEs or viscous Burgers, with its input box, exact (or
//! reference) solution and the output form that imposes the initial/boundary conditions exactly.

use std::f64::consts::PI;

use super::burgers;
use super::fde::Fde;

#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    Fde(Fde),
    /// Inputs (t, x) ∈ [0, 1] × [−1, 1].
    Burgers,
}

impl Problem {
    pub fn d_in(&self) -> usize {
        match self {
            Problem::Fde(f) => f.d_in(),
            Problem::Burgers => 2,
        }
    }

    /// The box the network's (normalized) inputs live in; coordinate 0 is time.
    pub fn bounds(&self) -> Vec<(f64, f64)> {
        let mut b = vec![(0.0, 1.0)];
        b.extend(std::iter::repeat_n((-1.0, 1.0), self.d_in() - 1));
        b
    }

    /// Exact (FDE) or Cole–Hopf reference (Burgers) solution at a normalized input point.
    pub fn exact(&self, s: &[f64]) -> f64 {
        match self {
            Problem::Fde(f) => f.exact(s),
            Problem::Burgers => burgers::reference(s[1], s[0]),
        }
    }

    /// The solution from the raw network output n at s: n itself, or with `exact_bc` the form
    ///   FDE:     J = J_0(â) + t̂·n              (J(t = 0) = J_0 exactly)
    ///   Burgers: u = −sin πx + t(1 − x²)·n     (u(x, 0) and u(±1, t) exactly)
    pub fn output(&self, s: &[f64], n: f64, exact_bc: bool) -> f64 {
        if !exact_bc {
            return n;
        }
        match self {
            Problem::Fde(f) => f.initial(s).0 + s[0] * n,
            Problem::Burgers => burgers::initial(s[1]) + s[0] * (1.0 - s[1] * s[1]) * n,
        }
    }

    /// How the conditions are imposed, for the page.
    pub fn condition_note(&self, exact_bc: bool) -> String {
        match (self, exact_bc) {
            (Problem::Fde(f), true) if f.kind.is_fte() => "The initial condition is exact by construction: the network N gives $J = J_0(a) + t\\,N(t, a)$, so only the residual is trained.".into(),
            (Problem::Fde(_), true) => "The initial condition is exact by construction: the network N gives $W = W_0(a) + \\tau\\,N(\\tau, a)$, so only the residual is trained.".into(),
            (Problem::Fde(f), false) => {
                let mut note = if f.kind.is_fte() {
                    String::from("The network is $J$ itself; the initial condition $J(a, 0) = J_0(a)$ is a penalty term (loss_initial) on a batch at $t = 0$.")
                } else {
                    String::from("The network is $W$ itself; the initial condition $W(a, 0) = W_0(a)$ is a penalty term (loss_initial) on a batch at $\\tau = 0$.")
                };
                if f.kind.is_fte() {
                    note.push_str(" The characteristics $a(t) = a(0) + t\\,a'$ leave the box $[-1, 1]^D$: where they enter it (near $a_k = -1$ for $a'_k > 0$) no initial data fixes $J$, and the error gathers there.");
                }
                note
            }
            (Problem::Burgers, true) => "Initial and boundary conditions are exact by construction: $u = -\\sin\\pi x + t\\,(1 - x^2)\\,N(t, x)$, so only the residual is trained.".into(),
            (Problem::Burgers, false) => "The network is $u$ itself; $u(x, 0) = -\\sin\\pi x$ (loss_initial) and $u(\\pm1, t) = 0$ (loss_boundary) are penalty terms.".into(),
        }
    }

    pub fn latex(&self) -> (String, String) {
        match self {
            Problem::Fde(f) => f.latex(),
            Problem::Burgers => (
                burgers::LATEX.into(),
                r"u \text{ by the Cole–Hopf transform: } u = -\frac{\int \sin\pi(x-\eta)\,f(x-\eta)\,e^{-\eta^2/4\nu t}d\eta}{\int f(x-\eta)\,e^{-\eta^2/4\nu t}d\eta},\ f(y) = e^{-\cos(\pi y)/2\pi\nu}".into(),
            ),
        }
    }

    /// Input names for axis labels (coordinate 0 is time).
    pub fn axis_name(&self, i: usize) -> String {
        match self {
            Problem::Burgers => ["t", "x"][i.min(1)].into(),
            Problem::Fde(f) if i == 0 => if f.kind.is_fte() { "t" } else { "τ/T" }.into(),
            Problem::Fde(f) if f.kind.is_fte() => format!("a_{}", i - 1),
            Problem::Fde(_) => format!("a_{} / c_{}", i - 1, i - 1),
        }
    }
}

/// −sin πx and its first two x-derivatives (the Burgers output form needs them).
pub(crate) fn burgers_initial_jet(x: f64) -> (f64, f64, f64) {
    let (s, c) = (PI * x).sin_cos();
    (-s, -PI * c, PI * PI * s)
}

/// The exact (FDE) or reference (Burgers) solution in physical coordinates, by equation id:
/// `a` holds the coefficients a_0..a_{D−1} (1 ≤ D ≤ 64), or `[x]` for Burgers; `t` is t or τ.
pub fn exact_value(equation: &str, t: f64, a: &[f64]) -> Result<f64, crate::lab::LabError> {
    use super::fde::FdeKind;
    use crate::lab::LabError;
    let kind = match equation {
        "fte-linear" => FdeKind::FteLinear,
        "fte-spectrum15" => FdeKind::FteSpectrum15,
        "bhe-delta" => FdeKind::BheDelta,
        "bhe-moderate" => FdeKind::BheModerate,
        "burgers" => {
            return match a {
                [x] if (-1.0..=1.0).contains(x) && (0.0..=1.0).contains(&t) => {
                    Ok(burgers::reference(*x, t))
                }
                _ => Err(LabError::input(
                    "burgers takes a = [x] with x in [−1, 1] and t in [0, 1]",
                )),
            };
        }
        other => {
            return Err(LabError::input(format!(
                "unknown equation '{other}'; known: fte-linear, fte-spectrum15, bhe-delta, bhe-moderate, burgers"
            )));
        }
    };
    if a.is_empty() || a.len() > 64 || !t.is_finite() || a.iter().any(|v| !v.is_finite()) {
        return Err(LabError::input(
            "a must hold 1 to 64 finite coefficients and t must be finite",
        ));
    }
    // The formulas take any number of coefficients; the degree only bounds the network's inputs.
    let f = super::fde::Fde {
        kind,
        degree: a.len().min(super::fde::MAX_DEGREE),
    };
    Ok(f.exact_phys(t, a))
}
