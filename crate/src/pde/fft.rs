//! In-place radix-2 complex FFT for the pseudo-spectral flows (grids of 2^k points).
//!
//! Written here rather than taken from rustfft: the flows need only power-of-two sizes, and this
//! is ~60 lines where rustfft's planner, mixed-radix and SIMD paths would add far more to the wasm
//! than the labs could use.

use std::f64::consts::TAU;

/// Precomputed twiddles and bit reversal for one size.
#[derive(Clone, Debug)]
pub struct Fft {
    n: usize,
    cos: Vec<f64>,
    sin: Vec<f64>,
    rev: Vec<u32>,
}

impl Fft {
    /// `n` must be a power of two ≥ 2.
    pub fn new(n: usize) -> Self {
        assert!(
            n >= 2 && n.is_power_of_two(),
            "FFT size {n} is not a power of two"
        );
        let bits = n.trailing_zeros();
        let rev = (0..n as u32)
            .map(|i| i.reverse_bits() >> (32 - bits))
            .collect();
        let (cos, sin) = (0..n / 2)
            .map(|k| (TAU * k as f64 / n as f64).sin_cos())
            .map(|(s, c)| (c, s))
            .unzip();
        Self { n, cos, sin, rev }
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// X_k = Σ_j x_j e^{−2πi jk/n} (inverse = false) or Σ_k X_k e^{+2πi jk/n} / n (inverse = true).
    pub fn transform(&self, re: &mut [f64], im: &mut [f64], inverse: bool) {
        let n = self.n;
        assert!(re.len() == n && im.len() == n);
        for i in 0..n {
            let j = self.rev[i] as usize;
            if i < j {
                re.swap(i, j);
                im.swap(i, j);
            }
        }
        let sign = if inverse { 1.0 } else { -1.0 };
        let mut len = 2;
        while len <= n {
            let half = len / 2;
            let stride = n / len;
            for start in (0..n).step_by(len) {
                for k in 0..half {
                    let (c, s) = (self.cos[k * stride], sign * self.sin[k * stride]);
                    let (a, b) = (start + k, start + k + half);
                    let tr = re[b] * c - im[b] * s;
                    let ti = re[b] * s + im[b] * c;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
            len *= 2;
        }
        if inverse {
            let scale = 1.0 / n as f64;
            re.iter_mut().chain(im.iter_mut()).for_each(|v| *v *= scale);
        }
    }

    /// Angular wavenumbers 2πk/L in FFT order (0, 1, …, n/2 − 1, −n/2, …, −1) for period L.
    pub fn wavenumbers(&self, period: f64) -> Vec<f64> {
        let n = self.n as i64;
        (0..n)
            .map(|k| if k < n / 2 { k } else { k - n })
            .map(|k| TAU * k as f64 / period)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_direct_dft_and_inverts() {
        let n = 16;
        let x: Vec<f64> = (0..n)
            .map(|j| (0.3 * j as f64).sin() + 0.1 * j as f64)
            .collect();
        let (mut re, mut im) = (x.clone(), vec![0.0; n]);
        let fft = Fft::new(n);
        fft.transform(&mut re, &mut im, false);
        for k in 0..n {
            let (mut dr, mut di) = (0.0, 0.0);
            for (j, xj) in x.iter().enumerate() {
                let t = -TAU * (j * k) as f64 / n as f64;
                dr += xj * t.cos();
                di += xj * t.sin();
            }
            assert!((re[k] - dr).abs() < 1e-12 && (im[k] - di).abs() < 1e-12);
        }
        fft.transform(&mut re, &mut im, true);
        for j in 0..n {
            assert!((re[j] - x[j]).abs() < 1e-13 && im[j].abs() < 1e-13);
        }
    }

    #[test]
    fn spectral_derivative_of_a_trigonometric_polynomial_is_exact() {
        let (n, l) = (32, 3.0);
        let fft = Fft::new(n);
        let x: Vec<f64> = (0..n).map(|j| l * j as f64 / n as f64).collect();
        let w = TAU / l;
        let (mut re, mut im): (Vec<f64>, Vec<f64>) = (
            x.iter().map(|x| (2.0 * w * x).sin()).collect(),
            vec![0.0; n],
        );
        fft.transform(&mut re, &mut im, false);
        for (k, kw) in fft.wavenumbers(l).iter().enumerate() {
            let (r, i) = (re[k], im[k]);
            (re[k], im[k]) = (-kw * i, kw * r);
        }
        fft.transform(&mut re, &mut im, true);
        for (j, xj) in x.iter().enumerate() {
            assert!((re[j] - 2.0 * w * (2.0 * w * xj).cos()).abs() < 1e-11);
        }
    }
}
