//! The loss terms of one training step on the CPU, and their adjoint seeds for the reverse pass.
//!
//! Every term is a mean of squared residuals over a freshly sampled batch (uniform in the input
//! box). FDE residuals are one directional derivative (see `fde`), so the jet has ONE direction:
//! shared by the batch for the FTE, per sample for the BHE. Burgers needs u_t, u_x and u_xx:
//! two axis directions and the pair (x, x).

use super::burgers::NU;
use super::fde::Fde;
use super::problem::burgers_initial_jet;
use crate::nn::{Dirs, Jet, JetSpec, Mlp, Tape};
use crate::rng::Rng;

/// Mean squared residuals of the terms of one step (0 for terms that are imposed exactly).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LossTerms {
    pub total: f64,
    pub residual: f64,
    pub initial: f64,
    pub boundary: f64,
}

/// Buffers reused across steps, so a step does not allocate.
#[derive(Default)]
pub(crate) struct Workspace {
    pub tape: Tape,
    pub jet: Jet,
    pub seed: Jet,
    pub x: Vec<f64>,
    pub dirs: Vec<f64>,
}

fn sample_box(x: &mut Vec<f64>, batch: usize, d: usize, rng: &mut Rng) {
    x.resize(batch * d, 0.0);
    for row in x.chunks_exact_mut(d) {
        row[0] = rng.uniform();
        for v in &mut row[1..] {
            *v = rng.uniform_in(-1.0, 1.0);
        }
    }
}

/// A fresh FDE batch in `ws.x` and its residual directions in `ws.dirs` (`[d_in]` when shared by
/// the batch, else `[B × d_in]`). The CPU and GPU steps draw the same numbers.
pub(crate) fn sample_fde(f: &Fde, ws: &mut Workspace, rng: &mut Rng, batch: usize) {
    let d = f.d_in();
    sample_box(&mut ws.x, batch, d, rng);
    if f.shared_direction() {
        ws.dirs.resize(d, 0.0);
        f.direction(&ws.x[..d], &mut ws.dirs);
    } else {
        ws.dirs.resize(batch * d, 0.0);
        for (s, v) in ws.x.chunks_exact(d).zip(ws.dirs.chunks_exact_mut(d)) {
            f.direction(s, v);
        }
    }
}

/// FDE: residual ∂_v J on a batch; without `exact_bc` also (J(0, â) − J_0(â))² on the same â.
/// Accumulates the parameter gradient into `grad`.
pub(crate) fn fde_step(
    f: &Fde,
    net: &Mlp,
    ws: &mut Workspace,
    rng: &mut Rng,
    batch: usize,
    exact_bc: bool,
    grad: &mut [f64],
) -> LossTerms {
    let d = f.d_in();
    sample_fde(f, ws, rng, batch);
    let dirs = if f.shared_direction() {
        Dirs::Shared(&ws.dirs)
    } else {
        Dirs::PerSample(&ws.dirs)
    };
    net.jet(
        &mut ws.tape,
        &ws.x,
        JetSpec { dirs, pairs: &[] },
        &mut ws.jet,
    );
    ws.seed.reshape_like(&ws.jet);
    let w = 1.0 / batch as f64;
    let mut terms = LossTerms::default();
    for (b, s) in ws.x.chunks_exact(d).enumerate() {
        let (n, nd) = (ws.jet.value[b], ws.jet.first[b]);
        let r = if exact_bc {
            // J = J_0 + t̂ N  ⇒  ∂_v J = ∂_v J_0 + N + t̂ ∂_v N.
            let (_, dj0) = f.initial(s);
            let r = n + s[0] * nd + dj0;
            ws.seed.value[b] = 2.0 * w * r;
            ws.seed.first[b] = 2.0 * w * r * s[0];
            r
        } else {
            ws.seed.first[b] = 2.0 * w * nd;
            nd
        };
        terms.residual += w * r * r;
    }
    net.jet_backward(&mut ws.tape, &ws.seed, grad, None);
    if !exact_bc {
        for row in ws.x.chunks_exact_mut(d) {
            row[0] = 0.0;
        }
        net.forward(&mut ws.tape, &ws.x, &mut ws.jet);
        ws.seed.reshape_like(&ws.jet);
        for (b, s) in ws.x.chunks_exact(d).enumerate() {
            let r = ws.jet.value[b] - f.initial(s).0;
            ws.seed.value[b] = 2.0 * w * r;
            terms.initial += w * r * r;
        }
        net.jet_backward(&mut ws.tape, &ws.seed, grad, None);
    }
    terms.total = terms.residual + terms.initial;
    terms
}

