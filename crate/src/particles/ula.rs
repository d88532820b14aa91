//! The unadjusted Langevin algorithm, one independent chain per particle:
//! x ← x + δ ∇log p(x) + τ √(2δ) ξ, ξ ~ N(0, I). With τ = 1 it samples p up to an O(δ) bias: on a
//! Gaussian with precision A its stationary covariance is (A − δA²/2)⁻¹ (`stationary_covariance`).

use super::algorithm::{Field, Scores};
use crate::rng::Rng;

/// One step for all particles, in place; returns the drift ∇log p (the velocity shown).
pub fn step(
    xs: &mut [f64],
    ys: &mut [f64],
    s: &Scores,
    delta: f64,
    tau: f64,
    rng: &mut Rng,
) -> Field {
    let amp = tau * (2.0 * delta).sqrt();
    for i in 0..xs.len() {
        xs[i] += delta * s.gx[i] + amp * rng.normal();
        ys[i] += delta * s.gy[i] + amp * rng.normal();
    }
    Field {
        x: s.gx.clone(),
        y: s.gy.clone(),
    }
}

/// ULA's exact stationary covariance on N(μ, A⁻¹) with τ = 1: C solves C = (I − δA) C (I − δA) + 2δI,
/// so C = 2δ (I − (I − δA)²)⁻¹ = (A − δA²/2)⁻¹ (stable for δ < 2/λ_max(A)).
pub fn stationary_covariance(a: [[f64; 2]; 2], delta: f64) -> [[f64; 2]; 2] {
    let sq = |i: usize, j: usize| a[i][0] * a[0][j] + a[i][1] * a[1][j];
    let m = [
        [
            a[0][0] - 0.5 * delta * sq(0, 0),
            a[0][1] - 0.5 * delta * sq(0, 1),
        ],
        [
            a[1][0] - 0.5 * delta * sq(1, 0),
            a[1][1] - 0.5 * delta * sq(1, 1),
        ],
    ];
    let det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
    [
        [m[1][1] / det, -m[0][1] / det],
        [-m[1][0] / det, m[0][0] / det],
    ]
}
