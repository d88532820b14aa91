//! Stein variational gradient descent (Liu & Wang 2016):
//! φ_i = (1/n) Σ_j [k_ij ∇log p(x_j) + ∇_{x_j} k(x_j, x_i)], x ← x + ε φ.
//! The first term pulls particles up the target, the second pushes them apart.

use super::algorithm::{Field, Scores};
use super::pair_kernel::{Points, pair_sums};

/// φ at every particle on the CPU (one symmetric pass of the pair kernel with the scores as
/// weights). The GPU twin is `gpu::svgd_direction`.
pub fn direction(xs: &[f64], ys: &[f64], s: &Scores, h: f64) -> Field {
    let p = Points::new(xs, ys).with_weights(&s.gx, &s.gy);
    let sums = pair_sums(&p, h);
    let n = xs.len() as f64;
    Field {
        x: sums
            .wx
            .iter()
            .zip(&sums.gx)
            .map(|(a, g)| (*a as f64 + *g as f64) / n)
            .collect(),
        y: sums
            .wy
            .iter()
            .zip(&sums.gy)
            .map(|(a, g)| (*a as f64 + *g as f64) / n)
            .collect(),
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
