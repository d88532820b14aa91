//! kde-WGD (D'Angelo & Fortuin 2021): the Wasserstein gradient flow of KL(μ‖p) with ∇log μ
//! replaced by the gradient of a kernel density estimate,
//! φ_i = ∇log p(x_i) − Σ_j ∇_{x_i} k_ij / Σ_j k_ij = ∇log p(x_i) + grads_i / sums_i.

use super::algorithm::{Field, Scores};
use super::pair_kernel::rbf_sums;

/// φ from kernel sums and gradients (`pair_kernel::rbf_sums` on the CPU, `gpu::RbfPairSum` on
/// the GPU).
pub fn from_sums(s: &Scores, sums: &[f32], gx: &[f64], gy: &[f64]) -> Field {
    Field {
        x: (0..sums.len())
            .map(|i| s.gx[i] + gx[i] / sums[i] as f64)
            .collect(),
        y: (0..sums.len())
            .map(|i| s.gy[i] + gy[i] / sums[i] as f64)
            .collect(),
    }
}

pub fn direction(xs: &[f64], ys: &[f64], s: &Scores, h: f64) -> Field {
    let (sums, gx, gy) = rbf_sums(xs, ys, h);
    from_sums(s, &sums, &gx, &gy)
}
