//! Mean-field Langevin dynamics (McKean–Vlasov) for
//! F(μ) = ∫V dμ + ½ ∬W(x − y) dμ(x) dμ(y) + σ ∫μ log μ,
//! with V and W typed as expressions in x, y (for W: the components of the difference x − y;
//! W should be even, W(−z) = W(z), for this to be F's gradient flow). Each particle moves by
//! x_i ← x_i − δ [∇V(x_i) + (1/|B_i|) Σ_{j ∈ B_i} ∇W(x_i − x_j)] + √(2σδ) ξ.
//! B_i is every other particle for N ≤ `EXACT_MAX`; above, the random batch method (Jin, Li & Liu
//! 2020): each step a random partition into batches of ~`BATCH`, interacting only within a
//! batch, which keeps the interaction drift unbiased at O(N·BATCH) cost. With a GPU the sums are
//! exact at every N (`gpu::PairForce`, a WGSL kernel generated from ∂W/∂x and ∂W/∂y).
//! Without interaction the stationary law is the Gibbs measure ∝ exp(−V/σ), the lab's target.

use super::algorithm::{Field, Scores};
use crate::expr::{Compiled, EvalError, Expr, parse};
use crate::functional::problem::expr_error;
use crate::lab::LabError;
use crate::measure::kernel::strided;
use crate::measure::typed::VARS;
use crate::rng::Rng;

pub const EXACT_MAX: usize = 512;
pub const BATCH: usize = 64;
/// Particles whose pairs enter ½∬W dμdμ in F (every pair of them).
pub const ENERGY_SUBSAMPLE: usize = 512;

pub struct Interaction {
    pub expr: Expr,
    w: Compiled,
    wx: Compiled,
    wy: Compiled,
    /// A constant W has no force and no pair cost.
    constant: bool,
}

fn failure(e: EvalError, what: &str, pair: Option<(usize, usize)>, step: u64) -> LabError {
    let at = match pair {
        Some((i, j)) => format!(" between particles {i} and {j}"),
        None => String::new(),
    };
    let mut err = LabError::numeric(format!(
        "{what}: {}{at} at step {step}; the step was rejected and the run paused",
        e.message
    ))
    .for_param("interaction");
    if !e.span.is_none() {
        err = err.with_span(e.span.start, e.span.end);
    }
    err
}

impl Interaction {
    pub fn parse(text: &str) -> Result<Self, LabError> {
        let expr = parse(text, &VARS).map_err(|e| expr_error("interaction", &e))?;
        let compile = |e: &Expr| {
            e.compile(&VARS)
                .map_err(|err| expr_error("interaction", &err))
        };
        Ok(Interaction {
            w: compile(&expr)?,
            wx: compile(&expr.diff("x"))?,
            wy: compile(&expr.diff("y"))?,
            constant: !expr.depends_on("x") && !expr.depends_on("y"),
            expr,
        })
    }

    /// Whether W is constant (no force, nothing to compute).
    pub fn is_constant(&self) -> bool {
        self.constant
    }

    /// ∂W/∂x and ∂W/∂y as expressions in x, y (the GPU kernel is generated from them).
    pub fn gradient(&self) -> (Expr, Expr) {
        (self.expr.diff("x"), self.expr.diff("y"))
    }

