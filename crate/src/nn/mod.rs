//! Neural core: MLPs whose input derivatives are part of the forward pass, and a hand-written
//! reverse pass for losses built from those derivatives (PINN residuals), in f64.
//!
//! No Rust framework differentiates a gradient again, so the network carries its own
//! derivatives: a forward *jet* pushes value, first directional derivatives and second-order
//! (pair) derivatives through each layer (Taylor mode), and [`Mlp::jet_backward`] is the exact
//! adjoint of that computation. For losses of the full gradient of a many-input network,
//! [`Mlp::input_grad`] uses reverse mode instead (see `gradmode`).
//!
//! | file          | owns                                                            |
//! |---------------|-----------------------------------------------------------------|
//! | `mlp`         | architecture, flat parameter vector and its layout              |
//! | `init`        | Glorot and SIREN initialization                                 |
//! | `activation`  | tanh, sin(ω0·), softplus, exact GELU with σ', σ'', σ'''         |
//! | `erf`         | erf/erfc (for GELU)                                             |
//! | `tanh`        | branch-free tanh that vectorizes                                |
//! | `jet`         | the request ([`JetSpec`]) and result/seed ([`Jet`]) types        |
//! | `tape`        | the reusable workspace                                          |
//! | `forward`     | jet propagation                                                 |
//! | `layernorm`   | layer norm of jets, forward and adjoint                         |
//! | `backward`    | reverse pass to parameter (and input) gradients                 |
//! | `gradmode`    | reverse-mode input gradients and their parameter gradients      |
//! | `gemm`        | the packed matrix product all layers use                        |
//! | `optim`       | Adam / AdamW, gradient clipping                                 |
//! | `schedule`    | constant, warmup + cosine, cosine with warm restarts            |
//!
//! ```
//! use deltaf::nn::*;
//! use deltaf::rng::Rng;
//! // u(t, x): 2 inputs, 3 hidden tanh layers of 32, 1 output.
//! let net = Mlp::new(MlpConfig::new(2, 32, 3, 1, Activation::Tanh), &mut Rng::new(7));
//! let (mut tape, mut jet) = (Tape::new(), Jet::default());
//! let x = [0.1, 0.2, 0.5, -0.3]; // two samples (t, x)
//! // Directions ∂/∂t (0) and ∂/∂x (1); pair (1, 1) is ∂²/∂x².
//! let spec = JetSpec::axes(&[0, 1]).with_pairs(&[(1, 1)]);
//! net.jet(&mut tape, &x, spec, &mut jet);
//! let (u, u_t, u_x, u_xx) = (jet.value(0)[0], jet.first(0, 0)[0], jet.first(0, 1)[0], jet.second(0, 0)[0]);
//! // Loss = Σ_b r_b², residual r = u_t + u·u_x − ν·u_xx: seeds are ∂Loss/∂(u, u_t, u_x, u_xx).
//! let nu = 0.01;
//! let mut seed = jet.zeros_like();
//! for b in 0..jet.batch {
//!     let (u, ut, ux, uxx) = (jet.value(b)[0], jet.first(b, 0)[0], jet.first(b, 1)[0], jet.second(b, 0)[0]);
//!     let r2 = 2.0 * (ut + u * ux - nu * uxx);
//!     seed.value_mut(b)[0] = r2 * ux;
//!     seed.first_mut(b, 0)[0] = r2;
//!     seed.first_mut(b, 1)[0] = r2 * u;
//!     seed.second_mut(b, 0)[0] = -nu * r2;
//! }
//! let mut grad = vec![0.0; net.num_params()];
//! net.jet_backward(&mut tape, &seed, &mut grad, None);
//! let mut opt = Adam::new(net.num_params(), AdamConfig::default());
//! let mut net = net;
//! opt.step(net.params_mut(), &grad, Schedule::Constant { lr: 1e-3 }.lr(0));
//! # let _ = (u, u_t, u_x, u_xx);
//! ```

/// `wide!(fn name(args) = body;)` defines `name`, which runs `body` (an `#[inline(always)]`
/// function of the same arguments) through a copy compiled for AVX-512 or AVX2 when the CPU has
/// them, else the baseline copy (SSE2, or simd128 in wasm). For the elementwise loops of the
/// jets and the optimizer, which LLVM vectorizes to whatever width it may use. The copies do the
/// same operations in the same order (no contraction into FMA), so results do not change.
macro_rules! wide {
    ($(#[$m:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)? = $body:path;) => {
        $(#[$m])*
        #[allow(clippy::too_many_arguments)]
        $vis fn $name($($arg: $ty),*) $(-> $ret)? {
            #[cfg(target_arch = "x86_64")]
            {
                #[allow(clippy::too_many_arguments)]
                #[target_feature(enable = "avx512f,avx512vl,avx2")]
                fn v512($($arg: $ty),*) $(-> $ret)? {
                    $body($($arg),*)
                }
                #[allow(clippy::too_many_arguments)]
                #[target_feature(enable = "avx2")]
                fn v256($($arg: $ty),*) $(-> $ret)? {
                    $body($($arg),*)
                }
                use std::arch::is_x86_feature_detected as has;
                if has!("avx512f") && has!("avx512vl") {
                    // SAFETY: the features were checked just above; they are the only
                    // precondition.
                    return unsafe { v512($($arg),*) };
                }
                if has!("avx2") {
                    // SAFETY: as above.
                    return unsafe { v256($($arg),*) };
                }
            }
            $body($($arg),*)
        }
    };
}

mod activation;
mod backward;
mod erf;
mod forward;
mod gemm;
mod gradmode;
mod init;
mod jet;
mod layernorm;
mod mlp;
mod optim;
mod schedule;
mod tanh;
mod tape;

pub use activation::Activation;
pub use erf::{erf, erfc};
pub use gemm::{GemmScratch, View, gemm};
pub use gradmode::InputGrad;
pub use init::Init;
pub use jet::{Dirs, Jet, JetSpec};
pub use mlp::{Dense, LN_EPS, Mlp, MlpConfig};
pub use optim::{Adam, AdamConfig};
pub use schedule::Schedule;
pub use tape::Tape;
