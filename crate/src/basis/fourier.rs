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

    fn periodic(&self) -> bool {
        true
    }

    fn eval(&self, x: f64, out: &mut [Vec<f64>; 4]) {
        let l = self.b - self.a;
        let c0 = 1.0 / l.sqrt();
        let c = (2.0 / l).sqrt();
        for k in 0..self.m {
            let n = Self::frequency(k);
            if n == 0 {
                (out[0][k], out[1][k], out[2][k], out[3][k]) = (c0, 0.0, 0.0, 0.0);
                continue;
            }
            let w = TAU * n as f64 / l;
            let (s, co) = (w * (x - self.a)).sin_cos();
            // f is sin or cos, df its derivative divided by w; then f''= −w² f, f''' = −w³ df.
            let (f, df) = if k % 2 == 1 { (s, co) } else { (co, -s) };
            let w2 = w * w;
            (out[0][k], out[1][k], out[2][k], out[3][k]) =
                (c * f, c * w * df, -c * w2 * f, -c * w2 * w * df);
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
        let rows: Vec<Vec<f64>> = (0..n)
            .map(|i| basis.table(a + i as f64 * h)[0].clone())
            .collect();
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
        let (x, h) = (0.37, 1e-5);
        let t = basis.table(x);
        let (tp, tm) = (basis.table(x + h), basis.table(x - h));
        for j in 0..3 {
            for k in 0..7 {
                let fd = (tp[j][k] - tm[j][k]) / (2.0 * h);
                assert!(
                    (fd - t[j + 1][k]).abs() < 1e-5 * t[j + 1][k].abs().max(1.0),
                    "j={j} k={k}"
                );
            }
        }
    }
}
