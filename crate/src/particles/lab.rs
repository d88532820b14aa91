//! The `particles` lab: SVGD, Wasserstein gradient flows (kde/sge/ssge-WGD), ULA, MALA and
//! mean-field Langevin on 2D targets, optionally two algorithms side by side on the same target,
//! particles and seed.
//!
//! Snapshot contract (mirrored as `ParticlesSnapshot` in www/src/core/api.ts):
//! - `arrays.points` f32 [n, 2] (and `points_b` for the comparison run); `arrays.velocity`
//!   (`velocity_b`) f32 [n, 2]: the last step's φ for flows, the drift ∇log p (ULA, MALA) or
//!   −∇V − interaction (mfld).
//! - `arrays.density` f32 [128, 128]: exp(log p − max) of the target at cell centres, row-major,
//!   row 0 at y0 (bottom), over the frame `values.x0, x1, y0, y1` (also `values.extent`, the
//!   largest |coordinate| of the frame).
//! - `arrays.marginal_x`, `marginal_y` (`_b`) f32 [64]: histograms of the particles over the
//!   frame as densities; `arrays.target_marginal_x`, `target_marginal_y` f32 [64]: the target's.
//! - `curves.mmd`, `ksd`, `mean_error`, `cov_error`, `free_energy` (and `_b` twins), x = step,
//!   one point per metric evaluation (every `values.metrics_every` steps).
//! - `values`: x0, x1, y0, y1, extent, n, step_size, bandwidth (bandwidth_b; NaN for Langevin),
//!   metrics_every, reference_exact (1: exact samples, 0: long-run MALA), acceptance (MALA).
//! - `texts`: algorithm, algorithm_b, target (its name), target_id (`gaussian`, `banana`, `donut`,
//!   `funnel`, `mixture`, `typed`, or `gibbs` for mfld's exp(−V/σ)), target_formula and
//!   target_latex (typed and gibbs: the log-density as the core printed it, as text and LaTeX),
//!   target_definition (any target: its definition as display LaTeX),
//!   free_energy (which F is plotted), reference, compute (which kernels ran where).

use std::rc::Rc;

use super::algorithm::Algorithm;
use super::lab_gpu::LabGpu;
use super::metrics::{self, CURVE_POINTS, FreeEnergy, MetricValues};
use super::mfld::{self, Interaction};
use super::params::PARAMS;
use super::run::{Run, Settings};
use super::sge_wgd;
use super::simd::simd_path;
use super::view::{BINS, GRID, density_grid, grid_marginals, histogram};
use crate::gpu::GpuContext;
use crate::lab::{Lab, LabError, LabInfo, LocalFuture, Metrics, Params, Snapshot};
use crate::measure::mmd::MmdReference;
use crate::measure::typed::TypedDensity;
use crate::measure::{Extent, Reference, Target, moment_errors, reference};

pub static INFO: LabInfo = LabInfo {
    id: "particles",
    title: "Particle samplers",
    summary: "SVGD, Wasserstein gradient flows, Langevin and mean-field Langevin on 2D targets, up to 65 536 particles on WebGPU or SIMD CPU, measured by MMD, KSD and moment errors.",
    params: PARAMS,
    create: |params, seed| Ok(Box::new(ParticlesLab::new(params, seed)?)),
};

pub struct ParticlesLab {
    pub(super) target: Target,
    target_label: String,
    target_id: &'static str,
    pub(super) reference: Rc<Reference>,
    pub(super) mmd: MmdReference,
    pub(super) settings: Settings,
    pub(super) functional: FreeEnergy,
    pub(super) interaction: Option<Interaction>,
    pub(super) runs: Vec<Run>,
    /// The last metric values of each run and the step they were taken at.
    pub(super) last: Vec<MetricValues>,
    pub(super) metrics_step: u64,
    pub(super) every: u64,
    pub(super) steps: u64,
    density: Vec<f32>,
    extent: Extent,
    notices: Vec<String>,
    pub(super) gpu: Option<LabGpu>,
    device_choice: String,
}

/// The target and its name for people.
fn target_from(params: &Params, mfld: Option<f64>) -> Result<(Target, String), LabError> {
    if let Some(sigma) = mfld {
        let g = TypedDensity::gibbs("potential", params.text("potential"), sigma)?;
        return Ok((Target::Typed(Rc::new(g)), "Gibbs measure exp(−V/σ)".into()));
    }
    Ok(match params.text("target") {
        "gaussian" => (Target::Gaussian, "SVGD reference Gaussian".into()),
        "banana" => (Target::Banana, "Banana".into()),
        "donut" => (Target::Donut, "Donut".into()),
        "funnel" => (Target::Funnel, "Neal's funnel".into()),
        "mixture" => {
            let k = params.int("mixture_k") as usize;
            (Target::Mixture(k), format!("Mixture of {k} Gaussians"))
        }
        _ => {
            let t = TypedDensity::parse("logdensity", params.text("logdensity"))?;
            (Target::Typed(Rc::new(t)), "Typed log-density".into())
        }
    })
}

