//! The lab runtime: the `Lab` trait every lab implements, parameter schemas, the registry (the
//! one list of labs that the site, the JS API and the tests read), and the runner that adds
//! step counting, rates and device handling uniformly.

mod error;
mod params;
mod registry;
mod runner;
mod snapshot;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod params_tests;

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use crate::gpu::GpuContext;

pub use error::{ErrorKind, LabError};
pub use params::{
    DefaultValue, ParamKind, ParamSpec, ParamValue, Params, RawValue, SchemaEntry, resolve,
};
pub use registry::{LABS, find};
pub use runner::{Device, MAX_STEPS_PER_CALL, Runner};
pub use snapshot::{ArrayData, Curve, Metrics, Snapshot, SnapshotArray};

/// A future that may hold `&mut self` (GPU steps await readbacks). Not `Send`: wasm is one thread.
pub type LocalFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

pub trait Lab {
    /// Advances n steps on the CPU. On Err (a blow-up) the state is left as it was before the
    /// failing step, so the user can inspect it, change parameters or reset.
    fn step(&mut self, n: u32) -> Result<(), LabError>;

    /// The lab's own metrics (the runner adds `steps`, `steps_per_second` and `device`).
    fn metrics(&self) -> Metrics;

    /// What the views draw.
    fn snapshot(&self) -> Snapshot;

    /// Labs with a GPU kernel build it here and return Ok(true); the default has no GPU path.
    fn attach_gpu(&mut self, _gpu: Rc<GpuContext>) -> LocalFuture<'_, Result<bool, LabError>> {
        Box::pin(async { Ok(false) })
    }

    /// Notices about how the parameters were applied (e.g. a size rounded to a power of two);
    /// the runner adds them to `warnings()` after creation.
    fn notices(&self) -> Vec<String> {
        Vec::new()
    }

    /// Drop GPU resources and continue on the CPU.
    fn detach_gpu(&mut self) {}

    /// Advances n steps on the GPU when attached. An Err of kind `Gpu` must leave the state
    /// unchanged: the runner then switches to the CPU and repeats the step there.
    fn step_gpu(&mut self, n: u32) -> LocalFuture<'_, Result<(), LabError>> {
        Box::pin(async move { self.step(n) })
    }
}

/// Builds a lab from validated params and a seed.
pub type CreateLab = fn(&Params, u64) -> Result<Box<dyn Lab>, LabError>;

/// A registry entry: what the home page lists and how to build the lab from validated params.
pub struct LabInfo {
    pub id: &'static str,
    pub title: &'static str,
    /// One line for the home page card.
    pub summary: &'static str,
    pub params: &'static [ParamSpec],
    pub create: CreateLab,
}