/// Burgers: residual u_t + u u_x − ν u_xx on a batch in [0, 1] × [−1, 1]; without `exact_bc`
/// also the initial condition on batch/2 points and the boundary condition on batch/2 points.
pub(crate) fn burgers_step(
    net: &Mlp,
    ws: &mut Workspace,
    rng: &mut Rng,
    batch: usize,
    exact_bc: bool,
    grad: &mut [f64],
) -> LossTerms {
    sample_box(&mut ws.x, batch, 2, rng);
    const PAIRS: [(usize, usize); 1] = [(1, 1)];
    let spec = JetSpec::axes(&[0, 1]).with_pairs(&PAIRS);
    net.jet(&mut ws.tape, &ws.x, spec, &mut ws.jet);
    ws.seed.reshape_like(&ws.jet);
    let w = 1.0 / batch as f64;
    let mut terms = LossTerms::default();
    let (jet, seed) = (&ws.jet, &mut ws.seed);
    for (b, s) in ws.x.chunks_exact(2).enumerate() {
        let (t, x) = (s[0], s[1]);
        let (n, n_t, n_x, n_xx) = (
            jet.value[b],
            jet.first[2 * b],
            jet.first[2 * b + 1],
            jet.second[b],
        );
        if exact_bc {
            // u = u0(x) + h N with h = t(1 − x²): product rule for u_t, u_x, u_xx.
            let (u0, u0_x, u0_xx) = burgers_initial_jet(x);
            let (h, h_t, h_x, h_xx) = (t * (1.0 - x * x), 1.0 - x * x, -2.0 * x * t, -2.0 * t);
            let u = u0 + h * n;
            let u_t = h_t * n + h * n_t;
            let u_x = u0_x + h_x * n + h * n_x;
            let u_xx = u0_xx + h_xx * n + 2.0 * h_x * n_x + h * n_xx;
            let r = u_t + u * u_x - NU * u_xx;
            let rho = 2.0 * w * r;
            // ∂r/∂(u, u_t, u_x, u_xx) = (u_x, 1, u, −ν), chained through the form.
            seed.value[b] = rho * (u_x * h + h_t + u * h_x - NU * h_xx);
            seed.first[2 * b] = rho * h;
            seed.first[2 * b + 1] = rho * (u * h - NU * 2.0 * h_x);
            seed.second[b] = -rho * NU * h;
            terms.residual += w * r * r;
        } else {
            let r = n_t + n * n_x - NU * n_xx;
            let rho = 2.0 * w * r;
            seed.value[b] = rho * n_x;
            seed.first[2 * b] = rho;
            seed.first[2 * b + 1] = rho * n;
            seed.second[b] = -rho * NU;
            terms.residual += w * r * r;
        }
    }
    net.jet_backward(&mut ws.tape, &ws.seed, grad, None);
    if !exact_bc {
        // Rows 0..half: t = 0 (initial condition); rows half..: x = ±1 (boundary).
        let half = (batch / 2).max(1);
        ws.x.resize(4 * half, 0.0);
        for i in 0..2 * half {
            let (t, x) = if i < half {
                (0.0, rng.uniform_in(-1.0, 1.0))
            } else {
                (rng.uniform(), if i % 2 == 0 { -1.0 } else { 1.0 })
            };
            ws.x[2 * i] = t;
            ws.x[2 * i + 1] = x;
        }
        net.forward(&mut ws.tape, &ws.x, &mut ws.jet);
        ws.seed.reshape_like(&ws.jet);
        let wh = 1.0 / half as f64;
        for i in 0..2 * half {
            let x = ws.x[2 * i + 1];
            let target = if i < half {
                burgers_initial_jet(x).0
            } else {
                0.0
            };
            let r = ws.jet.value[i] - target;
            ws.seed.value[i] = 2.0 * wh * r;
            if i < half {
                terms.initial += wh * r * r;
            } else {
                terms.boundary += wh * r * r;
            }
        }
        net.jet_backward(&mut ws.tape, &ws.seed, grad, None);
    }
    terms.total = terms.residual + terms.initial + terms.boundary;
    terms
}