impl ParticlesLab {
    pub fn new(params: &Params, seed: u64) -> Result<Self, LabError> {
        let first = Algorithm::parse(params.text("algorithm")).expect("schema choice");
        let second = Algorithm::parse(params.text("compare"));
        let algorithms: Vec<Algorithm> = std::iter::once(first).chain(second).collect();
        let has = |a: Algorithm| algorithms.contains(&a);
        let mut notices = Vec::new();
        let mut n = params.int("n") as usize;
        if has(Algorithm::SgeWgd) && n > sge_wgd::MAX_N {
            notices.push(format!(
                "sge-WGD solves an N × N system every step: N = {n} was reduced to {}",
                sge_wgd::MAX_N
            ));
            n = sge_wgd::MAX_N;
        }
        let sigma = params.number("sigma");
        let mfld = has(Algorithm::Mfld);
        if mfld && params.text("target") != "gaussian" {
            notices.push("mean-field Langevin samples the Gibbs measure exp(−V/σ) of the potential V; the target setting is not used".into());
        }
        let adam = params.text("optimizer") == "adam";
        if adam && algorithms.iter().any(|a| !a.is_flow()) {
            notices.push("Adam applies to the flows only; ULA, MALA and mean-field Langevin take plain steps".into());
        }
        let (target, target_label) = target_from(params, mfld.then_some(sigma))?;
        let target_id = if mfld { "gibbs" } else { target.id() };
        let interaction = if mfld {
            Some(Interaction::parse(params.text("interaction"))?)
        } else {
            None
        };
        let reference = reference(&target)?;
        let bandwidth = params.number("bandwidth");
        let settings = Settings {
            step: params.number("step"),
            noise: params.number("noise"),
            sigma,
            bandwidth: (bandwidth > 0.0).then_some(bandwidth),
        };
        let every = match params.int("metrics_every") {
            0 => metrics::auto_interval(n, &algorithms),
            k => k as u64,
        };
        let runs: Vec<Run> = algorithms
            .iter()
            .map(|a| Run::new(*a, n, adam, seed))
            .collect();
        let extent = reference.extent;
        let mut lab = ParticlesLab {
            functional: if mfld {
                FreeEnergy::MeanField { sigma }
            } else {
                FreeEnergy::Kl
            },
            mmd: MmdReference::new(&reference.xs, &reference.ys),
            density: density_grid(&target, &extent),
            last: vec![MetricValues::default(); runs.len()],
            target,
            target_label,
            target_id,
            reference,
            settings,
            interaction,
            runs,
            metrics_step: 0,
            every,
            steps: 0,
            extent,
            notices,
            gpu: None,
            device_choice: params.text("device").to_string(),
        };
        lab.record_metrics(None);
        Ok(lab)
    }

    /// Evaluates every run's metrics (MMD sums from the GPU when given) and extends the curves.
    pub(super) fn record_metrics(&mut self, gpu_sums: Option<Vec<crate::measure::mmd::MmdSums>>) {
        let moments = self.reference.moments;
        for (k, run) in self.runs.iter_mut().enumerate() {
            let sums = gpu_sums.as_ref().map(|s| s[k]);
            let v = metrics::evaluate(
                run,
                &self.target,
                &moments,
                &self.mmd,
                sums,
                self.functional,
                self.interaction.as_ref(),
                self.steps,
            );
            let x = self.steps as f64;
            let c = &mut run.curves;
            for (curve, y) in [
                (&mut c.mmd, v.mmd),
                (&mut c.ksd, v.ksd),
                (&mut c.mean_error, v.mean_error),
                (&mut c.cov_error, v.cov_error),
                (&mut c.free_energy, v.free_energy),
            ] {
                curve.push_bounded(x, y, CURVE_POINTS);
            }
            self.last[k] = v;
        }
        self.metrics_step = self.steps;
    }

