//! The cylindrical approximation (science.md §2): expand u ≈ Σ_{k<m} a_k φ_k in an orthonormal
//! basis, so that F becomes a function f(a_0..a_{m−1}), and δF/δu ≈ Σ_k ∂f/∂a_k φ_k.
//!
//! ∂f/∂a_k = ∫ (L_u φ_k + L_{u_x} φ_k' + L_{u_xx} φ_k'') dx is computed exactly for the quadrature
//! used (Gauss–Legendre for the Legendre basis, the periodic trapezoid rule for Fourier).
//! Integrating by parts, ∂f/∂a_k = ⟨EL(ũ), φ_k⟩ + B_k with the boundary term
//! B_k = [(L_{u_x} − D_x L_{u_xx}) φ_k + L_{u_xx} φ_k']_a^b. It vanishes for periodic bases; for
//! Legendre it does not, and Σ_k B_k φ_k(x) is the projection of point masses at a and b, which
//! grows with m. `raw` keeps it (what the theorem's formula gives), `corrected` removes it and
//! converges to the Euler–Lagrange derivative spectrally for analytic u.

use super::problem::{EL_VARS, Problem, Profile, eval_error};
use crate::basis::{Basis, FourierBasis, GaussLegendre, LegendreBasis};
use crate::lab::LabError;
use crate::pde::grid::{Boundary, Grid};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BasisKind {
    Legendre,
    Fourier,
}

impl BasisKind {
    pub fn parse(name: &str) -> Option<BasisKind> {
        match name {
            "legendre" => Some(BasisKind::Legendre),
            "fourier" => Some(BasisKind::Fourier),
            _ => None,
        }
    }
}

pub struct Cylindrical {
    /// Σ_k ∂f/∂a_k φ_k at the output points.
    pub raw: Vec<f64>,
    /// Σ_k (∂f/∂a_k − B_k) φ_k at the output points.
    pub corrected: Vec<f64>,
    pub coefficients: Vec<f64>,
    pub gradient: Vec<f64>,
    /// f(a): F of the truncated expansion under the quadrature.
    pub value: f64,
}

fn make_basis(kind: BasisKind, m: usize, a: f64, b: f64) -> Box<dyn Basis> {
    match kind {
        BasisKind::Legendre => Box::new(LegendreBasis::new(m, a, b)),
        BasisKind::Fourier => Box::new(FourierBasis::new(m, a, b)),
    }
}

/// Quadrature nodes, weights, and u at the nodes.
type Nodes = (Vec<f64>, Vec<f64>, Vec<f64>);

/// Nodes, weights and u at the nodes. Typed u: a rule exact for the basis products (Gauss with
/// 2m + 32 nodes, or 2m + 32 ≥ 64 uniform periodic points). Samples: their own grid.
fn quadrature(
    problem: &Problem,
    kind: BasisKind,
    m: usize,
    grid: &Grid,
) -> Result<Nodes, LabError> {
    let (a, b) = (problem.a, problem.b);
    match &problem.profile {
        Profile::Typed { derivatives, .. } => {
            let q = (2 * m + 32).max(64);
            let (x, w): (Vec<f64>, Vec<f64>) = match kind {
                BasisKind::Legendre => {
                    let g = GaussLegendre::new(q);
                    let (mid, half) = (0.5 * (a + b), 0.5 * (b - a));
                    (
                        g.nodes.iter().map(|t| mid + half * t).collect(),
                        g.weights.iter().map(|w| w * half).collect(),
                    )
                }
                BasisKind::Fourier => {
                    let h = (b - a) / q as f64;
                    ((0..q).map(|i| a + i as f64 * h).collect(), vec![h; q])
                }
            };
            let mut u = vec![0.0; x.len()];
            derivatives[0]
                .check_batch(&[&x], &mut u)
                .map_err(|e| eval_error("u", &e, &x))?;
            Ok((x, w, u))
        }
        Profile::Samples(u) => {
            if kind == BasisKind::Fourier && grid.boundary != Boundary::Periodic {
                return Err(LabError::input(
                    "sampled u with the Fourier basis needs a periodic grid",
                ));
            }
            Ok((grid.x.clone(), grid.weights.clone(), u.clone()))
        }
    }
}

/// The expansion machinery for one (basis, m, quadrature): coefficients of u, and f(a) with its
/// exact gradient under the quadrature.
pub struct Expansion {
    basis: Box<dyn Basis>,
    xq: Vec<f64>,
    wq: Vec<f64>,
    uq: Vec<f64>,
    tables: Vec<[Vec<f64>; 4]>,
}

fn dot(row: &[f64], c: &[f64]) -> f64 {
    row.iter().zip(c).map(|(p, a)| p * a).sum()
}

