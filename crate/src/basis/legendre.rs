//! Orthonormal Legendre polynomials on [a, b]: φ_k(x) = sqrt(2/(b−a)) · sqrt(k + ½) · P_k(t),
//! t = (2x − a − b)/(b − a) (science.md §2 uses [−1, 1], where the prefactor is 1).
//! Derivatives by P'_{k+1} = P'_{k−1} + (2k+1) P_k and the same for P'', which stay accurate at
//! the end points where the usual (1 − t²) form divides by zero.

use super::Basis;

#[derive(Clone, Debug)]
pub struct LegendreBasis {
    m: usize,
    a: f64,
    b: f64,
}

impl LegendreBasis {
    pub fn new(m: usize, a: f64, b: f64) -> Self {
        assert!(b > a, "interval must have b > a");
        Self { m, a, b }
    }
}

impl Basis for LegendreBasis {
    fn len(&self) -> usize {
        self.m
    }

    fn interval(&self) -> (f64, f64) {
        (self.a, self.b)
    }

    fn eval(&self, x: f64, phi: &mut [f64], dphi: &mut [f64], d2phi: &mut [f64]) {
        let m = self.m;
        if m == 0 {
            return;
        }
        let scale_t = 2.0 / (self.b - self.a); // dt/dx
        let t = (2.0 * x - self.a - self.b) / (self.b - self.a);
        // P_k, P_k', P_k'' in t, filled in place.
        phi[0] = 1.0;
        dphi[0] = 0.0;
        d2phi[0] = 0.0;
        if m > 1 {
            phi[1] = t;
            dphi[1] = 1.0;
            d2phi[1] = 0.0;
        }
        for k in 1..m.saturating_sub(1) {
            let kf = k as f64;
            phi[k + 1] = ((2.0 * kf + 1.0) * t * phi[k] - kf * phi[k - 1]) / (kf + 1.0);
            dphi[k + 1] = dphi[k - 1] + (2.0 * kf + 1.0) * phi[k];
            d2phi[k + 1] = d2phi[k - 1] + (2.0 * kf + 1.0) * dphi[k];
        }
        let norm0 = scale_t.sqrt(); // sqrt(2/(b−a))
        for k in 0..m {
            let c = norm0 * (k as f64 + 0.5).sqrt();
            phi[k] *= c;
            dphi[k] *= c * scale_t;
            d2phi[k] *= c * scale_t * scale_t;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basis::GaussLegendre;

    fn table(b: &LegendreBasis, x: f64) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
        let m = b.len();
        let (mut p, mut d, mut d2) = (vec![0.0; m], vec![0.0; m], vec![0.0; m]);
        b.eval(x, &mut p, &mut d, &mut d2);
        (p, d, d2)
    }

    #[test]
    fn orthonormal_on_a_shifted_interval() {
        let basis = LegendreBasis::new(12, -0.5, 2.0);
        let g = GaussLegendre::new(20);
        for i in 0..12 {
            for j in 0..12 {
                let ip = g.integrate(-0.5, 2.0, |x| {
                    let (p, _, _) = table(&basis, x);
                    p[i] * p[j]
                });
                let expect = if i == j { 1.0 } else { 0.0 };
                assert!((ip - expect).abs() < 1e-12, "<φ{i}, φ{j}> = {ip}");
            }
        }
    }

    #[test]
    fn matches_science_md_normalization_and_derivatives_match_differences() {
        let basis = LegendreBasis::new(8, -1.0, 1.0);
        let (p, d, d2) = table(&basis, 0.3);
        // φ_2 = sqrt(2.5) · (3t² − 1)/2
        assert!((p[2] - 2.5f64.sqrt() * (3.0 * 0.09 - 1.0) / 2.0).abs() < 1e-14);
        let h = 1e-5;
        let (pp, dp, _) = table(&basis, 0.3 + h);
        let (pm, dm, _) = table(&basis, 0.3 - h);
        for k in 0..8 {
            assert!(((pp[k] - pm[k]) / (2.0 * h) - d[k]).abs() < 1e-7);
            assert!(((dp[k] - dm[k]) / (2.0 * h) - d2[k]).abs() < 1e-6);
        }
        // End points stay finite and exact: P_k'(1) = k(k+1)/2.
        let (_, d_end, _) = table(&basis, 1.0);
        assert!((d_end[5] - 5.5f64.sqrt() * 15.0).abs() < 1e-12);
    }
}
