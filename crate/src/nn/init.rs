//! Weight initialization, deterministic from the seed of the [`Rng`] passed in.

use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::mlp::Dense;
use crate::rng::Rng;

/// How weights (and biases) start. Layer-norm gains start at 1 and shifts at 0 in every scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Init {
    /// SIREN for `Sin`, Glorot uniform otherwise.
    Auto,
    /// W ~ U(−a, a), a = √(6/(fan_in + fan_out)); biases 0.
    GlorotUniform,
    /// W ~ N(0, 2/(fan_in + fan_out)); biases 0.
    GlorotNormal,
    /// Sitzmann et al. (2020): first layer W ~ U(−1/fan_in, 1/fan_in), later layers (output too)
    /// W ~ U(−√(6/fan_in)/ω0, √(6/fan_in)/ω0); biases U(−1/√fan_in, 1/√fan_in) as in their code
    /// (PyTorch's Linear default). ω0 is taken from `Activation::Sin` (1 for other activations).
    Siren,
}

impl Init {
    fn resolve(self, act: Activation) -> Init {
        match (self, act) {
            (Init::Auto, Activation::Sin { .. }) => Init::Siren,
            (Init::Auto, _) => Init::GlorotUniform,
            (i, _) => i,
        }
    }
}

/// Fill `params` (layout of [`super::Mlp`]) for the given layers. Layers are drawn in order from
/// one stream, weights row by row, then biases, so a seed fixes every parameter.
pub(crate) fn initialize(
    params: &mut [f64],
    layers: &[Dense],
    act: Activation,
    init: Init,
    rng: &mut Rng,
) {
    let init = init.resolve(act);
    let omega0 = match act {
        Activation::Sin { omega0 } => omega0,
        _ => 1.0,
    };
    for (l, d) in layers.iter().enumerate() {
        let (fi, fo) = (d.n_in as f64, d.n_out as f64);
        let w = &mut params[d.w..d.w + d.n_in * d.n_out];
        match init {
            Init::GlorotUniform | Init::Auto => {
                let a = (6.0 / (fi + fo)).sqrt();
                w.iter_mut().for_each(|x| *x = rng.uniform_in(-a, a));
            }
            Init::GlorotNormal => {
                let s = (2.0 / (fi + fo)).sqrt();
                w.iter_mut().for_each(|x| *x = s * rng.normal());
            }
            Init::Siren => {
                let a = if l == 0 {
                    1.0 / fi
                } else {
                    (6.0 / fi).sqrt() / omega0
                };
                w.iter_mut().for_each(|x| *x = rng.uniform_in(-a, a));
            }
        }
        let b = &mut params[d.b..d.b + d.n_out];
        if init == Init::Siren {
            let a = 1.0 / fi.sqrt();
            b.iter_mut().for_each(|x| *x = rng.uniform_in(-a, a));
        } else {
            b.fill(0.0);
        }
        if let Some(g) = d.ln {
            params[g..g + d.n_out].fill(1.0);
            params[g + d.n_out..g + 2 * d.n_out].fill(0.0);
        }
    }
}
