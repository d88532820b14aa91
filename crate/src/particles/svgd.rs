//! Stein variational gradient descent (Liu & Wang 2016):
//! φ_i = (1/n) Σ_j [k_ij ∇log p(x_j) + ∇_{x_j} k(x_j, x_i)], x ← x + ε φ.
//! The first term pulls particles up the target, the second pushes them apart.

use super::algorithm::{Field, Scores};
use super::pair_kernel::{Points, centred, pair_sums};

/// φ at every particle on the CPU: one symmetric pass of the pair kernel with weights
/// w_j = s_j − x_j/h on centred points, since Σ_j k_ij (s_j + (x_i − x_j)/h) = Σ_j k_ij w_j +
/// x_i Σ_j k_ij / h (pair_kernel.rs). The GPU twin is `gpu::svgd_direction`.
pub fn direction(xs: &[f64], ys: &[f64], s: &Scores, h: f64) -> Field {
    let (cx, cy) = centred(xs, ys);
    let wx: Vec<f64> = (0..cx.len()).map(|i| s.gx[i] - cx[i] / h).collect();
    let wy: Vec<f64> = (0..cy.len()).map(|i| s.gy[i] - cy[i] / h).collect();
    let r = pair_sums(&Points::new(&cx, &cy).with_weights(&wx, &wy), h);
    let n = xs.len() as f64;
    let phi = |c: &[f64], w: &[f32]| -> Vec<f64> {
        (0..c.len())
            .map(|i| (w[i] as f64 + c[i] * r.sums[i] as f64 / h) / n)
            .collect()
    };
    Field {
        x: phi(&cx, &r.wx),
        y: phi(&cy, &r.wy),
    }
}

/// φ from the GPU kernel's raw sums Σ_j [k_ij s_j + (x_i − x_j) k_ij / h] (n × 2, interleaved).
pub fn from_sums(raw: &[f32]) -> Field {
    let n = (raw.len() / 2) as f64;
    Field {
        x: raw.iter().step_by(2).map(|v| *v as f64 / n).collect(),
        y: raw
            .iter()
            .skip(1)
            .step_by(2)
            .map(|v| *v as f64 / n)
            .collect(),
    }
}
