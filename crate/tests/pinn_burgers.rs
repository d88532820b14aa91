//! The Burgers reference (Cole–Hopf quadrature) against an independent pseudo-spectral ETDRK4
//! solve, its convergence in the node count, and the symmetries of the problem.

#![cfg(not(target_arch = "wasm32"))]

use deltaf::pde::complex::C;
use deltaf::pde::etdrk4::Etdrk4;
use deltaf::pde::fft::Fft;
use deltaf::pinn::burgers::{NU, reference, reference_field, reference_with};
use std::f64::consts::PI;

/// u_t = −(u²/2)_x + ν u_xx on the periodic [−1, 1) (−sin πx is odd and 2-periodic, so the
/// periodic solution keeps u(±1) = 0): Fourier–Galerkin with 2/3 dealiasing, ETDRK4 in time.
fn spectral(n: usize, dt: f64, t_end: f64) -> Vec<f64> {
    let fft = Fft::new(n);
    let k = fft.wavenumbers(2.0);
    let lin: Vec<C> = k.iter().map(|&k| C::new(-NU * k * k, 0.0)).collect();
    let stepper = Etdrk4::new(&lin, dt);
    let kmax = k.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let x: Vec<f64> = (0..n).map(|j| -1.0 + 2.0 * j as f64 / n as f64).collect();
    let (mut re, mut im): (Vec<f64>, Vec<f64>) =
        (x.iter().map(|&x| -(PI * x).sin()).collect(), vec![0.0; n]);
    fft.transform(&mut re, &mut im, false);
    let mut v: Vec<C> = re.iter().zip(&im).map(|(&r, &i)| C::new(r, i)).collect();
    let mut nonlinear = |v: &[C]| {
        let (mut re, mut im): (Vec<f64>, Vec<f64>) = v.iter().map(|c| (c.re, c.im)).unzip();
        fft.transform(&mut re, &mut im, true);
        let (mut sr, mut si): (Vec<f64>, Vec<f64>) =
            (re.iter().map(|u| 0.5 * u * u).collect(), vec![0.0; n]);
        fft.transform(&mut sr, &mut si, false);
        (0..n)
            .map(|j| {
                if k[j].abs() > 2.0 / 3.0 * kmax {
                    C::default()
                } else {
                    // −i k · FFT(u²/2)
                    C::new(k[j] * si[j], -k[j] * sr[j])
                }
            })
            .collect()
    };
    let steps = (t_end / dt).round() as usize;
    for _ in 0..steps {
        v = stepper.step(&v, &mut nonlinear);
    }
    let (mut re, mut im): (Vec<f64>, Vec<f64>) = v.iter().map(|c| (c.re, c.im)).unzip();
    fft.transform(&mut re, &mut im, true);
    re
}

#[test]
fn cole_hopf_agrees_with_a_spectral_solve() {
    let n = 2048;
    for &(t, tol) in &[(0.25, 1e-6), (0.6, 2e-3)] {
        let u = spectral(n, 1e-4, t);
        let mut worst = 0.0f64;
        for j in (0..n).step_by(8) {
            let x = -1.0 + 2.0 * j as f64 / n as f64;
            worst = worst.max((u[j] - reference(x, t)).abs());
        }
        assert!(worst < tol, "t = {t}: max difference {worst:e}");
    }
}

#[test]
fn quadrature_has_converged_and_the_shock_is_steep() {
    for &(x, t) in &[(0.003, 0.9), (-0.4, 0.35), (0.9, 0.05), (0.01, 1.0)] {
        let a = reference_with(x, t, NU, 600);
        let b = reference_with(x, t, NU, 2400);
        assert!((a - b).abs() < 1e-10, "({x}, {t}): {a} vs {b}");
    }
    // After the shock forms (t ≈ 1/π) the slope at x = 0 peaks at u_x = −152.00516 at
    // t = 1.6037/π (Basdevant et al. 1986, the classical benchmark of this problem).
    let h = 1e-6;
    let slope = |t: f64| (reference(h, t) - reference(-h, t)) / (2.0 * h);
    let (mut best, mut t_best) = (0.0f64, 0.0);
    for i in 0..=200 {
        let t = 0.49 + 0.0002 * i as f64;
        if slope(t) < best {
            (best, t_best) = (slope(t), t);
        }
    }
    assert!((best - -152.00516).abs() < 0.02, "max slope {best}");
    assert!((t_best - 1.6037 / PI).abs() < 1e-3, "at t = {t_best}");
}

#[test]
fn odd_symmetry_and_zero_mean() {
    let (nt, nx) = (11, 41);
    let f = reference_field(nt, nx);
    for i in 0..nt {
        let row = &f[i * nx..(i + 1) * nx];
        for j in 0..nx {
            assert!((row[j] + row[nx - 1 - j]).abs() < 1e-12);
        }
        // ∫u dx is conserved (zero for the odd initial condition).
        let mean: f64 = row.iter().sum::<f64>() / nx as f64;
        assert!(mean.abs() < 1e-12);
    }
}
