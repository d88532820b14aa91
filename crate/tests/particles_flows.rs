//! The deterministic flows against known results on the SVGD reference Gaussian (science.md §4).
//! Finite-particle SVGD underestimates the variance (an independent NumPy run gives a relative
//! covariance error ≈ 0.10 at n = 100; here 0.097), so the check is mean error < 0.05 and
//! covariance error < 0.15 after convergence.
//!
//! kde-WGD is held to what its fixed point is. There ∇log p(x_i) = ∇log(μ_n ∗ k)(x_i): the
//! particles' KDE, not the particles, matches p, so the particles approximate p deconvolved by
//! the kernel, covariance Σ − hI. At n = 100 with the median heuristic (h ≈ 0.67 here) that is a
//! relative covariance error ≈ 0.2 (0.2053; an independent NumPy run of the same update,
//! 3 000 steps of 0.1, tests/reference/kde_wgd_fixed_point.py, gives 0.2051 and matches the
//! numbers below to three or four digits), so the 0.15 cannot hold for this method at n = 100.
//! What is checked instead: the mean; the covariance against Σ − hI at a fixed h (NumPy: 0.024
//! at h = 1); and that the error against Σ itself falls under 0.15 once h is small and n large
//! enough for the KDE to resolve p (NumPy: 0.116 at n = 400, h = 0.25).
#![cfg(not(target_arch = "wasm32"))]

mod particles_common;
use deltaf::measure::{Target, sample_moments};
use particles_common::{array, metric, runner};

fn converged(algorithm: &str, steps: u32) -> (f64, f64) {
    let mut r = runner(
        &[
            ("algorithm", algorithm),
            ("target", "gaussian"),
            ("n", "100"),
            ("step", "0.1"),
        ],
        1,
    );
    r.step(steps).unwrap();
    let (m, c) = (metric(&r, "mean_error"), metric(&r, "cov_error"));
    eprintln!("{algorithm}: mean error {m:.4}, covariance error {c:.4}");
    (m, c)
}

#[test]
fn svgd_with_100_particles_reaches_the_reference_gaussian() {
    let (m, c) = converged("svgd", 3000);
    assert!(m < 0.05 && c < 0.15, "mean {m}, cov {c}");
    // and it does underestimate the variance, as finite-particle SVGD must
    assert!(c > 0.03, "cov {c}");
}

#[test]
fn kde_wgd_with_100_particles_finds_the_mean_and_a_deconvolved_covariance() {
    let (m, c) = converged("kde-wgd", 3000);
    // The median heuristic's h ≈ 0.67 predicts ≈ 0.16 from the deconvolution alone (see above).
    assert!(m < 0.05 && c < 0.25, "mean {m}, cov {c}");
}

/// kde-WGD at a fixed bandwidth h from the same start: the particles' covariance and the
/// relative Frobenius distance of it to Σ − shift·I.
fn kde_wgd_covariance(n: &str, h: &str, shift: f64) -> (f64, f64) {
    let mut r = runner(
        &[
            ("algorithm", "kde-wgd"),
            ("target", "gaussian"),
            ("n", n),
            ("step", "0.1"),
            ("bandwidth", h),
        ],
        1,
    );
    r.step(3000).unwrap();
    let (points, _) = array(&r.snapshot(), "points");
    let xs: Vec<f64> = points.iter().step_by(2).map(|&v| v as f64).collect();
    let ys: Vec<f64> = points
        .iter()
        .skip(1)
        .step_by(2)
        .map(|&v| v as f64)
        .collect();
    let got = sample_moments(&xs, &ys);
    let sigma = Target::Gaussian.moments().unwrap().cov;
    let want = [
        [sigma[0][0] - shift, sigma[0][1]],
        [sigma[1][0], sigma[1][1] - shift],
    ];
    let diff: f64 = (got.cov.iter().flatten())
        .zip(want.iter().flatten())
        .map(|(g, w)| (g - w).powi(2))
        .sum();
    let norm: f64 = sigma.iter().flatten().map(|v| v * v).sum();
    (metric(&r, "cov_error"), (diff / norm).sqrt())
}

#[test]
fn kde_wgd_particles_have_the_target_covariance_minus_the_kernel_covariance() {
    let (against_sigma, against_deconvolved) = kde_wgd_covariance("100", "1", 1.0);
    eprintln!("kde-wgd h = 1: vs Σ {against_sigma:.4}, vs Σ − hI {against_deconvolved:.4}");
    assert!(against_deconvolved < 0.06, "{against_deconvolved}");
    // and the bias is real, not noise: Σ itself is far off
    assert!(against_sigma > 0.15, "{against_sigma}");
}

#[test]
fn kde_wgd_reaches_the_reference_gaussian_when_the_kernel_is_narrow_and_n_large() {
    let (against_sigma, _) = kde_wgd_covariance("400", "0.25", 0.0);
    eprintln!("kde-wgd n = 400, h = 0.25: vs Σ {against_sigma:.4}");
    assert!(against_sigma < 0.15, "{against_sigma}");
}

#[test]
fn stein_estimator_flows_reach_the_reference_gaussian() {
    for algorithm in ["sge-wgd", "ssge-wgd"] {
        let (m, c) = converged(algorithm, 3000);
        assert!(m < 0.05 && c < 0.15, "{algorithm}: mean {m}, cov {c}");
    }
}

#[test]
fn the_mmd_to_the_target_falls_along_svgd() {
    let mut r = runner(
        &[("algorithm", "svgd"), ("n", "200"), ("metrics_every", "50")],
        4,
    );
    r.step(1000).unwrap();
    let s = r.snapshot();
    let mmd = &s.curves.iter().find(|(n, _)| n == "mmd").unwrap().1;
    assert_eq!(mmd.x.len(), 21);
    assert_eq!(mmd.x[1], 50.0);
    let (first, last) = (mmd.y[0], *mmd.y.last().unwrap());
    assert!(last < 0.3 * first, "mmd {first} -> {last}");
    // KL(μ‖p) estimated with a KDE entropy falls too.
    let f = &s.curves.iter().find(|(n, _)| n == "free_energy").unwrap().1;
    assert!(f.y.last().unwrap() < &(f.y[0] - 0.1), "{:?}", f.y);
}
