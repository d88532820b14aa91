//! One training step with the forward and backward passes on the GPU (stub until the kernel lands).

use std::rc::Rc;

use super::loss::LossTerms;
use super::train::Trainer;
use crate::gpu::GpuContext;
use crate::lab::LabError;

pub struct GpuStep {
    _gpu: Rc<GpuContext>,
}

impl GpuStep {
    pub async fn new(_gpu: Rc<GpuContext>, _trainer: &Trainer) -> Result<Self, LabError> {
        Err(LabError::gpu("the pinn lab has no GPU path yet"))
    }

    pub async fn step(&mut self, _trainer: &mut Trainer) -> Result<LossTerms, LabError> {
        Err(LabError::gpu("the pinn lab has no GPU path yet"))
    }
}
