//! The Taylor test: if g is the derivative of F at u, then for a smooth direction h the remainder
//! r(ε) = |F[u + εh] − F[u] − ε⟨g, h⟩| is O(ε²), a line of slope 2 on log–log axes. A wrong
//! derivative leaves an O(ε) term (slope 1). Done twice: for the Euler–Lagrange derivative
//! against the exact F (adaptive quadrature), and for the discrete gradient against F_h.

use super::methods::{discrete, discrete_value};
use super::problem::{EL_VARS, Problem, Profile, eval_error};
use super::value::value;
use crate::basis::integrate_adaptive;
use crate::expr::{Expr, parse};
use crate::lab::{Curve, LabError};
use crate::pde::grid::{Boundary, Grid};

pub struct TaylorTest {
    pub curve: Curve,
    /// Least-squares slope of log r against log ε over the points above round-off.
    pub slope: f64,
    /// The fitted line r = C ε^slope at the curve's ε values.
    pub fit: Curve,
}

/// ε = 10^-1 … 10^-6 in half decades.
pub fn epsilons() -> Vec<f64> {
    (2..=12).map(|k| 10f64.powf(-(k as f64) / 2.0)).collect()
}

/// A smooth direction that vanishes with its first derivative at non-periodic ends (so the exact
/// derivative needs no boundary terms), or a periodic one.
pub fn direction(problem: &Problem) -> Expr {
    let (a, l) = (problem.a, problem.b - problem.a);
    let text = if problem.boundary == Boundary::Periodic {
        format!("cos(2*pi*(x - ({a}))/({l})) + 0.5*sin(4*pi*(x - ({a}))/({l}))")
    } else {
        format!("sin(pi*(x - ({a}))/({l}))^2*(1 + 0.5*(x - ({a}))/({l}))")
    };
    parse(&text, &["x"]).expect("the direction is well formed")
}

fn fit(eps: &[f64], r: &[f64], floor: f64) -> (f64, Curve) {
    let pts: Vec<(f64, f64)> = eps
        .iter()
        .zip(r)
        .filter(|(_, r)| **r > floor)
        .map(|(e, r)| (e.ln(), r.ln()))
        .collect();
    if pts.len() < 2 {
        return (f64::NAN, Curve::default());
    }
    let n = pts.len() as f64;
    let (mx, my) = (
        pts.iter().map(|p| p.0).sum::<f64>() / n,
        pts.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let sxx: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let mut line = Curve::default();
    for e in eps {
        line.push(*e, (intercept + slope * e.ln()).exp());
    }
    (slope, line)
}

/// Against the exact F, with ⟨δF/δu, h⟩ = ∫ EL(u) h dx by adaptive quadrature. Typed u only.
pub fn taylor_symbolic(problem: &Problem, grid: &Grid) -> Result<TaylorTest, LabError> {
    let Profile::Typed {
        expr: u,
        derivatives,
    } = &problem.profile
    else {
        return Err(LabError::input("the Taylor test needs a typed u"));
    };
    let h = direction(problem);
    let hc = h.compile(&["x"]).expect("direction compiles");
    let f0 = value(problem, grid)?;
    let mut bad = false;
    let (pairing, _) = integrate_adaptive(problem.a, problem.b, 1e-12, |x| {
        let j: Vec<f64> = derivatives.iter().map(|d| d.eval(&[x])).collect();
        let el = problem
            .lagrangian
            .el
            .eval(&[x, j[0], j[1], j[2], j[3], j[4]]);
        bad |= !el.is_finite();
        el * hc.eval(&[x])
    });
    if bad {
        // Name the operation through the grid evaluation, which reports spans.
        let jet = super::jets::grid_jet(&problem.profile, grid)?;
        let mut out = vec![0.0; grid.len()];
        let cols: [&[f64]; 6] = [&grid.x, &jet[0], &jet[1], &jet[2], &jet[3], &jet[4]];
        problem
            .lagrangian
            .el
            .check_batch(&cols, &mut out)
            .map_err(|e| eval_error("lagrangian", &e, &grid.x))?;
        return Err(LabError::numeric("δF/δu is not finite inside the domain"));
    }
    debug_assert_eq!(EL_VARS.len(), 6);
    let eps = epsilons();
    let mut curve = Curve::default();
    for &e in &eps {
        let moved = Expr::add(vec![u.clone(), Expr::mul(vec![Expr::num(e), h.clone()])]);
        let fe = value(&problem.with_profile(Profile::from_expr(moved)?), grid)?;
        curve.push(e, (fe - f0 - e * pairing).abs());
    }
    // Quadrature round-off is ~1e-13 of F's scale; keep points well above it.
    let floor = 1e-10 * f0.abs().max(pairing.abs()).max(1e-3);
    let (slope, fit) = fit(&eps, &curve.y, floor);
    Ok(TaylorTest { curve, slope, fit })
}

/// Against F_h on the grid, with ⟨g, h⟩ = Σ w_i g_i h_i (Dirichlet ends excluded: h is zero there).
pub fn taylor_discrete(problem: &Problem, grid: &Grid) -> Result<TaylorTest, LabError> {
    let u = super::methods::grid_values(problem, grid)?;
    let h: Vec<f64> = {
        let c = direction(problem)
            .compile(&["x"])
            .expect("direction compiles");
        grid.x.iter().map(|&x| c.eval(&[x])).collect()
    };
    let g = discrete(problem, grid)?;
    let pairing: f64 = (0..grid.len())
        .filter(|&i| g[i].is_finite())
        .map(|i| grid.weights[i] * g[i] * h[i])
        .sum();
    let f0 = discrete_value(problem, grid)?;
    let eps = epsilons();
    let mut curve = Curve::default();
    for &e in &eps {
        let moved: Vec<f64> = u.iter().zip(&h).map(|(u, h)| u + e * h).collect();
        let fe = discrete_value(&problem.with_profile(Profile::Samples(moved)), grid)?;
        curve.push(e, (fe - f0 - e * pairing).abs());
    }
    let floor = 1e-11 * f0.abs().max(pairing.abs()).max(1e-3);
    let (slope, fit) = fit(&eps, &curve.y, floor);
    Ok(TaylorTest { curve, slope, fit })
}
