//! F[u] = ∫_a^b L(x, u, u_x, u_xx) dx. For typed u by adaptive Gauss–Legendre quadrature of the
//! expressions themselves (independent of any grid, to ~1e-12 relative); for samples by the
//! grid's trapezoid rule with the grid's derivatives.

use super::jets::{Jet, grid_jet};
use super::problem::{Lagrangian, Problem, Profile, eval_error};
use crate::basis::integrate_adaptive;
use crate::lab::LabError;
use crate::pde::grid::Grid;

/// Tolerance of the adaptive rule (the contract is 1e-8 relative; smooth integrands reach ~1e-13).
const REL_TOL: f64 = 1e-12;

/// L at the jet's points (x, u, u', u''), with the place of any non-finite value reported.
pub fn lagrangian_on(l: &Lagrangian, x: &[f64], jet: &Jet) -> Result<Vec<f64>, LabError> {
    let mut out = vec![0.0; x.len()];
    l.l.check_batch(&[x, &jet[0], &jet[1], &jet[2]], &mut out)
        .map_err(|e| eval_error("lagrangian", &e, x))?;
    Ok(out)
}

pub fn value(problem: &Problem, grid: &Grid) -> Result<f64, LabError> {
    match &problem.profile {
        Profile::Typed { .. } => typed_value(problem),
        Profile::Samples(_) => {
            let jet = grid_jet(&problem.profile, grid)?;
            Ok(grid.integrate(&lagrangian_on(&problem.lagrangian, &grid.x, &jet)?))
        }
    }
}

fn typed_value(problem: &Problem) -> Result<f64, LabError> {
    let Profile::Typed { derivatives, .. } = &problem.profile else {
        unreachable!("typed only")
    };
    let l = &problem.lagrangian.l;
    let mut bad: Option<f64> = None;
    let (v, _err) = integrate_adaptive(problem.a, problem.b, REL_TOL, |x| {
        let u = [
            derivatives[0].eval(&[x]),
            derivatives[1].eval(&[x]),
            derivatives[2].eval(&[x]),
        ];
        let y = l.eval(&[x, u[0], u[1], u[2]]);
        if !y.is_finite() && bad.is_none() {
            bad = Some(x);
        }
        y
    });
    if let Some(x) = bad {
        // Re-evaluate at the offending point with checking, to name the operation.
        let jet = problem.profile.jet_at(&[x])?;
        lagrangian_on(&problem.lagrangian, &[x], &jet)?;
        return Err(LabError::numeric(format!(
            "the integrand is not finite at x = {x}"
        )));
    }
    Ok(v)
}
