//! The classical 1D PINN problem next to the FDEs: viscous Burgers
//!   u_t + u u_x = ν u_xx on x ∈ [−1, 1], t ∈ [0, 1], u(x, 0) = −sin πx, u(±1, t) = 0, ν = 0.01/π
//! (Raissi, Perdikaris & Karniadakis 2019), and its reference solution by the Cole–Hopf transform.
//!
//! Cole–Hopf: u = −2ν φ_x/φ with φ_t = ν φ_xx turns the problem into heat flow, so
//!   u(x, t) = −∫ sin π(x−η) f(x−η) G(η) dη / ∫ f(x−η) G(η) dη,
//!   f(y) = exp(−cos(πy)/(2πν)),  G(η) = exp(−η²/(4νt)).
//! With ν = 0.01/π the factor f spans e^{±50}, so both integrals are summed in log space (the
//! largest exponent is factored out) by the trapezoid rule on η ∈ [−L, L], L = 13√(4νt): beyond
//! that G is below e^{−169} while f can gain at most e^{100}. The integrands are analytic and
//! vanish at ±L, so the trapezoid rule converges exponentially; 600 nodes put ≥ 4 nodes in the
//! narrowest peak (width 1/√(50π² + 1/(2νt))) for every t ∈ (0, 1].

use std::f64::consts::PI;

pub const NU: f64 = 0.01 / PI;
/// Quadrature nodes of the Cole–Hopf integrals.
const NODES: usize = 600;

pub fn initial(x: f64) -> f64 {
    -(PI * x).sin()
}

/// The reference solution u(x, t) by Cole–Hopf quadrature (see module docs).
pub fn reference(x: f64, t: f64) -> f64 {
    reference_with(x, t, NU, NODES)
}

/// Cole–Hopf quadrature for any viscosity and node count (tests check convergence in both).
pub fn reference_with(x: f64, t: f64, nu: f64, nodes: usize) -> f64 {
    if t <= 0.0 {
        return initial(x);
    }
    let width = (4.0 * nu * t).sqrt();
    let l = 13.0 * width;
    let h = 2.0 * l / (nodes - 1) as f64;
    let k = 1.0 / (2.0 * PI * nu);
    let exponent = |eta: f64| -k * (PI * (x - eta)).cos() - eta * eta / (width * width);
    let top = (0..nodes)
        .map(|i| exponent(-l + i as f64 * h))
        .fold(f64::NEG_INFINITY, f64::max);
    let (mut num, mut den) = (0.0, 0.0);
    for i in 0..nodes {
        let eta = -l + i as f64 * h;
        let w = (exponent(eta) - top).exp();
        num += (PI * (x - eta)).sin() * w;
        den += w;
    }
    -num / den
}

/// Reference values on the grid t_i = i/(nt−1), x_j = −1 + 2j/(nx−1), row-major `[nt × nx]`.
pub fn reference_field(nt: usize, nx: usize) -> Vec<f64> {
    let mut out = Vec::with_capacity(nt * nx);
    for i in 0..nt {
        let t = i as f64 / (nt - 1) as f64;
        for j in 0..nx {
            out.push(reference(-1.0 + 2.0 * j as f64 / (nx - 1) as f64, t));
        }
    }
    out
}

pub const LATEX: &str = r"u_t + u\,u_x = \nu\,u_{xx},\quad x\in[-1,1],\ t\in[0,1],\quad u(x,0) = -\sin\pi x,\ u(\pm1,t) = 0,\ \nu = 0.01/\pi";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_from_the_initial_condition_and_keeps_the_boundary() {
        for &x in &[-0.7, 0.1, 0.5] {
            assert!((reference(x, 1e-7) - initial(x)).abs() < 1e-3);
        }
        for &t in &[0.1, 0.5, 1.0] {
            assert!(reference(1.0, t).abs() < 1e-12);
            assert!(reference(-1.0, t).abs() < 1e-12);
        }
    }
}
