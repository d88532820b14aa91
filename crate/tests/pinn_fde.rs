//! The FDEs of the PINN lab: reference values of science.md §2, exact solutions that satisfy their
//! equations (central differences), the normalized residual directions, and the Latin hypercube.

#![cfg(not(target_arch = "wasm32"))]

use deltaf::pinn::fde::{BHE_T, bhe_c, frequency};
use deltaf::pinn::lhs::latin_hypercube;
use deltaf::pinn::{Fde, FdeKind, MAX_DEGREE, Problem, TestSet};
use deltaf::rng::Rng;

fn linspace(a: f64, b: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| a + (b - a) * i as f64 / (n - 1) as f64)
        .collect()
}

#[test]
fn fte_reference_values() {
    let a = linspace(-1.0, 1.0, 10);
    let lin = Fde::new(FdeKind::FteLinear, 10).exact_phys(0.5, &a);
    let spec = Fde::new(FdeKind::FteSpectrum15, 10).exact_phys(0.5, &a);
    assert!((lin - -0.9683862).abs() < 5e-8, "{lin}");
    assert!((spec - -3.3333333).abs() < 5e-8, "{spec}");
}

#[test]
fn bhe_reference_values_and_operator() {
    let a = vec![0.05; 20];
    let delta = Fde::new(FdeKind::BheDelta, 20).exact_phys(1e-3, &a);
    let moderate = Fde::new(FdeKind::BheModerate, 20).exact_phys(1e-3, &a);
    assert!((delta - -0.3211589).abs() < 5e-8, "{delta}");
    assert!((moderate - 0.1561970).abs() < 5e-8, "{moderate}");
    let c: Vec<f64> = (0..6).map(bhe_c).collect();
    let want = [0.0, -39.478, -39.478, -157.914, -157.914, -355.306];
    for (got, want) in c.iter().zip(want) {
        assert!((got - want).abs() < 5e-4, "{got} vs {want}");
    }
    assert_eq!(
        (0..7).map(frequency).collect::<Vec<_>>(),
        [0, 1, 1, 2, 2, 3, 3]
    );
}

/// Residual of the physical equation at (t, a) by central differences.
fn physical_residual(f: &Fde, t: f64, a: &[f64]) -> f64 {
    let ht = 1e-5 * f.time_scale();
    let dt = (f.exact_phys(t + ht, a) - f.exact_phys(t - ht, a)) / (2.0 * ht);
    let mut sum = 0.0;
    for k in 0..a.len() {
        let h = 1e-5 * f.coef_scale(k);
        let (mut up, mut down) = (a.to_vec(), a.to_vec());
        up[k] += h;
        down[k] -= h;
        let dk = (f.exact_phys(t, &up) - f.exact_phys(t, &down)) / (2.0 * h);
        sum += if f.kind.is_fte() {
            f.a_prime(k) * dk
        } else {
            -a[k] * bhe_c(k) * dk
        };
    }
    dt + sum
}

#[test]
fn exact_solutions_satisfy_their_equations() {
    let mut rng = Rng::new(4);
    for kind in [
        FdeKind::FteLinear,
        FdeKind::FteSpectrum15,
        FdeKind::BheDelta,
        FdeKind::BheModerate,
    ] {
        let f = Fde::new(kind, MAX_DEGREE);
        for _ in 0..20 {
            let s: Vec<f64> = (0..=MAX_DEGREE)
                .map(|i| {
                    if i == 0 {
                        rng.uniform()
                    } else {
                        rng.uniform_in(-1.0, 1.0)
                    }
                })
                .collect();
            let t = f.time_scale() * s[0];
            let a: Vec<f64> = (0..MAX_DEGREE)
                .map(|k| f.coef_scale(k) * s[1 + k])
                .collect();
            let r = physical_residual(&f, t, &a);
            // Scale: the size of the terms being cancelled (∂_t J alone).
            let scale = if kind.is_fte() {
                1.0
            } else {
                1e-1 / f.time_scale()
            };
            assert!(r.abs() < 1e-6 * scale, "{kind:?}: residual {r:e}");
        }
    }
}

#[test]
fn normalized_direction_and_initial_terms_match_differences() {
    // ∂_v J = 0 in normalized inputs, and `initial` returns J(t = 0) and ∂_v J_0.
    let mut rng = Rng::new(5);
    for kind in [FdeKind::FteLinear, FdeKind::BheDelta, FdeKind::BheModerate] {
        let f = Fde::new(kind, 8);
        let d = f.d_in();
        for _ in 0..10 {
            let mut s: Vec<f64> = (0..d).map(|_| rng.uniform_in(-1.0, 1.0)).collect();
            s[0] = rng.uniform();
            let mut v = vec![0.0; d];
            f.direction(&s, &mut v);
            let h = 1e-5;
            let along = |g: &dyn Fn(&[f64]) -> f64| {
                let up: Vec<f64> = s.iter().zip(&v).map(|(x, y)| x + h * y).collect();
                let down: Vec<f64> = s.iter().zip(&v).map(|(x, y)| x - h * y).collect();
                (g(&up) - g(&down)) / (2.0 * h)
            };
            let dj = along(&|p: &[f64]| f.exact(p));
            let scale = f.exact(&s).abs().max(1.0);
            assert!(dj.abs() < 1e-7 * scale, "{kind:?}: ∂_v J = {dj:e}");
            let (j0, dj0) = f.initial(&s);
            let mut s0 = s.clone();
            s0[0] = 0.0;
            assert!((j0 - f.exact(&s0)).abs() < 1e-14);
            let fd = along(&|p: &[f64]| f.initial(p).0);
            assert!((dj0 - fd).abs() < 1e-7 * scale, "{kind:?}: {dj0} vs {fd}");
        }
    }
    assert!((BHE_T - 1e-3).abs() < 1e-18);
}

#[test]
fn latin_hypercube_stratifies_every_coordinate() {
    let n = 1000;
    let bounds: Vec<(f64, f64)> = (0..21)
        .map(|i| if i == 0 { (0.0, 1.0) } else { (-1.0, 1.0) })
        .collect();
    let pts = latin_hypercube(n, &bounds, &mut Rng::new(9));
    for (j, &(lo, hi)) in bounds.iter().enumerate() {
        let mut cells: Vec<usize> = (0..n)
            .map(|i| ((pts[i * 21 + j] - lo) / (hi - lo) * n as f64) as usize)
            .collect();
        cells.sort();
        assert_eq!(cells, (0..n).collect::<Vec<_>>(), "coordinate {j}");
    }
    // The lab's test set is fixed by the seed alone.
    let p = Problem::Fde(Fde::new(FdeKind::FteLinear, 10));
    let (a, b) = (TestSet::new(&p, 100, 3), TestSet::new(&p, 100, 3));
    assert_eq!(a.x, b.x);
    assert_ne!(a.x, TestSet::new(&p, 100, 4).x);
}
