//! One particle run: positions, the algorithm's state (optimizer, random stream, bandwidth) and
//! its metric history; one step of any algorithm on the CPU, committed only when every value
//! is finite.

use super::algorithm::{Algorithm, Field, Scores, non_finite, rejected, scores};
use super::mfld::Interaction;
use super::optimizer::Optimizer;
use super::{kde_wgd, mala, mfld, sge_wgd, ssge_wgd, svgd, ula};
use crate::lab::{Curve, LabError};
use crate::measure::Target;
use crate::measure::kernel::{MEDIAN_EVERY, median_heuristic};
use crate::rng::Rng;

/// The settings every run of a lab shares.
pub struct Settings {
    pub step: f64,
    /// τ: the Langevin noise scale of ULA and MALA.
    pub noise: f64,
    /// σ: mean-field Langevin's temperature.
    pub sigma: f64,
    /// Fixed RBF bandwidth, or None for the median heuristic (refreshed every MEDIAN_EVERY steps).
    pub bandwidth: Option<f64>,
}

/// Metric histories, one point per metric evaluation.
#[derive(Clone, Default)]
pub struct Curves {
    pub mmd: Curve,
    pub ksd: Curve,
    pub mean_error: Curve,
    pub cov_error: Curve,
    pub free_energy: Curve,
}

#[derive(Clone)]
pub struct Run {
    pub algorithm: Algorithm,
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    /// The last step's velocity field: φ for flows, the drift for Langevin steps.
    pub velocity: Field,
    optimizer: Optimizer,
    rng: Rng,
    /// The kernel bandwidth in use (flows) and the step it was computed at.
    pub h: f64,
    h_step: Option<u64>,
    /// MALA: the fraction of proposals accepted in the last step.
    pub acceptance: f64,
    pub curves: Curves,
}

impl Run {
    /// Particles from N(0, I) drawn with `seed` (the same for both runs of a comparison).
    pub fn new(algorithm: Algorithm, n: usize, adam: bool, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let xs: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let ys: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        Run {
            algorithm,
            velocity: Field::zeros(n),
            optimizer: Optimizer::new(adam && algorithm.is_flow(), n),
            rng: rng.fork(),
            h: f64::NAN,
            h_step: None,
            acceptance: f64::NAN,
            curves: Curves::default(),
            xs,
            ys,
        }
    }

    pub fn n(&self) -> usize {
        self.xs.len()
    }

    /// The bandwidth for the step after `steps`: fixed, or the median heuristic, refreshed
    /// every MEDIAN_EVERY steps.
    pub fn refresh_bandwidth(&mut self, settings: &Settings, steps: u64) {
        if let Some(h) = settings.bandwidth {
            self.h = h;
        } else if self.h_step.is_none_or(|s| steps >= s + MEDIAN_EVERY) {
            self.h = median_heuristic(&self.xs, &self.ys);
            self.h_step = Some(steps);
        }
    }

    /// Moves the particles by a flow's direction φ (plain step or Adam). `step` is the number
    /// of the step being taken (1-based), for messages.
    pub fn apply_flow(
        &mut self,
        phi: Field,
        settings: &Settings,
        step: u64,
    ) -> Result<(), LabError> {
        let n = self.n();
        let bad = non_finite(&[&phi.x, &phi.y]);
        if !bad.is_empty() {
            return Err(rejected("non-finite velocity φ", &bad, n, step, ""));
        }
        let (dx, dy, optimizer) = self.optimizer.displacement(&phi.x, &phi.y, settings.step);
        let xs: Vec<f64> = self.xs.iter().zip(&dx).map(|(a, b)| a + b).collect();
        let ys: Vec<f64> = self.ys.iter().zip(&dy).map(|(a, b)| a + b).collect();
        let bad = non_finite(&[&xs, &ys]);
        if !bad.is_empty() {
            return Err(rejected(
                "non-finite position",
                &bad,
                n,
                step,
                " (try a smaller step)",
            ));
        }
        (self.xs, self.ys, self.optimizer, self.velocity) = (xs, ys, optimizer, phi);
        Ok(())
    }

    /// One step on the CPU. On Err the run is unchanged (the caller steps a clone).
    pub fn step_cpu(
        &mut self,
        target: &Target,
        settings: &Settings,
        interaction: Option<&Interaction>,
        steps: u64,
    ) -> Result<(), LabError> {
        let t = steps + 1;
        if self.algorithm.uses_bandwidth() {
            self.refresh_bandwidth(settings, steps);
        }
        let mut s = scores(target, &self.xs, &self.ys, t)?;
        let (xs, ys, h) = (&self.xs, &self.ys, self.h);
        match self.algorithm {
            Algorithm::Svgd => return self.apply_flow(svgd::direction(xs, ys, &s, h), settings, t),
            Algorithm::KdeWgd => {
                return self.apply_flow(kde_wgd::direction(xs, ys, &s, h), settings, t);
            }
            Algorithm::SgeWgd => {
                return self.apply_flow(sge_wgd::direction(xs, ys, &s, h), settings, t);
            }
            Algorithm::SsgeWgd => {
                return self.apply_flow(ssge_wgd::direction(xs, ys, &s, h), settings, t);
            }
            Algorithm::Ula => {
                self.velocity = ula::step(
                    &mut self.xs,
                    &mut self.ys,
                    &s,
                    settings.step,
                    settings.noise,
                    &mut self.rng,
                );
            }
            Algorithm::Mala => {
                let (drift, rate) = mala::step(
                    target,
                    &mut self.xs,
                    &mut self.ys,
                    &mut s,
                    settings.step,
                    settings.noise,
                    &mut self.rng,
                );
                self.velocity = drift;
                self.acceptance = rate;
            }
            Algorithm::Mfld => {
                let pull = match interaction {
                    Some(w) => w.drift(&self.xs, &self.ys, &mut self.rng, t)?,
                    None => Field::zeros(self.n()),
                };
                return self.finish_mfld(&s, &pull, settings, t);
            }
        }
        self.check_positions(t)
    }

    /// A mean-field Langevin step with the interaction drift `pull` (−mean ∇W, from the CPU or
    /// the GPU). On Err the run is unchanged (the caller steps a clone).
    pub fn step_mfld(
        &mut self,
        target: &Target,
        settings: &Settings,
        pull: &Field,
        steps: u64,
    ) -> Result<(), LabError> {
        let t = steps + 1;
        let s = scores(target, &self.xs, &self.ys, t)?;
        self.finish_mfld(&s, pull, settings, t)
    }

    fn finish_mfld(
        &mut self,
        s: &Scores,
        pull: &Field,
        settings: &Settings,
        t: u64,
    ) -> Result<(), LabError> {
        self.velocity = mfld::step(
            &mut self.xs,
            &mut self.ys,
            s,
            pull,
            settings.sigma,
            settings.step,
            &mut self.rng,
        );
        self.check_positions(t)
    }

    fn check_positions(&self, t: u64) -> Result<(), LabError> {
        let bad = non_finite(&[&self.xs, &self.ys]);
        if !bad.is_empty() {
            return Err(rejected(
                "non-finite position",
                &bad,
                self.n(),
                t,
                " (try a smaller step)",
            ));
        }
        Ok(())
    }

    /// Scores for a GPU flow step, after refreshing the bandwidth (the GPU computes φ from them).
    pub fn prepare_gpu(
        &mut self,
        target: &Target,
        settings: &Settings,
        steps: u64,
    ) -> Result<Scores, LabError> {
        self.refresh_bandwidth(settings, steps);
        scores(target, &self.xs, &self.ys, steps + 1)
    }
}
