//! One training step whose forward and backward passes run in WGSL (`gpu::mlp_train`): the FDE
//! loss as rows r = α f + β ∂_v f − γ. The batch is drawn exactly as on the CPU; Adam, the guard
//! and the test errors stay on the CPU (f64).
//!
//! Rows: with `exact_bc` one per sample, (α, β, γ) = (1, t̂, −∂_v J_0) for N of J = J_0 + t̂ N;
//! otherwise a residual row (0, 1, 0) and an initial row at t̂ = 0 with v = 0, (1, 0, J_0).

use std::rc::Rc;

use super::loss::{LossTerms, sample_fde};
use super::problem::Problem;
use super::train::Trainer;
use crate::gpu::GpuContext;
use crate::gpu::mlp_train::{MAX_ROWS, MlpTrain, Rows, unsupported};
use crate::lab::LabError;

pub struct GpuStep {
    gpu: Rc<GpuContext>,
    kernel: MlpTrain,
    rows: Rows,
}

/// Why `trainer` cannot step on the GPU, if it cannot.
pub fn gpu_unsupported(trainer: &Trainer) -> Option<String> {
    if matches!(trainer.problem, Problem::Burgers) {
        return Some(
            "the GPU path covers the FDEs; Burgers (second derivatives) runs on the CPU".into(),
        );
    }
    let rows = trainer.config.batch * if trainer.config.exact_bc { 1 } else { 2 };
    if rows > MAX_ROWS {
        return Some(format!(
            "the GPU path takes at most {MAX_ROWS} rows per step"
        ));
    }
    unsupported(trainer.net())
}

impl GpuStep {
    pub async fn new(gpu: Rc<GpuContext>, trainer: &Trainer) -> Result<Self, LabError> {
        if let Some(why) = gpu_unsupported(trainer) {
            return Err(LabError::gpu(why));
        }
        let kernel = MlpTrain::new(&gpu).await?;
        Ok(GpuStep {
            gpu,
            kernel,
            rows: Rows::default(),
        })
    }

    /// One optimizer step. A GPU failure leaves the trainer as it was (the runner then repeats
    /// the step on the CPU); a blow-up is handled by the trainer's guard as on the CPU.
    pub async fn step(&mut self, trainer: &mut Trainer) -> Result<LossTerms, LabError> {
        trainer.check_params()?;
        let Problem::Fde(f) = &trainer.problem else {
            return Err(LabError::gpu("no GPU path for this problem"));
        };
        let f = f.clone();
        let (batch, exact_bc) = (trainer.config.batch, trainer.config.exact_bc);
        let rng_before = trainer.rng.clone();
        sample_fde(&f, &mut trainer.ws, &mut trainer.rng, batch);
        let d = f.d_in();
        let shared = f.shared_direction();
        let w = 1.0 / batch as f64;
        self.rows.clear(d);
        let zero = vec![0.0; d];
        for b in 0..batch {
            let s = &trainer.ws.x[b * d..(b + 1) * d];
            let v = if shared {
                &trainer.ws.dirs[..d]
            } else {
                &trainer.ws.dirs[b * d..(b + 1) * d]
            };
            if exact_bc {
                let (_, dj0) = f.initial(s);
                self.rows.push(s, v, [1.0, s[0], -dj0, w]);
            } else {
                self.rows.push(s, v, [0.0, 1.0, 0.0, w]);
            }
        }
        if !exact_bc {
            let mut s0 = vec![0.0; d];
            for b in 0..batch {
                s0.copy_from_slice(&trainer.ws.x[b * d..(b + 1) * d]);
                s0[0] = 0.0;
                let j0 = f.initial(&s0).0;
                self.rows.push(&s0, &zero, [1.0, 0.0, j0, w]);
            }
        }
        let (grad, resid) = match self.kernel.run(&self.gpu, trainer.net(), &self.rows).await {
            Ok(out) => out,
            Err(e) => {
                trainer.rng = rng_before;
                return Err(e.into());
            }
        };
        for (g, v) in trainer.grad.iter_mut().zip(&grad) {
            *g = *v as f64;
        }
        let mut terms = LossTerms::default();
        for (i, r) in resid.iter().enumerate() {
            let r = *r as f64;
            if i < batch {
                terms.residual += w * r * r;
            } else {
                terms.initial += w * r * r;
            }
        }
        terms.total = terms.residual + terms.initial;
        trainer.apply(terms)
    }
}
