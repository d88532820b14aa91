//! sge-WGD (D'Angelo & Fortuin 2021): ∇log μ estimated by the Stein gradient estimator of
//! Li & Turner (2018), ĝ = −(K + ηI)⁻¹ ⟨∇, K⟩ with ⟨∇, K⟩_i = Σ_j ∇_{x_j} k(x_i, x_j) and η = 0.01,
//! so φ_i = ∇log p(x_i) − ĝ_i = ∇log p(x_i) + [(K + ηI)⁻¹ G]_i.
//! The N × N solve (Cholesky, f64) costs N³/3 flops: N is capped at `MAX_N`.

use super::algorithm::{Field, Scores};

pub const ETA: f64 = 0.01;
/// Largest N: the Cholesky factorization at 1024 takes ~0.1–0.3 s per step.
pub const MAX_N: usize = 1024;

/// The estimate ĝ ≈ ∇log μ at the points.
pub fn score_estimate(xs: &[f64], ys: &[f64], h: f64) -> Field {
    let n = xs.len();
    let mut k = vec![0.0; n * n];
    let mut g = Field::zeros(n);
    for i in 0..n {
        for j in 0..n {
            let (dx, dy) = (xs[i] - xs[j], ys[i] - ys[j]);
            let kij = (-(dx * dx + dy * dy) / (2.0 * h)).exp();
            k[i * n + j] = kij + if i == j { ETA } else { 0.0 };
            g.x[i] += dx * kij / h;
            g.y[i] += dy * kij / h;
        }
    }
    cholesky_in_place(&mut k, n);
    for v in [&mut g.x, &mut g.y] {
        cholesky_solve(&k, n, v);
        v.iter_mut().for_each(|a| *a = -*a);
    }
    g
}

pub fn direction(xs: &[f64], ys: &[f64], s: &Scores, h: f64) -> Field {
    let g = score_estimate(xs, ys, h);
    Field {
        x: s.gx.iter().zip(&g.x).map(|(a, b)| a - b).collect(),
        y: s.gy.iter().zip(&g.y).map(|(a, b)| a - b).collect(),
    }
}

/// Dot product with four accumulators, so it vectorizes (a single f64 sum cannot be reordered).
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let chunks = a.len() / 4;
    for c in 0..chunks {
        for l in 0..4 {
            acc[l] += a[4 * c + l] * b[4 * c + l];
        }
    }
    let tail: f64 = (4 * chunks..a.len()).map(|i| a[i] * b[i]).sum();
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// Lower Cholesky factor of a symmetric positive definite matrix (row-major), in place.
/// K + ηI has eigenvalues ≥ η, so the pivots stay positive.
pub fn cholesky_in_place(a: &mut [f64], n: usize) {
    for j in 0..n {
        let (done, rest) = a.split_at_mut(j * n);
        let row_j = &mut rest[..n];
        for k in 0..j {
            let row_k = &done[k * n..k * n + n];
            row_j[k] = (row_j[k] - dot(&row_j[..k], &row_k[..k])) / row_k[k];
        }
        let d = row_j[j] - dot(&row_j[..j], &row_j[..j]);
        row_j[j] = d.max(f64::MIN_POSITIVE).sqrt();
        for v in &mut row_j[j + 1..] {
            *v = 0.0;
        }
    }
}

/// Solves L Lᵀ x = b in place.
pub fn cholesky_solve(l: &[f64], n: usize, b: &mut [f64]) {
    for i in 0..n {
        b[i] = (b[i] - dot(&l[i * n..i * n + i], &b[..i])) / l[i * n + i];
    }
    for i in (0..n).rev() {
        let mut s = b[i];
        for k in i + 1..n {
            s -= l[k * n + i] * b[k];
        }
        b[i] = s / l[i * n + i];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    #[test]
    fn cholesky_solves_a_random_spd_system() {
        let n = 37;
        let mut rng = Rng::new(1);
        let b: Vec<f64> = (0..n * n).map(|_| rng.normal()).collect();
        let mut a = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                a[i * n + j] = (0..n).map(|k| b[i * n + k] * b[j * n + k]).sum::<f64>()
                    + if i == j { 1.0 } else { 0.0 };
            }
        }
        let x: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let mut rhs: Vec<f64> = (0..n)
            .map(|i| (0..n).map(|j| a[i * n + j] * x[j]).sum())
            .collect();
        let mut l = a.clone();
        cholesky_in_place(&mut l, n);
        cholesky_solve(&l, n, &mut rhs);
        for i in 0..n {
            assert!((rhs[i] - x[i]).abs() < 1e-9, "{} vs {}", rhs[i], x[i]);
        }
    }
}
