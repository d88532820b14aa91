//! Convergence studies shown beside the derivative: the cylindrical error against the number of
//! basis functions m (spectral for analytic u), and the discrete error against N (second order).
//! Errors are normwise relative, max |approx − exact| / max |exact|, over the interior window.

use super::cylindrical::{BasisKind, cylindrical};
use super::methods::{discrete, symbolic};
use super::problem::{Problem, Profile};
use crate::lab::{Curve, LabError};
use crate::pde::grid::{Boundary, Grid};

/// Where errors are measured: everywhere on periodic domains; 10% away from non-periodic ends,
/// where the discrete gradient carries the boundary terms by construction.
pub fn interior(problem: &Problem) -> (f64, f64) {
    let l = problem.b - problem.a;
    if problem.boundary == Boundary::Periodic {
        (problem.a, problem.b)
    } else {
        (problem.a + 0.1 * l, problem.b - 0.1 * l)
    }
}

pub fn rel_error(approx: &[f64], exact: &[f64], x: &[f64], window: (f64, f64)) -> f64 {
    let (mut e, mut s) = (0.0f64, 0.0f64);
    for i in 0..x.len() {
        if x[i] >= window.0 && x[i] <= window.1 && exact[i].is_finite() {
            e = e.max((approx[i] - exact[i]).abs());
            s = s.max(exact[i].abs());
        }
    }
    if s > 0.0 { e / s } else { e }
}

/// Points of the grid the studies use (they need no more to show the trend).
const STUDY_POINTS: usize = 257;

pub fn degree_study(
    problem: &Problem,
    kind: BasisKind,
    grid: &Grid,
    max_m: usize,
) -> Result<Curve, LabError> {
    // Typed u: a study grid of its own; samples: their grid (the only place u is known).
    let study_grid = match problem.profile {
        Profile::Typed { .. } => Grid::new(problem.a, problem.b, STUDY_POINTS, problem.boundary),
        Profile::Samples(_) => grid.clone(),
    };
    let exact = symbolic(problem, &study_grid)?;
    let window = interior(problem);
    let mut curve = Curve::default();
    let cap = match problem.profile {
        Profile::Samples(_) => max_m.min(grid.len() / 2),
        Profile::Typed { .. } => max_m,
    };
    for m in [
        1usize, 2, 3, 4, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 64, 96, 128, 192, 256,
    ] {
        if m > cap.max(1) {
            break;
        }
        let c = cylindrical(problem, kind, m, &study_grid)?;
        curve.push(
            m as f64,
            rel_error(&c.corrected, &exact, &study_grid.x, window),
        );
    }
    Ok(curve)
}

/// Discrete error against N (typed u only: the exact derivative must not depend on the grid),
/// and the observed order.
pub fn points_study(problem: &Problem) -> Result<(Curve, f64), LabError> {
    let mut curve = Curve::default();
    if matches!(problem.profile, Profile::Samples(_)) {
        return Ok((curve, f64::NAN));
    }
    let window = interior(problem);
    for n in [16usize, 32, 64, 128, 256, 512, 1024, 2048] {
        let g = Grid::new(problem.a, problem.b, n, problem.boundary);
        let e = rel_error(
            &discrete(problem, &g)?,
            &symbolic(problem, &g)?,
            &g.x,
            window,
        );
        curve.push(n as f64, e);
    }
    // The median of the local orders log2(e_N / e_2N): robust to the pre-asymptotic start and to
    // the round-off that high derivatives (error ~ eps/h^k) bring at the finest grids.
    let mut local: Vec<f64> = curve
        .y
        .windows(2)
        .filter(|w| w[0] > 1e-10 && w[1] > 1e-12)
        .map(|w| (w[0] / w[1]).log2())
        .collect();
    local.sort_by(f64::total_cmp);
    let order = if local.len() >= 2 {
        local[local.len() / 2]
    } else {
        f64::NAN
    };
    Ok((curve, order))
}
