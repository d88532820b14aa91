//! "Repulsive particles": the Wasserstein gradient flow of an interaction energy, simulated with
//! N particles. F(μ) = ∫ |x|²/2 dμ + (c/2) ∬ k(x, y) dμ(x) dμ(y) with the RBF kernel
//! k(x, y) = exp(−‖x − y‖²/(2h)); for μ = (1/N) Σ δ_{x_i} each particle moves with
//! dx_i/dt = −x_i + (c/N) Σ_j (x_i − x_j) k_ij / h, explicit Euler in time.
//!
//! For small h the kernel acts like (2πh)·δ, F ≈ ∫V dμ + πch ∫ρ², whose minimizer is the inverted
//! parabola ρ ∝ R² − |x|² on the disk of radius R = (8ch)^{1/4}, with mean radius 8R/15: a
//! prediction the view shows and the tests check.

use std::rc::Rc;

use crate::gpu::GpuContext;
use crate::gpu::rbf_pair_sum::{RbfPairSum, RbfSums};
use crate::lab::{
    Curve, DefaultValue, Lab, LabError, LabInfo, LocalFuture, Metrics, ParamKind, ParamSpec,
    Params, Snapshot,
};
use crate::rng::Rng;

pub const MAX_PARTICLES: i64 = 65_536;

const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "n",
        label: "Particles N",
        kind: ParamKind::Int {
            min: 16,
            max: MAX_PARTICLES,
            step: 16,
        },
        default: DefaultValue::Int(2048),
        help: "Number of particles (16 to 65 536). Each step costs O(N²) kernel evaluations.",
    },
    ParamSpec {
        name: "bandwidth",
        label: "Bandwidth h",
        kind: ParamKind::Number {
            min: 1e-3,
            max: 10.0,
            step: 1e-3,
            log: true,
        },
        default: DefaultValue::Number(0.02),
        help: "RBF kernel bandwidth h in k(x,y) = exp(−|x−y|²/(2h)) (squared length units).",
    },
    ParamSpec {
        name: "strength",
        label: "Repulsion c",
        kind: ParamKind::Number {
            min: 0.0,
            max: 100.0,
            step: 0.01,
            log: false,
        },
        default: DefaultValue::Number(1.0),
        help: "Interaction strength c; 0 leaves only the quadratic well, so particles contract like e^(−t).",
    },
    ParamSpec {
        name: "dt",
        label: "Time step",
        kind: ParamKind::Number {
            min: 1e-4,
            max: 1.0,
            step: 1e-4,
            log: true,
        },
        default: DefaultValue::Number(0.05),
        help: "Explicit Euler step in time units. Too large a step makes the flow overshoot and blow up.",
    },
    ParamSpec {
        name: "init",
        label: "Start from",
        kind: ParamKind::Choice {
            choices: &["gaussian", "square", "ring"],
            labels: &[
                "Gaussian blob (σ = 0.5)",
                "Uniform square [−1, 1]²",
                "Ring of radius 1",
            ],
        },
        default: DefaultValue::Text("gaussian"),
        help: "Initial positions, drawn with the seed.",
    },
    ParamSpec::device(
        "Where the O(N²) kernel sums run. Auto uses WebGPU when an adapter exists and the CPU otherwise.",
    ),
];

pub static INFO: LabInfo = LabInfo {
    id: "repulsion",
    title: "Repulsive particles",
    summary: "Particles in a quadratic well pushed apart by an RBF kernel: the Wasserstein gradient flow of an interaction energy, O(N²) on the GPU.",
    params: PARAMS,
    create: |params, seed| Ok(Box::new(Repulsion::new(params, seed)?)),
};

/// Energy history is kept to this many points (older points thinned).
const CURVE_POINTS: usize = 2000;

pub struct Repulsion {
    n: usize,
    h: f64,
    c: f64,
    dt: f64,
    /// Positions, n × 2 row-major, f64 so long runs do not drift from rounding.
    x: Vec<f64>,
    steps: u64,
    energy: Curve,
    last_energy: f64,
    extent: f64,
    gpu: Option<(Rc<GpuContext>, RbfPairSum)>,
}

/// Mean-field prediction for small h: radius R = (8ch)^{1/4} of the support (see module docs).
pub fn predicted_radius(c: f64, h: f64) -> f64 {
    (8.0 * c * h).powf(0.25)
}

impl Repulsion {
    pub fn new(params: &Params, seed: u64) -> Result<Self, LabError> {
        let n = params.int("n") as usize;
        let (h, c, dt) = (
            params.number("bandwidth"),
            params.number("strength"),
            params.number("dt"),
        );
        let mut rng = Rng::new(seed);
        let mut x = Vec::with_capacity(2 * n);
        for _ in 0..n {
            let (a, b) = match params.text("init") {
                "square" => (rng.uniform_in(-1.0, 1.0), rng.uniform_in(-1.0, 1.0)),
                "ring" => {
                    let t = rng.uniform_in(0.0, std::f64::consts::TAU);
                    let r = 1.0 + 0.02 * rng.normal();
                    (r * t.cos(), r * t.sin())
                }
                _ => (0.5 * rng.normal(), 0.5 * rng.normal()),
            };
            x.extend([a, b]);
        }
        // A fixed frame for the whole run (a frame that follows the particles hides the motion):
        // room for the start (95% of the initial cloud) and for the predicted equilibrium disk.
        let start_radius = match params.text("init") {
            "square" => std::f64::consts::SQRT_2,
            "ring" => 1.05,
            _ => 0.5 * (2.0 * 20f64.ln()).sqrt(),
        };
        let extent = (1.2 * predicted_radius(c, h).max(start_radius) * 4.0).ceil() / 4.0;
        // The energy needs an O(N²) kernel sum; it is known from the first step on (NaN before), so
        // creating a large lab stays instant.
        Ok(Repulsion {
            n,
            h,
            c,
            dt,
            x,
            steps: 0,
            energy: Curve::default(),
            last_energy: f64::NAN,
            extent,
            gpu: None,
        })
    }

