//! The particle lab on the GPU: the SVGD direction (`gpu::SvgdDirection`), kde-WGD's kernel sums
//! (`gpu::RbfPairSum`), mean-field Langevin's exact pair forces (`gpu::PairForce`, generated from
//! the typed W) and the MMD's sums (`gpu::RbfCrossSum`) run as WGSL kernels; scores, bandwidths,
//! updates and every other algorithm stay on the CPU. A GPU failure restores the state from
//! before the call, so the runner can redo the steps on the CPU (lab/mod.rs). A pair force the
//! GPU could not evaluate (undefined or non-finite ∂W) is never used: that run's step is redone
//! on the CPU, which either succeeds in f64 or rejects the step naming the pair and operation.

use std::rc::Rc;

use super::algorithm::{Algorithm, Field, Scores};
use super::lab::ParticlesLab;
use super::metrics::{MMD_PARTICLES, subsample};
use super::mfld::Interaction;
use super::run::Run;
use super::{kde_wgd, svgd};
use crate::gpu::{GpuContext, GpuError, PairForce, RbfCrossSum, RbfPairSum, SvgdDirection};
use crate::lab::{ErrorKind, LabError};
use crate::measure::mmd::{MMD_BANDWIDTH, MmdSums};

pub struct LabGpu {
    ctx: Rc<GpuContext>,
    svgd: Option<SvgdDirection>,
    pairs: Option<RbfPairSum>,
    /// mfld with a non-constant W.
    forces: Option<PairForce>,
    cross: RbfCrossSum,
    /// mfld steps handed back to the CPU because a pair force could not be evaluated here
    /// (shown in the compute text, so the switch is never silent).
    pub(super) cpu_redos: u64,
}

fn interleaved(xs: &[f64], ys: &[f64]) -> Vec<f32> {
    xs.iter()
        .zip(ys)
        .flat_map(|(a, b)| [*a as f32, *b as f32])
        .collect()
}

impl LabGpu {
    pub async fn new(
        ctx: Rc<GpuContext>,
        algorithms: &[Algorithm],
        interaction: Option<&Interaction>,
    ) -> Result<Self, GpuError> {
        let svgd = if algorithms.contains(&Algorithm::Svgd) {
            Some(SvgdDirection::new(&ctx).await?)
        } else {
            None
        };
        let pairs = if algorithms.contains(&Algorithm::KdeWgd) {
            Some(RbfPairSum::new(&ctx).await?)
        } else {
            None
        };
        let forces = match interaction {
            Some(w) if algorithms.contains(&Algorithm::Mfld) && !w.is_constant() => {
                let (wx, wy) = w.gradient();
                Some(PairForce::new(&ctx, &wx, &wy).await?)
            }
            _ => None,
        };
        let cross = RbfCrossSum::new(&ctx).await?;
        Ok(LabGpu {
            ctx,
            svgd,
            pairs,
            forces,
            cross,
            cpu_redos: 0,
        })
    }

    /// mfld's interaction drift −(1/(N−1)) Σ_{j≠i} ∇W(x_i − x_j), exact at every N; None when W is
    /// constant or some pair force could not be evaluated on the GPU (the CPU step takes over).
    async fn interaction_drift(&mut self, run: &Run) -> Result<Option<Field>, GpuError> {
        let Some(kernel) = self.forces.as_mut() else {
            return Ok(None);
        };
        if run.n() < 2 {
            return Ok(None);
        }
        let f = kernel
            .run(&self.ctx, &interleaved(&run.xs, &run.ys))
            .await?;
        if !f.bad.is_empty() {
            self.cpu_redos += 1;
            return Ok(None);
        }
        Ok(Some(Field {
            x: f.fx.iter().map(|v| -(*v as f64)).collect(),
            y: f.fy.iter().map(|v| -(*v as f64)).collect(),
        }))
    }

