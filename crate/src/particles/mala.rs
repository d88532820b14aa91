//! The Metropolis-adjusted Langevin algorithm, one independent chain per particle: the ULA move
//! as a proposal x' = x + δ ∇log p(x) + τ √(2δ) ξ, accepted with probability
//! min(1, p(x') q(x | x') / (p(x) q(x' | x))), q(b | a) = N(b; a + δ ∇log p(a), 2δτ² I). It samples
//! p exactly for every δ and τ (τ only scales the proposal). A proposal where the target is not
//! finite (outside a typed density's domain) is rejected.

use super::algorithm::{Field, Scores};
use crate::measure::Target;
use crate::rng::Rng;

/// One step in place; the scores are updated to the new positions. Returns the drift at the
/// old positions and the fraction of accepted proposals.
pub fn step(
    target: &Target,
    xs: &mut [f64],
    ys: &mut [f64],
    s: &mut Scores,
    delta: f64,
    tau: f64,
    rng: &mut Rng,
) -> (Field, f64) {
    let n = xs.len();
    let drift = Field {
        x: s.gx.clone(),
        y: s.gy.clone(),
    };
    let amp = tau * (2.0 * delta).sqrt();
    let px: Vec<f64> = (0..n)
        .map(|i| xs[i] + delta * s.gx[i] + amp * rng.normal())
        .collect();
    let py: Vec<f64> = (0..n)
        .map(|i| ys[i] + delta * s.gy[i] + amp * rng.normal())
        .collect();
    let mut p = Scores {
        logp: vec![0.0; n],
        gx: vec![0.0; n],
        gy: vec![0.0; n],
    };
    if let Target::Typed(t) = target {
        t.eval_lenient(&px, &py, &mut p.logp, &mut p.gx, &mut p.gy);
    } else {
        // Analytic targets never fail; overflow shows as non-finite values, rejected below.
        let _ = target.eval(&px, &py, &mut p.logp, &mut p.gx, &mut p.gy);
    }
    let var = 2.0 * delta * tau * tau;
    let log_q = |bx: f64, by: f64, ax: f64, ay: f64, gx: f64, gy: f64| {
        let (u, v) = (bx - ax - delta * gx, by - ay - delta * gy);
        -(u * u + v * v) / (2.0 * var)
    };
    let mut accepted = 0usize;
    for i in 0..n {
        let ok = p.logp[i].is_finite() && p.gx[i].is_finite() && p.gy[i].is_finite();
        let u = rng.uniform();
        if !ok {
            continue;
        }
        let forward = log_q(px[i], py[i], xs[i], ys[i], s.gx[i], s.gy[i]);
        let backward = log_q(xs[i], ys[i], px[i], py[i], p.gx[i], p.gy[i]);
        if u.ln() < p.logp[i] - s.logp[i] + backward - forward {
            (xs[i], ys[i]) = (px[i], py[i]);
            (s.logp[i], s.gx[i], s.gy[i]) = (p.logp[i], p.gx[i], p.gy[i]);
            accepted += 1;
        }
    }
    (drift, accepted as f64 / n as f64)
}