impl Expansion {
    pub fn new(
        problem: &Problem,
        kind: BasisKind,
        m: usize,
        grid: &Grid,
    ) -> Result<Expansion, LabError> {
        if kind == BasisKind::Fourier && problem.boundary != Boundary::Periodic {
            return Err(LabError::input(
                "the Fourier basis needs a periodic boundary (choose boundary = periodic or the Legendre basis)",
            )
            .for_param("basis"));
        }
        if m == 0 || m > super::problem::MAX_DEGREE {
            return Err(LabError::input(format!(
                "degree m = {m} must be between 1 and {}",
                super::problem::MAX_DEGREE
            ))
            .for_param("degree"));
        }
        let basis = make_basis(kind, m, problem.a, problem.b);
        let (xq, wq, uq) = quadrature(problem, kind, m, grid)?;
        let tables = xq.iter().map(|&x| basis.table(x)).collect();
        Ok(Expansion {
            basis,
            xq,
            wq,
            uq,
            tables,
        })
    }

    /// a_k = ⟨u, φ_k⟩ under the quadrature.
    pub fn coefficients(&self) -> Vec<f64> {
        (0..self.basis.len())
            .map(|k| {
                (0..self.xq.len())
                    .map(|q| self.wq[q] * self.uq[q] * self.tables[q][0][k])
                    .sum()
            })
            .collect()
    }

    /// f(a) = Σ_q w_q L(x_q, ũ, ũ', ũ'') and ∂f/∂a_k, exact for this quadrature.
    pub fn value_gradient(
        &self,
        l: &super::Lagrangian,
        coefficients: &[f64],
    ) -> Result<(f64, Vec<f64>), LabError> {
        let m = self.basis.len();
        let jet = |j: usize| {
            self.tables
                .iter()
                .map(|t| dot(&t[j], coefficients))
                .collect::<Vec<f64>>()
        };
        let (u0, u1, u2) = (jet(0), jet(1), jet(2));
        let n = self.xq.len();
        let cols: [&[f64]; 4] = [&self.xq, &u0, &u1, &u2];
        let (mut lv, mut lu, mut lux, mut luxx) =
            (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        for (c, out) in [
            (&l.l, &mut lv),
            (&l.l_u, &mut lu),
            (&l.l_ux, &mut lux),
            (&l.l_uxx, &mut luxx),
        ] {
            c.check_batch(&cols, out)
                .map_err(|e| eval_error("lagrangian", &e, &self.xq))?;
        }
        let value = lv.iter().zip(&self.wq).map(|(v, w)| v * w).sum();
        let mut gradient = vec![0.0; m];
        for q in 0..n {
            let t = &self.tables[q];
            for k in 0..m {
                gradient[k] +=
                    self.wq[q] * (lu[q] * t[0][k] + lux[q] * t[1][k] + luxx[q] * t[2][k]);
            }
        }
        Ok((value, gradient))
    }

    /// B_k = [(L_{u_x} − D_x L_{u_xx}) φ_k + L_{u_xx} φ_k']_a^b at the expansion ũ; zero for periodic
    /// bases and for Lagrangians without derivatives.
    pub fn boundary_terms(
        &self,
        problem: &Problem,
        coefficients: &[f64],
    ) -> Result<Vec<f64>, LabError> {
        let m = self.basis.len();
        let l = &problem.lagrangian;
        let mut terms = vec![0.0; m];
        if self.basis.periodic() || !l.has_derivatives {
            return Ok(terms);
        }
        for (x_end, sign) in [(problem.a, -1.0), (problem.b, 1.0)] {
            let t = self.basis.table(x_end);
            let uj: Vec<f64> = (0..4).map(|j| dot(&t[j], coefficients)).collect();
            let at4 = [x_end, uj[0], uj[1], uj[2]];
            // D_x L_{u_xx} never contains u_xxxx; NaN there would expose it if it did.
            let at6 = [x_end, uj[0], uj[1], uj[2], uj[3], f64::NAN];
            debug_assert_eq!(at6.len(), EL_VARS.len());
            let (ux, uxx, dx_uxx) = (l.l_ux.eval(&at4), l.l_uxx.eval(&at4), l.dx_l_uxx.eval(&at6));
            if !(ux.is_finite() && uxx.is_finite() && dx_uxx.is_finite()) {
                return Err(LabError::numeric(format!(
                    "lagrangian: the boundary term is not finite at x = {x_end}"
                ))
                .for_param("lagrangian"));
            }
            for k in 0..m {
                terms[k] += sign * ((ux - dx_uxx) * t[0][k] + uxx * t[1][k]);
            }
        }
        Ok(terms)
    }

    /// Σ_k c_k φ_k(x) at the points x.
    pub fn synthesize(&self, c: &[f64], x: &[f64]) -> Vec<f64> {
        x.iter().map(|&x| dot(&self.basis.table(x)[0], c)).collect()
    }
}

pub fn cylindrical(
    problem: &Problem,
    kind: BasisKind,
    m: usize,
    grid: &Grid,
) -> Result<Cylindrical, LabError> {
    let expansion = Expansion::new(problem, kind, m, grid)?;
    let coefficients = expansion.coefficients();
    let (value, gradient) = expansion.value_gradient(&problem.lagrangian, &coefficients)?;
    let terms = expansion.boundary_terms(problem, &coefficients)?;
    let corrected: Vec<f64> = gradient.iter().zip(&terms).map(|(g, b)| g - b).collect();
    Ok(Cylindrical {
        raw: expansion.synthesize(&gradient, &grid.x),
        corrected: expansion.synthesize(&corrected, &grid.x),
        coefficients,
        gradient,
        value,
    })
}