    pub fn positions(&self) -> &[f64] {
        &self.x
    }

    fn points_f32(&self) -> Vec<f32> {
        self.x.iter().map(|&v| v as f32).collect()
    }

    /// F at the current positions: mean of |x|²/2 plus (c/2N²) Σ_i Σ_j k_ij.
    fn energy_from(&self, sums: &RbfSums) -> f64 {
        let n = self.n as f64;
        let confinement: f64 = self.x.iter().map(|v| 0.5 * v * v).sum::<f64>() / n;
        let interaction: f64 =
            sums.sums.iter().map(|&s| s as f64).sum::<f64>() * self.c / (2.0 * n * n);
        confinement + interaction
    }

    /// One Euler step from kernel sums at the current positions. Rejects the step, leaving the
    /// state untouched, if any position would become non-finite.
    fn apply(&mut self, sums: &RbfSums) -> Result<(), LabError> {
        let energy = self.energy_from(sums);
        let scale = self.c / self.n as f64;
        let mut next = Vec::with_capacity(self.x.len());
        for (i, (xi, gi)) in self
            .x
            .chunks_exact(2)
            .zip(sums.grads.chunks_exact(2))
            .enumerate()
        {
            for k in 0..2 {
                let v = -xi[k] + scale * gi[k] as f64;
                let moved = xi[k] + self.dt * v;
                if !moved.is_finite() {
                    return Err(LabError::numeric(format!(
                        "particle {i} left the finite numbers at step {} (dt = {} is too large?); the step was rejected",
                        self.steps + 1,
                        self.dt
                    )));
                }
                next.push(moved);
            }
        }
        self.x = next;
        self.steps += 1;
        self.last_energy = energy;
        self.energy
            .push_bounded(self.steps as f64 - 1.0, energy, CURVE_POINTS);
        Ok(())
    }

    fn mean_radius(&self) -> f64 {
        self.x
            .chunks_exact(2)
            .map(|p| p[0].hypot(p[1]))
            .sum::<f64>()
            / self.n as f64
    }
}

impl Lab for Repulsion {
    fn step(&mut self, n: u32) -> Result<(), LabError> {
        for _ in 0..n {
            // The particle lab's SIMD pair kernel (each pair once, 8 lanes): the fastest CPU path.
            let sums = super::pair_kernel::rbf_sums_2d(&self.points_f32(), self.h);
            self.apply(&sums)?;
        }
        Ok(())
    }

    /// `energy` is F at the start of the last step (the kernel sums of a step give F for free).
    fn metrics(&self) -> Metrics {
        Metrics::default()
            .with("energy", self.last_energy)
            .with("mean_radius", self.mean_radius())
            .with("time", self.steps as f64 * self.dt)
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot::new(self.steps, self.steps as f64 * self.dt)
            .array_f32("points", self.points_f32(), &[self.n, 2])
            .curve("energy", self.energy.clone())
            .value("extent", self.extent)
            .value("predicted_radius", predicted_radius(self.c, self.h))
            .value(
                "predicted_mean_radius",
                8.0 / 15.0 * predicted_radius(self.c, self.h),
            )
    }

    fn attach_gpu(&mut self, gpu: Rc<GpuContext>) -> LocalFuture<'_, Result<bool, LabError>> {
        Box::pin(async move {
            let kernel = RbfPairSum::new(&gpu).await?;
            self.gpu = Some((gpu, kernel));
            Ok(true)
        })
    }

    fn detach_gpu(&mut self) {
        self.gpu = None;
    }

    fn step_gpu(&mut self, n: u32) -> LocalFuture<'_, Result<(), LabError>> {
        Box::pin(async move {
            for _ in 0..n {
                let points = self.points_f32();
                let Some((ctx, kernel)) = self.gpu.as_mut() else {
                    return Err(LabError::gpu("no GPU attached"));
                };
                let sums = kernel.run(ctx, &points, 2, self.h as f32).await?;
                self.apply(&sums)?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::resolve;

    #[test]
    fn a_non_finite_update_is_rejected_and_the_state_kept() {
        let (params, _) =
            resolve(PARAMS, &[("n".into(), crate::lab::RawValue::Number(16.0))]).unwrap();
        let mut lab = Repulsion::new(&params, 1).unwrap();
        let before = lab.x.clone();
        let mut sums = crate::particles::pair_kernel::rbf_sums_2d(&lab.points_f32(), 0.02);
        sums.grads[7] = f32::INFINITY;
        let err = lab.apply(&sums).unwrap_err();
        assert_eq!(err.kind, crate::lab::ErrorKind::Numeric);
        assert!(
            err.message.contains("particle 3") && err.message.contains("step 1"),
            "{}",
            err.message
        );
        assert_eq!(lab.x, before);
        assert_eq!(lab.steps, 0);
    }
}
