//! δF/δu on a grid, two of the three ways (the third, the cylindrical approximation, has its own
//! file):
//! - symbolic: the Euler–Lagrange expression L_u − D_x L_{u_x} + D_x² L_{u_xx} evaluated with u's
//!   derivatives (exact for typed u);
//! - discrete: the exact gradient of the discretized functional F_h(u_1..u_N) = Σ_i w_i L(x_i, u_i,
//!   (D1 u)_i, (D2 u)_i) with respect to the grid values, by the adjoint (transposed stencils),
//!   divided by the weights. Not finite differences of F.

use super::jets::grid_jet;
use super::problem::{Problem, Profile, eval_error};
use crate::lab::LabError;
use crate::pde::grid::{Boundary, Grid};

pub fn symbolic(problem: &Problem, grid: &Grid) -> Result<Vec<f64>, LabError> {
    let jet = grid_jet(&problem.profile, grid)?;
    let mut out = vec![0.0; grid.len()];
    let cols: [&[f64]; 6] = [&grid.x, &jet[0], &jet[1], &jet[2], &jet[3], &jet[4]];
    problem
        .lagrangian
        .el
        .check_batch(&cols, &mut out)
        .map_err(|e| eval_error("lagrangian", &e, &grid.x))?;
    Ok(out)
}

/// Grid values of u: exact values for typed u, the samples otherwise.
pub fn grid_values(problem: &Problem, grid: &Grid) -> Result<Vec<f64>, LabError> {
    match &problem.profile {
        Profile::Typed { derivatives, .. } => {
            let mut u = vec![0.0; grid.len()];
            derivatives[0]
                .check_batch(&[&grid.x], &mut u)
                .map_err(|e| eval_error("u", &e, &grid.x))?;
            Ok(u)
        }
        Profile::Samples(_) => Ok(grid_jet(&problem.profile, grid)?[0].clone()),
    }
}

/// ∂F_h/∂u_j ÷ w_j. With Dirichlet boundaries the end values are data, not unknowns: NaN there.
/// Near non-periodic ends the one-sided stencils' transposes carry the discrete boundary terms
/// [L_{u_x} h]_a^b, O(1/h) large at the first nodes: they are part of the exact gradient.
pub fn discrete(problem: &Problem, grid: &Grid) -> Result<Vec<f64>, LabError> {
    let u = grid_values(problem, grid)?;
    let u1 = Grid::apply(&grid.d1, &u);
    let u2 = Grid::apply(&grid.d2, &u);
    let n = grid.len();
    let cols: [&[f64]; 4] = [&grid.x, &u, &u1, &u2];
    let l = &problem.lagrangian;
    let (mut lu, mut lux, mut luxx) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    for (c, out) in [
        (&l.l_u, &mut lu),
        (&l.l_ux, &mut lux),
        (&l.l_uxx, &mut luxx),
    ] {
        c.check_batch(&cols, out)
            .map_err(|e| eval_error("lagrangian", &e, &grid.x))?;
    }
    let w = &grid.weights;
    let weighted = |v: &[f64]| v.iter().zip(w).map(|(a, b)| a * b).collect::<Vec<f64>>();
    let from_ux = Grid::apply_transpose(&grid.d1, &weighted(&lux));
    let from_uxx = Grid::apply_transpose(&grid.d2, &weighted(&luxx));
    let mut g: Vec<f64> = (0..n)
        .map(|j| lu[j] + (from_ux[j] + from_uxx[j]) / w[j])
        .collect();
    if grid.boundary == Boundary::Dirichlet {
        g[0] = f64::NAN;
        g[n - 1] = f64::NAN;
    }
    Ok(g)
}

/// F_h itself (the discretized functional whose exact gradient `discrete` returns).
pub fn discrete_value(problem: &Problem, grid: &Grid) -> Result<f64, LabError> {
    let u = grid_values(problem, grid)?;
    let u1 = Grid::apply(&grid.d1, &u);
    let u2 = Grid::apply(&grid.d2, &u);
    let mut l = vec![0.0; grid.len()];
    problem
        .lagrangian
        .l
        .check_batch(&[&grid.x, &u, &u1, &u2], &mut l)
        .map_err(|e| eval_error("lagrangian", &e, &grid.x))?;
    Ok(grid.integrate(&l))
}
