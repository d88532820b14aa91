//! ∫ μ log μ of the particle measure, estimated with a leave-one-out Gaussian KDE at the
//! particles: (1/m) Σ_i log q̂_{−i}(x_i), q̂_{−i}(x) = Σ_{j≠i} N(x; x_j, h·I)/(m − 1), h by
//! Silverman's rule. Biased for small m (as every plug-in entropy estimate); good enough to watch
//! F(μ) fall along a flow.

use std::f64::consts::TAU;

use super::kernel::silverman;
use crate::particles::pair_kernel::{Points, pair_sums};

/// ∫ μ log μ (the negative entropy) of the empirical measure of (xs, ys), m ≥ 2 points.
pub fn neg_entropy(xs: &[f64], ys: &[f64]) -> f64 {
    let m = xs.len();
    let h = silverman(xs, ys);
    let sums = pair_sums(&Points::new(xs, ys), h).sums;
    let norm = (m as f64 - 1.0) * TAU * h;
    // An isolated particle's kernel sum can underflow to 0: floor it at one f32 ulp of 1.
    sums.iter()
        .map(|&s| ((s as f64 - 1.0).max(f32::EPSILON as f64) / norm).ln())
        .sum::<f64>()
        / m as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    #[test]
    fn kde_entropy_of_a_gaussian_is_close_to_the_exact_value() {
        // N(0, σ²I) in 2D: ∫ p log p = −log(2πσ²) − 1.
        let mut rng = Rng::new(8);
        let s = 1.5;
        let m = 2000;
        let xs: Vec<f64> = (0..m).map(|_| s * rng.normal()).collect();
        let ys: Vec<f64> = (0..m).map(|_| s * rng.normal()).collect();
        let exact = -(TAU * s * s).ln() - 1.0;
        let got = neg_entropy(&xs, &ys);
        assert!((got - exact).abs() < 0.1, "{got} vs {exact}");
    }
}
