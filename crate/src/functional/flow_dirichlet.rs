//! The L² gradient flow u_t = −δF/δu on a Dirichlet domain (u fixed at a and b), by finite
//! differences and second-order IMEX (SBDF2): the stiff linear part κ u_xx (κ = ∂²L/∂u_x², or its
//! largest value on the initial state) is implicit — a tridiagonal solve per step — and the rest
//! explicit. The first step is IMEX Euler. Lagrangians with u_xx (fourth-order flows) need two
//! conditions per end and run only on periodic domains.

use super::flow::stiffness;
use super::jets::stencil_jet;
use super::problem::{Lagrangian, Problem, Profile, eval_error};
use crate::lab::LabError;
use crate::pde::grid::{Boundary, Grid};

pub struct DirichletFlow {
    lagrangian: Lagrangian,
    grid: Grid,
    kappa: f64,
    u: Vec<f64>,
    /// (u, N(u)) of the previous step, for SBDF2.
    previous: Option<(Vec<f64>, Vec<f64>)>,
    pub time: f64,
    pub steps: u64,
    pub dt: f64,
}

/// Thomas algorithm for a constant tridiagonal matrix (lower = upper = off, diagonal = diag).
fn solve_tridiagonal(diag: f64, off: f64, rhs: &[f64]) -> Vec<f64> {
    let n = rhs.len();
    let (mut c, mut d) = (vec![0.0; n], vec![0.0; n]);
    c[0] = off / diag;
    d[0] = rhs[0] / diag;
    for i in 1..n {
        let m = diag - off * c[i - 1];
        c[i] = off / m;
        d[i] = (rhs[i] - off * d[i - 1]) / m;
    }
    let mut x = vec![0.0; n];
    x[n - 1] = d[n - 1];
    for i in (0..n - 1).rev() {
        x[i] = d[i] - c[i] * x[i + 1];
    }
    x
}

impl DirichletFlow {
    pub fn new(problem: &Problem, n: usize, dt: f64) -> Result<DirichletFlow, LabError> {
        if problem.boundary != Boundary::Dirichlet {
            return Err(
                LabError::input("this flow needs a Dirichlet boundary").for_param("boundary")
            );
        }
        if problem.lagrangian.expr.depends_on("u_xx") {
            return Err(LabError::input(
                "fourth-order flows (L with u_xx) need two boundary conditions per end: use a periodic domain",
            )
            .for_param("flow"));
        }
        if !(dt.is_finite() && dt > 0.0) {
            return Err(LabError::input(format!("time step {dt} must be positive")).for_param("dt"));
        }
        let grid = Grid::new(problem.a, problem.b, n, Boundary::Dirichlet);
        let u = match &problem.profile {
            Profile::Typed { .. } => problem.profile.jet_at(&grid.x)?[0].clone(),
            Profile::Samples(s) if s.len() == n => s.clone(),
            Profile::Samples(s) => {
                return Err(LabError::input(format!(
                    "u has {} samples, the grid {n}",
                    s.len()
                )));
            }
        };
        let jet = stencil_jet(&u, &grid);
        let kappa = stiffness(&problem.lagrangian, "u_x", &grid.x, &jet);
        Ok(DirichletFlow {
            lagrangian: problem.lagrangian.clone(),
            grid,
            kappa,
            u,
            previous: None,
            time: 0.0,
            steps: 0,
            dt,
        })
    }

    pub fn x(&self) -> &[f64] {
        &self.grid.x
    }

    pub fn u(&self) -> Vec<f64> {
        self.u.clone()
    }

    pub fn stiff_coefficients(&self) -> (f64, f64) {
        (self.kappa, 0.0)
    }

    /// −EL(u) − κ u_xx at the interior points (the explicit part).
    fn explicit(&self, u: &[f64]) -> Vec<f64> {
        let jet = stencil_jet(u, &self.grid);
        let mut el = vec![0.0; u.len()];
        let cols: [&[f64]; 6] = [&self.grid.x, &jet[0], &jet[1], &jet[2], &jet[3], &jet[4]];
        self.lagrangian.el.eval_batch(&cols, &mut el);
        (1..u.len() - 1)
            .map(|i| -el[i] - self.kappa * jet[2][i])
            .collect()
    }

    pub fn step(&mut self, n: u32) -> Result<(), LabError> {
        let m = self.u.len() - 2;
        let h2 = self.grid.h * self.grid.h;
        let (ua, ub) = (self.u[0], self.u[m + 1]);
        for _ in 0..n {
            let nl = self.explicit(&self.u);
            let dt = self.dt;
            // (α/dt − κ D2) u⁺ = rhs, with D2 the 3-point Laplacian on the interior.
            let (alpha, rhs): (f64, Vec<f64>) = match &self.previous {
                None => (1.0, (0..m).map(|i| self.u[i + 1] / dt + nl[i]).collect()),
                Some((u_old, nl_old)) => (
                    1.5,
                    (0..m)
                        .map(|i| {
                            (2.0 * self.u[i + 1] - 0.5 * u_old[i + 1]) / dt + 2.0 * nl[i]
                                - nl_old[i]
                        })
                        .collect(),
                ),
            };
            let mut rhs = rhs;
            rhs[0] += self.kappa * ua / h2;
            rhs[m - 1] += self.kappa * ub / h2;
            let inner =
                solve_tridiagonal(alpha / dt + 2.0 * self.kappa / h2, -self.kappa / h2, &rhs);
            if let Some(i) = inner.iter().position(|v| !v.is_finite() || v.abs() > 1e12) {
                return Err(LabError::numeric(format!(
                    "the flow blew up at step {} (t = {:.4e}; u at x = {:.4} left the finite range): try a \
                     smaller time step dt; the step was rejected",
                    self.steps + 1,
                    self.time + dt,
                    self.grid.x[i + 1]
                ))
                .for_param("dt"));
            }
            let mut next = Vec::with_capacity(m + 2);
            next.push(ua);
            next.extend(inner);
            next.push(ub);
            self.previous = Some((std::mem::replace(&mut self.u, next), nl));
            self.steps += 1;
            self.time = self.steps as f64 * dt;
        }
        Ok(())
    }

    /// F_h[u(t)]: trapezoid rule with the grid's stencils.
    pub fn energy(&self) -> Result<f64, LabError> {
        let jet = stencil_jet(&self.u, &self.grid);
        let mut l = vec![0.0; self.u.len()];
        self.lagrangian
            .l
            .check_batch(&[&self.grid.x, &jet[0], &jet[1], &jet[2]], &mut l)
            .map_err(|e| eval_error("lagrangian", &e, &self.grid.x))?;
        Ok(self.grid.integrate(&l))
    }
}
