//! Adam and AdamW over a flat parameter vector, with optional clipping by global norm.

use serde::{Deserialize, Serialize};

/// Hyperparameters; `Default` is Adam with PyTorch's defaults (β = (0.9, 0.999), ε = 1e-8).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdamConfig {
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    /// Decoupled weight decay λ (AdamW, Loshchilov & Hutter): θ ← θ − lr·λ·θ each step,
    /// outside the adaptive scaling. 0 gives plain Adam.
    pub weight_decay: f64,
    /// Rescale the gradient to this global L2 norm when it is larger.
    pub clip_norm: Option<f64>,
}

impl Default for AdamConfig {
    fn default() -> Self {
        AdamConfig {
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            weight_decay: 0.0,
            clip_norm: None,
        }
    }
}

impl AdamConfig {
    /// AdamW with decoupled decay λ.
    pub fn adamw(weight_decay: f64) -> Self {
        AdamConfig {
            weight_decay,
            ..Self::default()
        }
    }
    pub fn with_clip(mut self, max_norm: f64) -> Self {
        self.clip_norm = Some(max_norm);
        self
    }
}

/// Adam/AdamW state: first and second moments and the step count (for bias correction).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Adam {
    pub config: AdamConfig,
    m: Vec<f64>,
    v: Vec<f64>,
    t: u64,
    /// Which entries weight decay applies to (all when `None`); see `Mlp::weight_mask`.
    decay_mask: Option<Vec<bool>>,
}

impl Adam {
    pub fn new(n_params: usize, config: AdamConfig) -> Self {
        Adam {
            config,
            m: vec![0.0; n_params],
            v: vec![0.0; n_params],
            t: 0,
            decay_mask: None,
        }
    }

    /// Restrict weight decay to the entries where `mask` is true (e.g. weights, not biases).
    pub fn with_decay_mask(mut self, mask: Vec<bool>) -> Self {
        assert_eq!(mask.len(), self.m.len());
        self.decay_mask = Some(mask);
        self
    }

    pub fn steps(&self) -> u64 {
        self.t
    }

    /// Forget the moments (e.g. after a warm restart that should also reset the optimizer).
    pub fn reset(&mut self) {
        self.m.fill(0.0);
        self.v.fill(0.0);
        self.t = 0;
    }

    /// One update with learning rate `lr`. Returns the gradient's global norm before clipping
    /// (a cheap health signal for the UI).
    pub fn step(&mut self, params: &mut [f64], grad: &[f64], lr: f64) -> f64 {
        assert_eq!(params.len(), self.m.len());
        assert_eq!(grad.len(), self.m.len());
        let c = self.config;
        let norm = sum_squares(grad).sqrt();
        // Clipping is a uniform rescale, so it is folded into the update instead of copying grad.
        let scale = match c.clip_norm {
            Some(max) if norm > max => max / norm,
            _ => 1.0,
        };
        self.t += 1;
        let t = self.t as i32;
        let h = Hyper {
            c,
            scale,
            bc2: 1.0 - c.beta2.powi(t),
            // lr·m̂/(√v̂ + ε) with m̂ = m/bc1, v̂ = v/bc2 (PyTorch's formulation).
            step: lr / (1.0 - c.beta1.powi(t)),
            decay: lr * c.weight_decay,
        };
        let mask = self.decay_mask.as_deref();
        update(h, params, grad, &mut self.m, &mut self.v, mask);
        norm
    }
}

/// The scalars of one update.
#[derive(Clone, Copy)]
struct Hyper {
    c: AdamConfig,
    scale: f64,
    bc2: f64,
    step: f64,
    decay: f64,
}

wide! {
    /// Σ g², in 8 interleaved partial sums (a fixed order, so every CPU rounds alike) that
    /// vectorize, where one running sum is a chain of dependent additions.
    fn sum_squares(g: &[f64]) -> f64 = sum_squares_body;
}

#[inline(always)]
fn sum_squares_body(g: &[f64]) -> f64 {
    let mut acc = [0.0; 8];
    let chunks = g.chunks_exact(8);
    let tail = chunks.remainder();
    for c in chunks {
        for (a, x) in acc.iter_mut().zip(c) {
            *a += x * x;
        }
    }
    for (a, x) in acc.iter_mut().zip(tail) {
        *a += x * x;
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]))
}

wide! {
    fn update(
        h: Hyper,
        params: &mut [f64],
        grad: &[f64],
        m: &mut [f64],
        v: &mut [f64],
        mask: Option<&[bool]>,
    ) = update_body;
}

#[inline(always)]
fn update_body(
    h: Hyper,
    params: &mut [f64],
    grad: &[f64],
    m: &mut [f64],
    v: &mut [f64],
    mask: Option<&[bool]>,
) {
    let (c, n) = (h.c, params.len());
    let (grad, m, v) = (&grad[..n], &mut m[..n], &mut v[..n]);
    for i in 0..n {
        let g = grad[i] * h.scale;
        m[i] = c.beta1 * m[i] + (1.0 - c.beta1) * g;
        v[i] = c.beta2 * v[i] + (1.0 - c.beta2) * g * g;
    }
    if h.decay != 0.0 {
        for i in 0..n {
            if mask.is_none_or(|mk| mk[i]) {
                params[i] -= h.decay * params[i];
            }
        }
    }
    for i in 0..n {
        params[i] -= h.step * m[i] / ((v[i] / h.bc2).sqrt() + c.eps);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_step_moves_each_coordinate_by_lr() {
        // With bias correction the first Adam step is lr·sign(g) (up to ε).
        let mut p = vec![1.0, -2.0, 0.5];
        let mut opt = Adam::new(3, AdamConfig::default());
        opt.step(&mut p, &[3.0, -0.01, 100.0], 0.1);
        let want = [0.9, -1.9, 0.4];
        for (a, b) in p.iter().zip(want) {
            assert!((a - b).abs() < 1e-6);
        }
    }

    #[test]
    fn adamw_decays_toward_zero_without_gradient() {
        let mut p = vec![2.0];
        let mut opt = Adam::new(1, AdamConfig::adamw(0.5));
        for _ in 0..10 {
            opt.step(&mut p, &[0.0], 0.1);
        }
        assert!((p[0] - 2.0 * 0.95f64.powi(10)).abs() < 1e-12);
    }

    #[test]
    fn minimizes_a_quadratic_with_clipping() {
        let mut p = vec![5.0, -3.0];
        let mut opt = Adam::new(2, AdamConfig::default().with_clip(1.0));
        for _ in 0..2000 {
            let g = [2.0 * p[0], 20.0 * p[1]];
            opt.step(&mut p, &g, 0.05);
        }
        assert!(p[0].abs() < 1e-3 && p[1].abs() < 1e-3, "{p:?}");
    }
}
