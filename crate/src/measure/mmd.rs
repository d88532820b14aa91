//! Maximum mean discrepancy between the particles and the target's reference set, RBF kernel
//! with h = 0.5 (as in D'Angelo & Fortuin's experiments), k(x, y) = exp(−‖x − y‖²/(2h)):
//!
//! MMD²_u = Σ_{i≠i'} k(x_i, x_i')/(n(n−1)) + Σ_{j≠j'} k(y_j, y_j')/(m(m−1)) − 2 Σ_ij k(x_i, y_j)/(nm)
//! MMD²_b = the same with the diagonals included and 1/n², 1/m².
//!
//! The O(N²) sums run in the SIMD pair kernels (or on the GPU: `gpu::rbf_cross_sum`); the
//! reference's own sum is computed once.

use crate::particles::cross_kernel::cross_sums;
use crate::particles::pair_kernel::{Points, pair_sums};

pub const MMD_BANDWIDTH: f64 = 0.5;

/// The reference side of the MMD, with its constant double sum.
pub struct MmdReference {
    pub points: Points,
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    /// Σ_{j≠j'} k(y_j, y_j')
    offdiag_sum: f64,
}

/// The particle-dependent sums: Σ_{i≠i'} k(x_i, x_i') and Σ_ij k(x_i, y_j), over n particles.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MmdSums {
    pub n: usize,
    pub xx_offdiag: f64,
    pub xy: f64,
}

impl MmdReference {
    pub fn new(xs: &[f64], ys: &[f64]) -> Self {
        let points = Points::new(xs, ys);
        let offdiag_sum = self_sum_offdiag(&points);
        MmdReference {
            points,
            xs: xs.to_vec(),
            ys: ys.to_vec(),
            offdiag_sum,
        }
    }

    pub fn len(&self) -> usize {
        self.xs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.xs.is_empty()
    }

    pub fn unbiased(&self, s: &MmdSums) -> f64 {
        let (n, m) = (s.n as f64, self.len() as f64);
        s.xx_offdiag / (n * (n - 1.0)) + self.offdiag_sum / (m * (m - 1.0)) - 2.0 * s.xy / (n * m)
    }

    pub fn biased(&self, s: &MmdSums) -> f64 {
        let (n, m) = (s.n as f64, self.len() as f64);
        (s.xx_offdiag + n) / (n * n) + (self.offdiag_sum + m) / (m * m) - 2.0 * s.xy / (n * m)
    }

    /// The sums for particles `p` on the CPU.
    pub fn sums_cpu(&self, p: &Points) -> MmdSums {
        MmdSums {
            n: p.n,
            xx_offdiag: self_sum_offdiag(p),
            xy: cross_sums(p, &self.points, MMD_BANDWIDTH)
                .sums
                .iter()
                .map(|&v| v as f64)
                .sum(),
        }
    }
}

fn self_sum_offdiag(p: &Points) -> f64 {
    // pair_sums adds the diagonal (k_ii = 1) to each row.
    pair_sums(p, MMD_BANDWIDTH)
        .sums
        .iter()
        .map(|&v| v as f64 - 1.0)
        .sum()
}

/// The unbiased estimator by plain f64 double loops: the oracle for the tests.
pub fn mmd2_unbiased_direct(a: (&[f64], &[f64]), b: (&[f64], &[f64]), h: f64) -> f64 {
    let k = |x1: f64, y1: f64, x2: f64, y2: f64| {
        (-((x1 - x2).powi(2) + (y1 - y2).powi(2)) / (2.0 * h)).exp()
    };
    let within = |(xs, ys): (&[f64], &[f64])| {
        let n = xs.len();
        let mut s = 0.0;
        for i in 0..n {
            for j in 0..n {
                if i != j {
                    s += k(xs[i], ys[i], xs[j], ys[j]);
                }
            }
        }
        s / (n as f64 * (n as f64 - 1.0))
    };
    let mut cross = 0.0;
    for i in 0..a.0.len() {
        for j in 0..b.0.len() {
            cross += k(a.0[i], a.1[i], b.0[j], b.1[j]);
        }
    }
    within(a) + within(b) - 2.0 * cross / (a.0.len() * b.0.len()) as f64
}
