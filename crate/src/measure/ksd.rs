//! Kernel Stein discrepancy of the particles from the target, with the RBF kernel of the MMD
//! (h = 0.5): KSD² = (1/n²) Σ_ij u_p(x_i, x_j) (V-statistic, ≥ 0), u_p from the target's scores
//! (see `cross_kernel::stein_sum`). Unlike the MMD it needs no samples of the target, only ∇log p.

use super::mmd::MMD_BANDWIDTH;
use crate::particles::cross_kernel::stein_sum;
use crate::particles::pair_kernel::Points;

/// KSD (the square root of the V-statistic) of points with scores (gx, gy).
pub fn ksd(xs: &[f64], ys: &[f64], gx: &[f64], gy: &[f64]) -> f64 {
    let p = Points::new(xs, ys).with_weights(gx, gy);
    let n = xs.len() as f64;
    (stein_sum(&p, MMD_BANDWIDTH) / (n * n)).max(0.0).sqrt()
}

/// The same by f64 double loops: the oracle for the tests.
pub fn ksd_direct(xs: &[f64], ys: &[f64], gx: &[f64], gy: &[f64], h: f64) -> f64 {
    let n = xs.len();
    let mut total = 0.0;
    for i in 0..n {
        for j in 0..n {
            let (dx, dy) = (xs[i] - xs[j], ys[i] - ys[j]);
            let r2 = dx * dx + dy * dy;
            let k = (-r2 / (2.0 * h)).exp();
            let dot = gx[i] * gx[j] + gy[i] * gy[j];
            let cross = (gx[i] - gx[j]) * dx + (gy[i] - gy[j]) * dy;
            total += k * (dot + cross / h + 2.0 / h - r2 / (h * h));
        }
    }
    (total / (n * n) as f64).max(0.0).sqrt()
}
