//! The compute layer: one wgpu context for WebGPU in the browser and Vulkan natively.
//!
//! Every kernel lives in `shaders/<name>.wgsl`, has a CPU reference in Rust next to its
//! host code, and a parity test on random inputs (`crate/tests/gpu_parity/` natively on
//! lavapipe, `crate/tests/web.rs` in headless Chromium). The CPU path is the fallback whenever
//! no adapter exists, and which path ran is always reported (`AdapterSummary`, lab metrics).

#[cfg(target_arch = "wasm32")]
mod browser;
mod compute;
mod context;
mod error;
mod exp_approx;
pub mod mlp_train;
pub mod pair_force;
pub mod rbf_cross_sum;
pub mod rbf_pair_sum;
mod readback;
pub mod self_test;
pub mod svgd_direction;
pub mod timeout;

pub use context::{AdapterSummary, GpuContext};
pub use error::GpuError;
pub use exp_approx::exp_neg_f32;
pub use pair_force::{PairForce, PairForces};
pub use rbf_cross_sum::RbfCrossSum;
pub use rbf_pair_sum::{RbfPairSum, RbfSums};
pub use svgd_direction::SvgdDirection;
