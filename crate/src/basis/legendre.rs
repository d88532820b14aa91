//! Orthonormal Legendre polynomials on [a, b]: φ_k(x) = sqrt(2/(b−a)) · sqrt(k + ½) · P_k(t),
//! t = (2x − a − b)/(b − a) (science.md §2 uses [−1, 1], where the prefactor is 1).
//! Derivatives by P'_{k+1} = P'_{k−1} + (2k+1) P_k and the same for the second and third
//! derivatives, which stay accurate at the end points where the usual (1 − t²) form divides by 0.

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

    fn periodic(&self) -> bool {
        false
    }

    fn eval(&self, x: f64, out: &mut [Vec<f64>; 4]) {
        let m = self.m;
        if m == 0 {
            return;
        }
        let scale_t = 2.0 / (self.b - self.a); // dt/dx
        let t = (2.0 * x - self.a - self.b) / (self.b - self.a);
        let [p, d1, d2, d3] = out;
        // P_k and its t-derivatives, filled in place.
        (p[0], d1[0], d2[0], d3[0]) = (1.0, 0.0, 0.0, 0.0);
        if m > 1 {
            (p[1], d1[1], d2[1], d3[1]) = (t, 1.0, 0.0, 0.0);
        }
        for k in 1..m.saturating_sub(1) {
            let kf = k as f64;
            let c = 2.0 * kf + 1.0;
            p[k + 1] = (c * t * p[k] - kf * p[k - 1]) / (kf + 1.0);
            d1[k + 1] = d1[k - 1] + c * p[k];
            d2[k + 1] = d2[k - 1] + c * d1[k];
            d3[k + 1] = d3[k - 1] + c * d2[k];
        }
        let norm0 = scale_t.sqrt(); // sqrt(2/(b−a))
        for k in 0..m {
            let c = norm0 * (k as f64 + 0.5).sqrt();
            p[k] *= c;
            d1[k] *= c * scale_t;
            d2[k] *= c * scale_t * scale_t;
            d3[k] *= c * scale_t * scale_t * scale_t;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basis::GaussLegendre;

    fn table(b: &LegendreBasis, x: f64) -> (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>) {
        let [p, d, d2, d3] = b.table(x);
        (p, d, d2, d3)
    }

    #[test]
    fn orthonormal_on_a_shifted_interval() {
        let basis = LegendreBasis::new(12, -0.5, 2.0);
        let g = GaussLegendre::new(20);
        for i in 0..12 {
            for j in 0..12 {
                let ip = g.integrate(-0.5, 2.0, |x| {
                    let (p, _, _, _) = table(&basis, x);
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
        let (p, d, d2, d3) = table(&basis, 0.3);
        // φ_2 = sqrt(2.5) · (3t² − 1)/2
        assert!((p[2] - 2.5f64.sqrt() * (3.0 * 0.09 - 1.0) / 2.0).abs() < 1e-14);
        let h = 1e-5;
        let (pp, dp, d2p, _) = table(&basis, 0.3 + h);
        let (pm, dm, d2m, _) = table(&basis, 0.3 - h);
        for k in 0..8 {
            assert!(((pp[k] - pm[k]) / (2.0 * h) - d[k]).abs() < 1e-7);
            assert!(((dp[k] - dm[k]) / (2.0 * h) - d2[k]).abs() < 1e-6);
            assert!(((d2p[k] - d2m[k]) / (2.0 * h) - d3[k]).abs() < 1e-4 * d3[k].abs().max(1.0));
        }
        // End points stay finite and exact: P_k'(1) = k(k+1)/2.
        let (_, d_end, _, _) = table(&basis, 1.0);
        assert!((d_end[5] - 5.5f64.sqrt() * 15.0).abs() < 1e-12);
    }
}
