//! Errors of a trained network against the exact solution on a fixed Latin-hypercube test set.
//!
//! rel_l1     = Σ|pred − exact| / Σ|exact|  (the relative L1 norm over the set, as in the paper;
//!              a mean of pointwise ratios would be dominated by points where the exact value
//!              crosses zero, as J does on a whole hyperplane)
//! rel_l1_max = max|pred − exact| / mean|exact|  (the worst point on the same scale)
//! rel_l2     = ‖pred − exact‖₂ / ‖exact‖₂  (the usual measure for Burgers)

use super::lhs::latin_hypercube;
use super::problem::Problem;
use crate::nn::{Jet, Mlp, Tape};
use crate::rng::Rng;

/// Points of the fixed test set.
pub const TEST_POINTS: usize = 10_000;
/// Rows per forward pass while evaluating (bounds the tape's memory).
const CHUNK: usize = 1024;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Errors {
    pub rel_l1: f64,
    pub rel_l1_max: f64,
    pub rel_l2: f64,
}

/// Test points (normalized inputs, `[n × dim]`) with the exact solution at each.
#[derive(Clone, Debug)]
pub struct TestSet {
    pub dim: usize,
    pub x: Vec<f64>,
    pub exact: Vec<f64>,
}

impl TestSet {
    /// `n` Latin-hypercube points of `problem`'s input box, from their own stream of `seed`, so the
    /// set does not change with training settings.
    pub fn new(problem: &Problem, n: usize, seed: u64) -> Self {
        let bounds = problem.bounds();
        let x = latin_hypercube(n, &bounds, &mut Rng::new(seed ^ 0x07e5_75e7));
        let dim = bounds.len();
        let exact = x.chunks_exact(dim).map(|s| problem.exact(s)).collect();
        TestSet { dim, x, exact }
    }

    pub fn len(&self) -> usize {
        self.exact.len()
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty()
    }
}

pub fn errors(pred: &[f64], exact: &[f64]) -> Errors {
    let (mut l1, mut e1, mut worst, mut l2, mut e2) = (0.0, 0.0, 0.0f64, 0.0, 0.0);
    for (p, e) in pred.iter().zip(exact) {
        let d = (p - e).abs();
        l1 += d;
        e1 += e.abs();
        worst = if d.is_nan() { f64::NAN } else { worst.max(d) };
        l2 += d * d;
        e2 += e * e;
    }
    let n = exact.len().max(1) as f64;
    Errors {
        rel_l1: l1 / e1,
        rel_l1_max: worst / (e1 / n),
        rel_l2: (l2 / e2).sqrt(),
    }
}

/// The solution (output form applied) at `x` (`[n × dim]`, dim ≥ the network's input size; only
/// the first d_in coordinates are fed, which is how a degree-D network is tested on points with
/// more coefficients).
#[allow(clippy::too_many_arguments)]
pub fn predict(
    net: &Mlp,
    problem: &Problem,
    exact_bc: bool,
    x: &[f64],
    dim: usize,
    tape: &mut Tape,
    jet: &mut Jet,
    out: &mut Vec<f64>,
) {
    let d = net.d_in();
    out.clear();
    let mut rows = Vec::with_capacity(CHUNK * d);
    for chunk in x.chunks(CHUNK * dim) {
        rows.clear();
        for s in chunk.chunks_exact(dim) {
            rows.extend_from_slice(&s[..d]);
        }
        net.forward(tape, &rows, jet);
        for (s, &n) in rows.chunks_exact(d).zip(&jet.value) {
            out.push(problem.output(s, n, exact_bc));
        }
    }
}
