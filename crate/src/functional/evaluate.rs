//! `evaluateFunctional(spec)`: F[u] and δF/δu by one method, for scripts and course pages.

use super::cylindrical::{BasisKind, cylindrical};
use super::methods::{discrete, grid_values, symbolic};
use super::problem::{
    Lagrangian, MAX_DEGREE, MAX_EXPR_LEN, MAX_POINTS, MIN_POINTS, Problem, Profile,
};
use super::value::value;
use crate::lab::LabError;
use crate::pde::grid::{Boundary, Grid};

pub enum UInput {
    Text(String),
    Samples(Vec<f64>),
}

pub struct EvaluateSpec {
    pub lagrangian: String,
    pub u: UInput,
    pub domain: (f64, f64),
    pub points: usize,
    pub boundary: String,
    pub method: String,
    pub basis: Option<String>,
    pub degree: Option<usize>,
}

pub struct EvaluateResult {
    pub x: Vec<f64>,
    pub u: Vec<f64>,
    pub value: f64,
    /// δF/δu by the method; for "cylindrical" the sum with the boundary terms removed.
    pub derivative: Vec<f64>,
    /// "cylindrical" only: Σ_k ∂f/∂a_k φ_k as the formula gives it, boundary terms included.
    pub derivative_raw: Option<Vec<f64>>,
    pub formula: String,
    pub latex: String,
}

fn check_len(name: &str, text: &str) -> Result<(), LabError> {
    let n = text.chars().count();
    if n > MAX_EXPR_LEN {
        return Err(LabError::input(format!(
            "{name} is {n} characters long; the limit is {MAX_EXPR_LEN}"
        ))
        .for_param(name));
    }
    Ok(())
}

pub fn evaluate(spec: &EvaluateSpec) -> Result<EvaluateResult, LabError> {
    check_len("lagrangian", &spec.lagrangian)?;
    let (a, b) = spec.domain;
    Problem::check_domain(a, b)?;
    if !(MIN_POINTS..=MAX_POINTS).contains(&spec.points) {
        return Err(LabError::input(format!(
            "points = {} must be from {MIN_POINTS} to {MAX_POINTS}",
            spec.points
        ))
        .for_param("points"));
    }
    let boundary = Boundary::parse(&spec.boundary).ok_or_else(|| {
        LabError::input(format!(
            "boundary must be periodic, dirichlet or free, got \"{}\"",
            spec.boundary
        ))
        .for_param("boundary")
    })?;
    let profile = match &spec.u {
        UInput::Text(t) => {
            check_len("u", t)?;
            Profile::typed(t)?
        }
        UInput::Samples(s) => {
            if s.len() != spec.points {
                return Err(LabError::input(format!(
                    "u has {} samples but points = {}",
                    s.len(),
                    spec.points
                ))
                .for_param("u"));
            }
            Profile::Samples(s.clone())
        }
    };
    let lagrangian = Lagrangian::parse(&spec.lagrangian)?;
    let formula = lagrangian.euler_lagrange.to_text();
    let latex = lagrangian.euler_lagrange.to_latex();
    let problem = Problem {
        lagrangian,
        profile,
        a,
        b,
        boundary,
    };
    let grid = Grid::new(a, b, spec.points, boundary);
    let (derivative, derivative_raw) = match spec.method.as_str() {
        "symbolic" => (symbolic(&problem, &grid)?, None),
        "discrete" => (discrete(&problem, &grid)?, None),
        "cylindrical" => {
            let default = if boundary == Boundary::Periodic {
                "fourier"
            } else {
                "legendre"
            };
            let name = spec.basis.as_deref().unwrap_or(default);
            let kind = BasisKind::parse(name).ok_or_else(|| {
                LabError::input(format!("basis must be legendre or fourier, got \"{name}\""))
                    .for_param("basis")
            })?;
            let m = spec.degree.unwrap_or(16);
            if !(1..=MAX_DEGREE).contains(&m) {
                return Err(LabError::input(format!(
                    "degree = {m} must be from 1 to {MAX_DEGREE}"
                ))
                .for_param("degree"));
            }
            let c = cylindrical(&problem, kind, m, &grid)?;
            (c.corrected, Some(c.raw))
        }
        other => {
            return Err(LabError::input(format!(
                "method must be symbolic, discrete or cylindrical, got \"{other}\""
            ))
            .for_param("method"));
        }
    };
    Ok(EvaluateResult {
        u: grid_values(&problem, &grid)?,
        value: value(&problem, &grid)?,
        x: grid.x,
        derivative,
        derivative_raw,
        formula,
        latex,
    })
}
