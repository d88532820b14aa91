//! The particle lab's metrics, evaluated every k steps so they never dominate the run:
//! MMD (RBF h = 0.5; √MMD²_b and MMD²_u) against the target's 1000 reference samples, KSD, mean and covariance
//! errors, and the free energy. The O(N²) ones use an evenly strided subsample of the particles
//! (at most `MMD_PARTICLES`, `KSD_PARTICLES`), the same on the CPU and GPU paths.

use super::algorithm::Algorithm;
use super::mfld::Interaction;
use super::pair_kernel::Points;
use super::run::Run;
use crate::measure::entropy::neg_entropy;
use crate::measure::kernel::strided;
use crate::measure::ksd::ksd;
use crate::measure::mmd::{MmdReference, MmdSums};
use crate::measure::{Moments, REFERENCE_SIZE, Target, moment_errors};

pub const MMD_PARTICLES: usize = 2048;
pub const KSD_PARTICLES: usize = 1024;
/// Metric points kept per curve (older ones thinned).
pub const CURVE_POINTS: usize = 1500;

/// Which F(μ) the lab plots.
#[derive(Clone, Copy, Debug)]
pub enum FreeEnergy {
    /// ∫(−log p) dμ + ∫μ log μ = KL(μ‖p) − log Z (Z = 1 for the analytic targets).
    Kl,
    /// Mean-field Langevin's F(μ) = ∫V dμ + ½∬W dμdμ + σ∫μ log μ; the target holds −V/σ.
    MeanField { sigma: f64 },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MetricValues {
    /// √MMD²_b: the biased (V-statistic) estimate is ≥ 0, so it plots on a log scale; its floor
    /// for exact samples is √(c(1/n + 1/1000)), c = E k(x,x) − E k(x,y).
    pub mmd: f64,
    /// MMD²_u: unbiased, ~0 (either sign) once the particles are as good as exact samples.
    pub mmd2_unbiased: f64,
    pub ksd: f64,
    pub mean_error: f64,
    pub cov_error: f64,
    pub free_energy: f64,
}

impl Default for MetricValues {
    fn default() -> Self {
        let nan = f64::NAN;
        MetricValues {
            mmd: nan,
            mmd2_unbiased: nan,
            ksd: nan,
            mean_error: nan,
            cov_error: nan,
            free_energy: nan,
        }
    }
}

/// The strided subsample of a run's particles.
pub fn subsample(run: &Run, m: usize) -> (Vec<f64>, Vec<f64>) {
    strided(run.n(), m).map(|i| (run.xs[i], run.ys[i])).unzip()
}

/// The particles the MMD is measured on (its sums come from the CPU or the GPU).
pub fn mmd_points(run: &Run) -> Points {
    let (xs, ys) = subsample(run, MMD_PARTICLES);
    Points::new(&xs, &ys)
}

/// Every metric of one run at its current positions. `mmd_sums` comes from the GPU when one
/// is attached, else it is computed here. Metrics never fail: what cannot be computed is NaN.
#[allow(clippy::too_many_arguments)]
pub fn evaluate(
    run: &Run,
    target: &Target,
    moments: &Moments,
    mmd: &MmdReference,
    mmd_sums: Option<MmdSums>,
    functional: FreeEnergy,
    interaction: Option<&Interaction>,
    step: u64,
) -> MetricValues {
    let sums = mmd_sums.unwrap_or_else(|| mmd.sums_cpu(&mmd_points(run)));
    let (mean_error, cov_error) = moment_errors(&run.xs, &run.ys, moments);
    // Scores and log p on the KSD subsample (which is a prefix-free stride of the MMD one).
    let (xs, ys) = subsample(run, KSD_PARTICLES);
    let m = xs.len();
    let (mut lp, mut gx, mut gy) = (vec![0.0; m], vec![0.0; m], vec![0.0; m]);
    let ok = target.eval(&xs, &ys, &mut lp, &mut gx, &mut gy).is_ok()
        && lp.iter().chain(&gx).chain(&gy).all(|v| v.is_finite());
    let (ksd_value, mean_logp) = if ok {
        (ksd(&xs, &ys, &gx, &gy), lp.iter().sum::<f64>() / m as f64)
    } else {
        (f64::NAN, f64::NAN)
    };
    let free_energy = if m < 2 {
        f64::NAN
    } else {
        let h = neg_entropy(&xs, &ys);
        match functional {
            FreeEnergy::Kl => -mean_logp + h,
            FreeEnergy::MeanField { sigma } => {
                // A W that fails on these pairs failed the step's drift too; NaN here.
                let w = match interaction {
                    Some(w) => w.half_energy(&run.xs, &run.ys, step).unwrap_or(f64::NAN),
                    None => 0.0,
                };
                -sigma * mean_logp + w + sigma * h
            }
        }
    };
    MetricValues {
        mmd: mmd.biased(&sums).max(0.0).sqrt(),
        mmd2_unbiased: mmd.unbiased(&sums),
        ksd: ksd_value,
        mean_error,
        cov_error,
        free_energy,
    }
}

/// Cost of one step of `algorithm` at n particles, in pair-kernel evaluations (rough, measured
/// orders of magnitude: a score or a Langevin move ≈ 30 pairs, an f64 exp ≈ 3).
fn step_cost(algorithm: Algorithm, n: usize) -> f64 {
    let n = n as f64;
    match algorithm {
        Algorithm::Svgd | Algorithm::KdeWgd => n * n / 2.0 + 30.0 * n,
        Algorithm::SgeWgd => 3.0 * n * n + n * n * n / 6.0,
        Algorithm::SsgeWgd => {
            3.0 * 256f64.min(n).powi(2) + 256f64.min(n).powi(3) / 4.0 + 256f64.min(n) * n
        }
        Algorithm::Ula => 30.0 * n,
        Algorithm::Mala => 60.0 * n,
        Algorithm::Mfld => 30.0 * n + 4.0 * if n <= 512.0 { n * n } else { 64.0 * n },
    }
}

/// Steps between metric evaluations so that they cost at most ~25% of the run: metrics cost
/// O(min(n, 2048)²) per run, a Langevin step only O(n).
pub fn auto_interval(n: usize, algorithms: &[Algorithm]) -> u64 {
    let nm = n.min(MMD_PARTICLES) as f64;
    let nk = n.min(KSD_PARTICLES) as f64;
    let metric = nm * nm / 2.0
        + REFERENCE_SIZE as f64 * nm
        + 1.5 * nk * nk
        + nk * nk / 2.0
        + 30.0 * n as f64;
    let metric = metric * algorithms.len() as f64;
    let step: f64 = algorithms.iter().map(|a| step_cost(*a, n)).sum();
    ((4.0 * metric / step).ceil() as u64).clamp(1, 1000)
}
