//! The deterministic flows against known results on the SVGD reference Gaussian (science.md §4).
//! Finite-particle SVGD underestimates the variance (an independent NumPy run gives a relative
//! covariance error ≈ 0.10 at n = 100; here 0.097), so the check is mean error < 0.05 and
//! covariance error < 0.15 after convergence. kde-WGD has a larger bias at n = 100: its KDE
//! score includes each particle's own kernel (k_ii = 1 in Σ_j k_ij), which weakens the repulsion
//! of sparse particles; measured 0.19–0.22 for h from 0.25 to the median heuristic (a
//! leave-one-out KDE blows up on isolated particles). Its bound is set from that measurement.

#![cfg(not(target_arch = "wasm32"))]

mod particles_common;
use particles_common::{metric, runner};

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
fn kde_wgd_with_100_particles_reaches_the_reference_gaussian() {
    let (m, c) = converged("kde-wgd", 3000);
    assert!(m < 0.05 && c < 0.25, "mean {m}, cov {c}");
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