    /// The batches of this step: all particles, or a random partition into near-equal batches.
    fn batches(n: usize, rng: &mut Rng) -> Vec<Vec<usize>> {
        if n <= EXACT_MAX {
            return vec![(0..n).collect()];
        }
        let mut perm: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            perm.swap(i, rng.below(i as u64 + 1) as usize);
        }
        let count = n / BATCH;
        (0..count)
            .map(|b| perm[b * n / count..(b + 1) * n / count].to_vec())
            .collect()
    }

    /// −(1/|B_i|) Σ_{j ∈ B_i, j ≠ i} ∇W(x_i − x_j) for every particle.
    pub fn drift(
        &self,
        xs: &[f64],
        ys: &[f64],
        rng: &mut Rng,
        step: u64,
    ) -> Result<Field, LabError> {
        let n = xs.len();
        let mut f = Field::zeros(n);
        if self.constant || n < 2 {
            return Ok(f);
        }
        for batch in Self::batches(n, rng) {
            let s = batch.len();
            let mut pairs = Vec::with_capacity(s * (s - 1));
            for &i in &batch {
                for &j in &batch {
                    if i != j {
                        pairs.push((i, j));
                    }
                }
            }
            let dx: Vec<f64> = pairs.iter().map(|&(i, j)| xs[i] - xs[j]).collect();
            let dy: Vec<f64> = pairs.iter().map(|&(i, j)| ys[i] - ys[j]).collect();
            let (mut gx, mut gy) = (vec![0.0; pairs.len()], vec![0.0; pairs.len()]);
            let cols = [&dx[..], &dy[..]];
            self.wx
                .check_batch(&cols, &mut gx)
                .map_err(|e| failure(e.clone(), "∂W/∂x", Some(pairs[e.point_index]), step))?;
            self.wy
                .check_batch(&cols, &mut gy)
                .map_err(|e| failure(e.clone(), "∂W/∂y", Some(pairs[e.point_index]), step))?;
            let scale = 1.0 / (s - 1) as f64;
            for (k, &(i, _)) in pairs.iter().enumerate() {
                f.x[i] -= scale * gx[k];
                f.y[i] -= scale * gy[k];
            }
        }
        Ok(f)
    }

    /// ½ ∬W dμdμ ≈ ½ · mean of W(x_i − x_j) over the pairs i ≠ j of a strided subsample.
    pub fn half_energy(&self, xs: &[f64], ys: &[f64], step: u64) -> Result<f64, LabError> {
        let idx: Vec<usize> = strided(xs.len(), ENERGY_SUBSAMPLE).collect();
        let (mut dx, mut dy, mut pairs) = (Vec::new(), Vec::new(), Vec::new());
        for &i in &idx {
            for &j in &idx {
                if i != j {
                    dx.push(xs[i] - xs[j]);
                    dy.push(ys[i] - ys[j]);
                    pairs.push((i, j));
                }
            }
        }
        if pairs.is_empty() {
            return Ok(0.0);
        }
        let mut w = vec![0.0; pairs.len()];
        self.w
            .check_batch(&[&dx, &dy], &mut w)
            .map_err(|e| failure(e.clone(), "W", Some(pairs[e.point_index]), step))?;
        Ok(0.5 * w.iter().sum::<f64>() / w.len() as f64)
    }
}

/// One step in place. `s` holds the Gibbs target's scores −∇V/σ, so −∇V = σ s. Returns the drift.
pub fn step(
    xs: &mut [f64],
    ys: &mut [f64],
    s: &Scores,
    interaction: &Field,
    sigma: f64,
    delta: f64,
    rng: &mut Rng,
) -> Field {
    let amp = (2.0 * sigma * delta).sqrt();
    let mut drift = Field::zeros(xs.len());
    for i in 0..xs.len() {
        drift.x[i] = sigma * s.gx[i] + interaction.x[i];
        drift.y[i] = sigma * s.gy[i] + interaction.y[i];
        xs[i] += delta * drift.x[i] + amp * rng.normal();
        ys[i] += delta * drift.y[i] + amp * rng.normal();
    }
    drift
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_batches_partition_the_particles() {
        let mut rng = Rng::new(5);
        let b = Interaction::batches(1000, &mut rng);
        assert_eq!(b.len(), 1000 / BATCH);
        let mut all: Vec<usize> = b.concat();
        all.sort();
        assert_eq!(all, (0..1000).collect::<Vec<_>>());
        assert!(
            b.iter()
                .all(|x| x.len() >= BATCH && x.len() <= BATCH + 1 + BATCH / 2)
        );
    }

    #[test]
    fn interaction_drift_is_exact_for_small_n_and_reports_spans() {
        // W = (x² + y²)/2 ⇒ ∇W(z) = z, drift_i = −mean_{j≠i}(x_i − x_j).
        let w = Interaction::parse("(x^2 + y^2)/2").unwrap();
        let xs = [0.0, 1.0, 3.0];
        let ys = [0.0, 0.0, 1.0];
        let f = w.drift(&xs, &ys, &mut Rng::new(1), 1).unwrap();
        assert!((f.x[0] - 2.0).abs() < 1e-12 && (f.y[2] + 1.0).abs() < 1e-12);
        // ½ · mean over the 6 ordered pairs of |z|²/2 = ½ · (1 + 10 + 5)/6 = 4/3
        assert!((w.half_energy(&xs, &ys, 1).unwrap() - 4.0 / 3.0).abs() < 1e-12);
        let bad = Interaction::parse("1/x").unwrap();
        let err = bad
            .drift(&[0.0, 0.0], &[0.0, 1.0], &mut Rng::new(1), 4)
            .unwrap_err();
        assert_eq!(err.param.as_deref(), Some("interaction"));
        assert!(
            err.message.contains("step 4") && err.span.is_some(),
            "{err:?}"
        );
        assert!(Interaction::parse("x +").is_err());
    }
}
