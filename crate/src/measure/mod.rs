//! Measures on the plane and how far apart they are: the 2D targets (analytic and typed), their
//! reference sets, kernel bandwidths, and the metrics the particle lab plots (MMD, KSD, mean and
//! covariance errors, a KDE estimate of ∫μ log μ for the free energy).

pub mod entropy;
pub mod kernel;
pub mod ksd;
pub mod mmd;
pub mod reference;
pub mod targets;
pub mod typed;

pub use reference::{REFERENCE_SIZE, Reference, reference, sample_moments};
pub use targets::{EvalFailure, Extent, Moments, Target};

/// ‖mean − target mean‖₂ and the relative Frobenius error of the covariance,
/// ‖cov − Σ‖_F / ‖Σ‖_F (covariance with 1/(n−1), as NumPy's `cov`).
pub fn moment_errors(xs: &[f64], ys: &[f64], target: &Moments) -> (f64, f64) {
    let m = sample_moments(xs, ys);
    let mean_error = (m.mean[0] - target.mean[0]).hypot(m.mean[1] - target.mean[1]);
    let (mut diff, mut norm) = (0.0, 0.0);
    for a in 0..2 {
        for b in 0..2 {
            diff += (m.cov[a][b] - target.cov[a][b]).powi(2);
            norm += target.cov[a][b].powi(2);
        }
    }
    (mean_error, (diff / norm).sqrt())
}
