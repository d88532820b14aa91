//! The network: architecture, flat parameter vector and its layout.
//!
//! Map of layer l (0-based; `sizes = [d_in, h_1, …, h_L, d_out]`):
//! hidden (l < L):  z = W_l·h + b_l → [layer norm: γ_l ⊙ (z − mean z)/√(var z + ε) + β_l] → σ
//! output (l = L):  f = W_L·h + b_L (linear)
//!
//! Parameter layout (one flat `Vec<f64>`, layers concatenated in order):
//! `W_l` as `[n_out × n_in]` row-major (`W[o·n_in + i]`, PyTorch's convention), then `b_l [n_out]`,
//! then, for hidden layers when layer norm is on, `γ_l [n_out]` and `β_l [n_out]`.
//! [`Dense`] records the offsets, so callers never recompute them.

use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::init::{Init, initialize};
use crate::rng::Rng;

/// ε inside the layer-norm square root (PyTorch's default).
pub const LN_EPS: f64 = 1e-5;

/// Everything that defines a network except its parameter values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MlpConfig {
    /// Layer widths, input first and output last; at least two entries.
    pub sizes: Vec<usize>,
    pub activation: Activation,
    /// Layer norm (learned gain and shift) after every hidden dense layer, before σ.
    pub layer_norm: bool,
    pub init: Init,
}

impl MlpConfig {
    /// `d_in → hidden × depth → d_out` with the given activation, no layer norm, `Init::Auto`.
    pub fn new(
        d_in: usize,
        hidden: usize,
        depth: usize,
        d_out: usize,
        activation: Activation,
    ) -> Self {
        let mut sizes = vec![d_in];
        sizes.extend(std::iter::repeat_n(hidden, depth));
        sizes.push(d_out);
        MlpConfig {
            sizes,
            activation,
            layer_norm: false,
            init: Init::Auto,
        }
    }

    pub fn with_layer_norm(mut self, on: bool) -> Self {
        self.layer_norm = on;
        self
    }

    pub fn with_init(mut self, init: Init) -> Self {
        self.init = init;
        self
    }
}

/// Shape and parameter offsets of one dense layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dense {
    pub n_in: usize,
    pub n_out: usize,
    /// Offset of W (`n_out × n_in`, row-major).
    pub w: usize,
    /// Offset of b (`n_out`).
    pub b: usize,
    /// Offset of the layer-norm gain γ (`n_out`; the shift β follows it), if this layer has one.
    pub ln: Option<usize>,
    /// Whether σ follows (every layer but the last).
    pub hidden: bool,
}

/// A multilayer perceptron with all parameters in one flat vector.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Mlp {
    config: MlpConfig,
    layers: Vec<Dense>,
    params: Vec<f64>,
}

impl Mlp {
    /// Build and initialize from `rng` (deterministic: same seed, same parameters).
    pub fn new(config: MlpConfig, rng: &mut Rng) -> Self {
        let mut net = Self::zeros(config);
        let (layers, act, init) = (net.layers.clone(), net.config.activation, net.config.init);
        initialize(&mut net.params, &layers, act, init, rng);
        net
    }

    /// All parameters zero (for loading a snapshot with `params_mut`).
    pub fn zeros(config: MlpConfig) -> Self {
        assert!(
            config.sizes.len() >= 2,
            "an MLP needs input and output sizes"
        );
        assert!(
            config.sizes.iter().all(|&s| s > 0),
            "layer sizes must be positive"
        );
        let n_layers = config.sizes.len() - 1;
        let mut layers = Vec::with_capacity(n_layers);
        let mut off = 0;
        for l in 0..n_layers {
            let (n_in, n_out) = (config.sizes[l], config.sizes[l + 1]);
            let hidden = l + 1 < n_layers;
            let w = off;
            let b = w + n_in * n_out;
            off = b + n_out;
            let ln = (hidden && config.layer_norm).then(|| {
                off += 2 * n_out;
                b + n_out
            });
            layers.push(Dense {
                n_in,
                n_out,
                w,
                b,
                ln,
                hidden,
            });
        }
        Mlp {
            config,
            layers,
            params: vec![0.0; off],
        }
    }

    pub fn config(&self) -> &MlpConfig {
        &self.config
    }
    pub fn layers(&self) -> &[Dense] {
        &self.layers
    }
    pub fn activation(&self) -> Activation {
        self.config.activation
    }
    pub fn d_in(&self) -> usize {
        self.config.sizes[0]
    }
    pub fn d_out(&self) -> usize {
        *self.config.sizes.last().unwrap()
    }
    pub fn params(&self) -> &[f64] {
        &self.params
    }
    pub fn params_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }
    pub fn num_params(&self) -> usize {
        self.params.len()
    }
    /// Widest layer (input and output included): sizes the tape buffers.
    pub fn max_width(&self) -> usize {
        *self.config.sizes.iter().max().unwrap()
    }

    /// Mask over the flat vector: true for dense weights, false for biases and layer-norm
    /// parameters (the usual set to exempt from weight decay).
    pub fn weight_mask(&self) -> Vec<bool> {
        let mut m = vec![false; self.params.len()];
        for d in &self.layers {
            m[d.w..d.w + d.n_in * d.n_out].fill(true);
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_contiguous_and_documented() {
        let cfg = MlpConfig::new(3, 5, 2, 2, Activation::Tanh).with_layer_norm(true);
        let net = Mlp::new(cfg, &mut Rng::new(1));
        let l = net.layers();
        assert_eq!(l.len(), 3);
        assert_eq!((l[0].w, l[0].b, l[0].ln), (0, 15, Some(20)));
        assert_eq!(l[1].w, 30);
        assert_eq!(l[2].ln, None);
        assert_eq!(net.num_params(), (15 + 5 + 10) + (25 + 5 + 10) + (10 + 2));
        assert!(net.params()[20..25].iter().all(|&g| g == 1.0));
        let again = Mlp::new(net.config().clone(), &mut Rng::new(1));
        assert_eq!(net.params(), again.params());
    }
}
