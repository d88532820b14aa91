//! Langevin algorithms against exact results: ULA's stationary covariance on a Gaussian carries
//! the analytic O(δ) discretization bias (A − δA²/2)⁻¹ (checked within sampling error, and
//! distinguished from the exact covariance), MALA removes it, mean-field Langevin without
//! interaction samples its Gibbs measure and with an attractive interaction contracts.

#![cfg(not(target_arch = "wasm32"))]

mod particles_common;
use deltaf::measure::sample_moments;
use deltaf::measure::targets::{GAUSSIAN_PRECISION, Target};
use deltaf::particles::ula::stationary_covariance;
use particles_common::{array, metric, runner};

fn cov_of(r: &deltaf::lab::Runner, name: &str) -> [[f64; 2]; 2] {
    let (p, _) = array(&r.snapshot(), name);
    let xs: Vec<f64> = p.iter().step_by(2).map(|v| *v as f64).collect();
    let ys: Vec<f64> = p.iter().skip(1).step_by(2).map(|v| *v as f64).collect();
    sample_moments(&xs, &ys).cov
}

#[test]
fn ula_stationary_covariance_has_the_analytic_discretization_bias() {
    let delta = 0.5;
    let n = 20_000;
    let mut r = runner(
        &[
            ("algorithm", "ula"),
            ("n", &n.to_string()),
            ("step", &delta.to_string()),
            ("metrics_every", "100000"),
        ],
        2,
    );
    // Mixing time ~ 1/(δ λ_min(A)) ≈ 12 steps; 300 steps forget the N(0, I) start.
    r.step(300).unwrap();
    let got = cov_of(&r, "points");
    let biased = stationary_covariance(GAUSSIAN_PRECISION, delta);
    let exact = Target::Gaussian.moments().unwrap().cov;
    for a in 0..2 {
        for b in 0..2 {
            // Standard error of a sample covariance: sqrt((C_aa C_bb + C_ab²)/n).
            let se = ((biased[a][a] * biased[b][b] + biased[a][b].powi(2)) / n as f64).sqrt();
            assert!(
                (got[a][b] - biased[a][b]).abs() < 4.0 * se,
                "C[{a}][{b}] = {} vs ULA's {} (se {se})",
                got[a][b],
                biased[a][b]
            );
        }
    }
    // The bias itself is far outside the sampling error: the test can tell the two apart.
    let se = (2.0 * exact[1][1].powi(2) / n as f64).sqrt();
    assert!(
        (got[1][1] - exact[1][1]).abs() > 8.0 * se,
        "{} vs exact {}",
        got[1][1],
        exact[1][1]
    );
}

#[test]
fn mala_samples_the_gaussian_without_bias() {
    let mut r = runner(
        &[
            ("algorithm", "mala"),
            ("n", "20000"),
            ("step", "0.5"),
            ("metrics_every", "100000"),
        ],
        3,
    );
    r.step(300).unwrap();
    let got = cov_of(&r, "points");
    let exact = Target::Gaussian.moments().unwrap().cov;
    for a in 0..2 {
        let se = (2.0 * exact[a][a].powi(2) / 20_000.0).sqrt();
        assert!(
            (got[a][a] - exact[a][a]).abs() < 4.0 * se,
            "{got:?} vs {exact:?}"
        );
    }
    let acc = metric(&r, "acceptance");
    assert!(acc > 0.3 && acc < 1.0, "acceptance {acc}");
}

#[test]
fn mean_field_langevin_without_interaction_samples_its_gibbs_measure() {
    // V = (x² + y²)/2, σ = 0.5: exp(−V/σ) = N(0, 0.5·I). ULA-type bias at δ = 0.01 is 0.25%.
    let mut r = runner(
        &[
            ("algorithm", "mfld"),
            ("potential", "(x^2 + y^2)/2"),
            ("interaction", "0"),
            ("sigma", "0.5"),
            ("n", "10000"),
            ("step", "0.01"),
            ("metrics_every", "100000"),
        ],
        4,
    );
    r.step(600).unwrap();
    let c = cov_of(&r, "points");
    assert!(
        (c[0][0] - 0.5).abs() < 0.03 && (c[1][1] - 0.5).abs() < 0.03,
        "{c:?}"
    );
    assert!(c[0][1].abs() < 0.02, "{c:?}");
}

#[test]
fn an_attractive_interaction_contracts_the_mean_field_equilibrium() {
    // V = |x|²/2, W(z) = a|z|²/2: the drift is −x − a(x − mean), so the stationary law is
    // N(0, σ/(1 + a)) per coordinate (the mean stays near 0).
    let mut r = runner(
        &[
            ("algorithm", "mfld"),
            ("potential", "(x^2 + y^2)/2"),
            ("interaction", "(x^2 + y^2)/2"),
            ("sigma", "1"),
            ("n", "400"),
            ("step", "0.01"),
        ],
        5,
    );
    r.step(800).unwrap();
    let c = cov_of(&r, "points");
    let v = 0.5 * (c[0][0] + c[1][1]);
    // n = 400: sampling error of the variance ≈ 0.5·sqrt(2/800) = 0.025.
    assert!((v - 0.5).abs() < 0.1, "variance {v}, expected 0.5");
    let f = metric(&r, "free_energy");
    assert!(f.is_finite());
}

#[test]
fn the_default_mean_field_settings_run_without_blowing_up() {
    // Default potential (a double well with quadratic tails), σ = 1, δ = 0.05, N(0, I) start.
    let mut r = runner(&[("algorithm", "mfld"), ("n", "2048")], 6);
    r.step(300).unwrap();
    let c = cov_of(&r, "points");
    assert!(c[0][0] > 1.0 && c[1][1] > 0.7 && c[1][1] < 1.3, "{c:?}");
}