    pub(super) fn metrics_due(&self) -> bool {
        self.steps.is_multiple_of(self.every)
    }

    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    fn compute_text(&self) -> String {
        let on_gpu = self.gpu.is_some();
        self.runs
            .iter()
            .map(|r| {
                let place = if r.algorithm == Algorithm::Mfld {
                    if let Some(gpu) = &self.gpu {
                        let mut t = "WebGPU/WGSL pair-force kernel generated from ∇W, exact over all pairs at every N".to_string();
                        if gpu.cpu_redos > 0 {
                            t += &format!(
                                " ({} step{} redone on the CPU in f64: a pair force the GPU could not evaluate)",
                                gpu.cpu_redos,
                                if gpu.cpu_redos == 1 { "" } else { "s" }
                            );
                        }
                        t
                    } else {
                        format!(
                            "CPU, exact pair sums up to {} particles, random batches of {} above",
                            mfld::EXACT_MAX,
                            mfld::BATCH
                        )
                    }
                } else if on_gpu && r.algorithm.has_gpu_step() {
                    "WebGPU/WGSL kernel".to_string()
                } else if r.algorithm.is_flow() {
                    format!("CPU, {} pair kernel", simd_path())
                } else {
                    "CPU".to_string()
                };
                format!("{}: {place}", r.algorithm.label())
            })
            .chain(std::iter::once(format!(
                "metrics: MMD on the {} every {}",
                if on_gpu { "GPU" } else { "CPU" },
                if self.every == 1 {
                    "step".to_string()
                } else {
                    format!("{} steps", self.every)
                }
            )))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn interleaved(xs: &[f64], ys: &[f64]) -> Vec<f32> {
    xs.iter()
        .zip(ys)
        .flat_map(|(a, b)| [*a as f32, *b as f32])
        .collect()
}

impl Lab for ParticlesLab {
    fn step(&mut self, n: u32) -> Result<(), LabError> {
        for _ in 0..n {
            // Both runs advance together or not at all.
            let mut next = self.runs.clone();
            for run in &mut next {
                run.step_cpu(
                    &self.target,
                    &self.settings,
                    self.interaction.as_ref(),
                    self.steps,
                )?;
            }
            self.runs = next;
            self.steps += 1;
            if self.metrics_due() {
                self.record_metrics(None);
            }
        }
        Ok(())
    }

    fn metrics(&self) -> Metrics {
        let mut m = Metrics::default()
            .with("time", self.steps as f64 * self.settings.step)
            .with("metrics_step", self.metrics_step as f64);
        for (k, run) in self.runs.iter().enumerate() {
            let sfx = if k == 0 { "" } else { "_b" };
            let (mean_error, cov_error) = moment_errors(&run.xs, &run.ys, &self.reference.moments);
            let v = &self.last[k];
            m = m
                .with(&format!("mmd{sfx}"), v.mmd)
                .with(&format!("mmd2_unbiased{sfx}"), v.mmd2_unbiased)
                .with(&format!("ksd{sfx}"), v.ksd)
                .with(&format!("mean_error{sfx}"), mean_error)
                .with(&format!("cov_error{sfx}"), cov_error)
                .with(&format!("free_energy{sfx}"), v.free_energy)
                .with(&format!("bandwidth{sfx}"), run.h);
            if run.algorithm == Algorithm::Mala {
                m = m.with(&format!("acceptance{sfx}"), run.acceptance);
            }
        }
        m
    }

    fn snapshot(&self) -> Snapshot {
        let [x0, x1, y0, y1] = self.extent;
        let (tx, ty) = grid_marginals(&self.density, &self.extent);
        let mut s = Snapshot::new(self.steps, self.steps as f64 * self.settings.step)
            .array_f32("density", self.density.clone(), &[GRID, GRID])
            .array_f32("target_marginal_x", tx, &[BINS])
            .array_f32("target_marginal_y", ty, &[BINS])
            .value("x0", x0)
            .value("x1", x1)
            .value("y0", y0)
            .value("y1", y1)
            .value("extent", x0.abs().max(x1.abs()).max(y0.abs()).max(y1.abs()))
            .value("n", self.runs[0].n() as f64)
            .value("step_size", self.settings.step)
            .value("metrics_every", self.every as f64)
            .value(
                "reference_exact",
                if self.reference.exact { 1.0 } else { 0.0 },
            )
            .text("target", self.target_label.clone())
            .text("target_id", self.target_id)
            .text(
                "reference",
                if self.reference.exact {
                    "1000 exact samples of the target"
                } else {
                    "1000 long-run MALA chains (computed once, cached)"
                },
            )
            .text(
                "free_energy",
                match self.functional {
                    FreeEnergy::Kl if self.target.normalized() => "KL(μ‖p) = ∫μ log(μ/p)",
                    FreeEnergy::Kl => "KL(μ‖p) − log Z = ∫μ log μ − ∫μ log p (p unnormalized)",
                    FreeEnergy::MeanField { .. } => "F(μ) = ∫V dμ + ½∬W dμdμ + σ∫μ log μ",
                },
            )
            .text("compute", self.compute_text());
        if let Target::Typed(t) = &self.target {
            s = s
                .text("target_formula", t.expr.to_text())
                .text("target_latex", t.expr.to_latex());
        }
        let definition = match &self.target {
            Target::Typed(t) if self.target_id == "gibbs" => format!(
                r"\log p(x, y) = -\frac{{V(x, y)}}{{\sigma}} = {} + \text{{const}}",
                t.expr.to_latex()
            ),
            t => t.definition_latex(),
        };
        s = s.text("target_definition", definition);
        for (k, run) in self.runs.iter().enumerate() {
            let sfx = if k == 0 { "" } else { "_b" };
            let n = run.n();
            let c = &run.curves;
            s = s
                .array_f32(
                    &format!("points{sfx}"),
                    interleaved(&run.xs, &run.ys),
                    &[n, 2],
                )
                .array_f32(
                    &format!("velocity{sfx}"),
                    interleaved(&run.velocity.x, &run.velocity.y),
                    &[n, 2],
                )
                .array_f32(
                    &format!("marginal_x{sfx}"),
                    histogram(&run.xs, x0, x1),
                    &[BINS],
                )
                .array_f32(
                    &format!("marginal_y{sfx}"),
                    histogram(&run.ys, y0, y1),
                    &[BINS],
                )
                .curve(&format!("mmd{sfx}"), c.mmd.clone())
                .curve(&format!("ksd{sfx}"), c.ksd.clone())
                .curve(&format!("mean_error{sfx}"), c.mean_error.clone())
                .curve(&format!("cov_error{sfx}"), c.cov_error.clone())
                .curve(&format!("free_energy{sfx}"), c.free_energy.clone())
                .value(&format!("bandwidth{sfx}"), run.h)
                .text(&format!("algorithm{sfx}"), run.algorithm.label());
            if run.algorithm == Algorithm::Mala {
                s = s.value(&format!("acceptance{sfx}"), run.acceptance);
            }
        }
        s
    }

    fn notices(&self) -> Vec<String> {
        self.notices.clone()
    }

    fn attach_gpu(&mut self, gpu: Rc<GpuContext>) -> LocalFuture<'_, Result<bool, LabError>> {
        Box::pin(async move {
            if self.device_choice == "cpu" {
                return Err(LabError::gpu("CPU chosen in the device setting"));
            }
            let algorithms: Vec<Algorithm> = self.runs.iter().map(|r| r.algorithm).collect();
            if !algorithms.iter().any(|a| a.has_gpu_step()) {
                let names: Vec<&str> = algorithms.iter().map(|a| a.label()).collect();
                return Err(LabError::gpu(format!(
                    "{} {} no O(N²) GPU kernel; running on the CPU",
                    names.join(" and "),
                    if names.len() > 1 { "have" } else { "has" }
                )));
            }
            self.gpu = Some(LabGpu::new(gpu, &algorithms, self.interaction.as_ref()).await?);
            Ok(true)
        })
    }

    fn detach_gpu(&mut self) {
        self.gpu = None;
    }

    fn step_gpu(&mut self, n: u32) -> LocalFuture<'_, Result<(), LabError>> {
        Box::pin(self.step_on_gpu(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::{RawValue, resolve};

    fn lab(pairs: &[(&str, RawValue)]) -> Result<ParticlesLab, LabError> {
        let raw: Vec<(String, RawValue)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        let (params, _) = resolve(PARAMS, &raw)?;
        ParticlesLab::new(&params, 3)
    }

    #[test]
    fn a_parse_error_names_the_parameter_and_the_span() {
        let err = lab(&[
            ("target", RawValue::Text("typed".into())),
            ("logdensity", RawValue::Text("-x^2 - (y".into())),
        ])
        .err()
        .unwrap();
        assert_eq!(err.param.as_deref(), Some("logdensity"));
        assert!(err.span.is_some(), "{err:?}");
    }

    #[test]
    fn sge_wgd_caps_n_with_a_notice() {
        let l = lab(&[
            ("algorithm", RawValue::Text("sge-wgd".into())),
            ("n", RawValue::Number(4096.0)),
        ])
        .unwrap();
        assert_eq!(l.runs()[0].n(), sge_wgd::MAX_N);
        assert!(l.notices().iter().any(|n| n.contains("reduced to 1024")));
    }
}