    /// φ of a run whose algorithm has a GPU step.
    async fn direction(&mut self, run: &Run, s: &Scores) -> Result<Field, GpuError> {
        let points = interleaved(&run.xs, &run.ys);
        let h = run.h as f32;
        match run.algorithm {
            Algorithm::Svgd => {
                let kernel = self.svgd.as_mut().expect("built for SVGD");
                let raw = kernel
                    .run(&self.ctx, &points, &interleaved(&s.gx, &s.gy), h)
                    .await?;
                Ok(svgd::from_sums(&raw))
            }
            Algorithm::KdeWgd => {
                let kernel = self.pairs.as_mut().expect("built for kde-WGD");
                let r = kernel.run(&self.ctx, &points, 2, h).await?;
                let gx: Vec<f64> = r.grads.iter().step_by(2).map(|v| *v as f64).collect();
                let gy: Vec<f64> = r
                    .grads
                    .iter()
                    .skip(1)
                    .step_by(2)
                    .map(|v| *v as f64)
                    .collect();
                Ok(kde_wgd::from_sums(s, &r.sums, &gx, &gy))
            }
            other => unreachable!("{} has no GPU step", other.label()),
        }
    }

    /// The MMD's particle sums for one run (the same subsample as on the CPU).
    async fn mmd_sums(&mut self, run: &Run, reference: &[f32]) -> Result<MmdSums, GpuError> {
        let (xs, ys) = subsample(run, MMD_PARTICLES);
        let a = interleaved(&xs, &ys);
        let h = MMD_BANDWIDTH as f32;
        let within = self.cross.run(&self.ctx, &a, &a, h).await?;
        let cross = self.cross.run(&self.ctx, &a, reference, h).await?;
        Ok(MmdSums {
            n: xs.len(),
            xx_offdiag: within.iter().map(|v| *v as f64 - 1.0).sum(),
            xy: cross.iter().map(|v| *v as f64).sum(),
        })
    }
}

impl ParticlesLab {
    /// n steps with the GPU kernels; on a GPU error the lab is exactly as before the call.
    pub(super) async fn step_on_gpu(&mut self, n: u32) -> Result<(), LabError> {
        let saved = (
            self.runs.clone(),
            self.last.clone(),
            self.steps,
            self.metrics_step,
        );
        let result = self.steps_on_gpu(n).await;
        if let Err(e) = &result
            && e.kind == ErrorKind::Gpu
        {
            (self.runs, self.last, self.steps, self.metrics_step) = saved;
        }
        result
    }

    async fn steps_on_gpu(&mut self, n: u32) -> Result<(), LabError> {
        let reference = interleaved(&self.mmd.xs, &self.mmd.ys);
        for _ in 0..n {
            let Some(gpu) = self.gpu.as_mut() else {
                return Err(LabError::gpu("no GPU attached"));
            };
            let mut next = self.runs.clone();
            for run in &mut next {
                if run.algorithm == Algorithm::Mfld {
                    match gpu.interaction_drift(run).await? {
                        Some(pull) => {
                            run.step_mfld(&self.target, &self.settings, &pull, self.steps)?
                        }
                        None => run.step_cpu(
                            &self.target,
                            &self.settings,
                            self.interaction.as_ref(),
                            self.steps,
                        )?,
                    }
                } else if run.algorithm.has_gpu_step() {
                    let s = run.prepare_gpu(&self.target, &self.settings, self.steps)?;
                    let phi = gpu.direction(run, &s).await?;
                    run.apply_flow(phi, &self.settings, self.steps + 1)?;
                } else {
                    run.step_cpu(
                        &self.target,
                        &self.settings,
                        self.interaction.as_ref(),
                        self.steps,
                    )?;
                }
            }
            self.runs = next;
            self.steps += 1;
            if self.steps.is_multiple_of(self.every) {
                let mut sums = Vec::with_capacity(self.runs.len());
                for run in &self.runs {
                    sums.push(gpu.mmd_sums(run, &reference).await?);
                }
                self.record_metrics(Some(sums));
            }
        }
        Ok(())
    }
}
