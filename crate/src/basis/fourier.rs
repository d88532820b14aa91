//! Orthonormal Fourier basis on the periodic interval [a, b), L = b − a, in the order of
//! science.md §2: 1/√L, then √(2/L) sin(2πk(x−a)/L), √(2/L) cos(2πk(x−a)/L) for k = 1, 2, …
//! (frequencies n_k = 0, 1, 1, 2, 2, …).

use super::Basis;
use std::f64::consts::TAU;

#[derive(Clone, Debug)]
pub struct FourierBasis {
    m: usize,
    a: f64,
    b: f64,
}

impl FourierBasis {
    pub fn new(m: usize, a: f64, b: f64) -> Self {
        assert!(b > a, "interval must have b > a");
        Self { m, a, b }
    }

    /// Frequency n_k of basis function k.
    pub fn frequency(k: usize) -> usize {
        k.div_ceil(2)
    }
}

impl Basis for FourierBasis {
    fn len(&self) -> usize {
        self.m
    }

    fn interval(&self) -> (f64, f64) {
        (self.a, self.b)
    }

    fn eval(&self, x: f64, phi: &mut [f64], dphi: &mut [f64], d2phi: &mut [f64]) {
        let l = self.b - self.a;
        let c0 = 1.0 / l.sqrt();
        let c = (2.0 / l).sqrt();
        for k in 0..self.m {
            let n = Self::frequency(k);
            if n == 0 {
                (phi[k], dphi[k], d2phi[k]) = (c0, 0.0, 0.0);
                continue;
            }
            let w = TAU * n as f64 / l;
            let (s, co) = (w * (x - self.a)).sin_cos();
            if k % 2 == 1 {
                (phi[k], dphi[k], d2phi[k]) = (c * s, c * w * co, -c * w * w * s);
            } else {
                (phi[k], dphi[k], d2phi[k]) = (c * co, -c * w * s, -c * w * w * co);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orthonormal_on_a_uniform_periodic_grid() {
        // The trapezoid rule on N uniform points is exact for trigonometric polynomials of degree < N.
        let (a, b, m, n) = (-0.5, 0.5, 9, 32);
        let basis = FourierBasis::new(m, a, b);
        let h = (b - a) / n as f64;
        let mut rows = vec![vec![0.0; m]; n];
        let (mut d, mut d2) = (vec![0.0; m], vec![0.0; m]);
        for (i, row) in rows.iter_mut().enumerate() {
            basis.eval(a + i as f64 * h, row, &mut d, &mut d2);
        }
        for i in 0..m {
            for j in 0..m {
                let ip: f64 = rows.iter().map(|r| r[i] * r[j] * h).sum();
                assert!(
                    (ip - if i == j { 1.0 } else { 0.0 }).abs() < 1e-13,
                    "<φ{i}, φ{j}> = {ip}"
                );
            }
        }
        assert_eq!(
            (0..7).map(FourierBasis::frequency).collect::<Vec<_>>(),
            vec![0, 1, 1, 2, 2, 3, 3]
        );
    }

    #[test]
    fn derivatives_match_differences() {
        let basis = FourierBasis::new(7, 0.0, 2.0);
        let (mut p, mut d, mut d2) = (vec![0.0; 7], vec![0.0; 7], vec![0.0; 7]);
        let (mut pp, mut dp, mut pm, mut dm) =
            (vec![0.0; 7], vec![0.0; 7], vec![0.0; 7], vec![0.0; 7]);
        let mut scratch = vec![0.0; 7];
        let (x, h) = (0.37, 1e-5);
        basis.eval(x, &mut p, &mut d, &mut d2);
        basis.eval(x + h, &mut pp, &mut dp, &mut scratch);
        basis.eval(x - h, &mut pm, &mut dm, &mut scratch);
        for k in 0..7 {
            assert!(((pp[k] - pm[k]) / (2.0 * h) - d[k]).abs() < 1e-7);
            assert!(((dp[k] - dm[k]) / (2.0 * h) - d2[k]).abs() < 1e-5);
        }
    }
}
