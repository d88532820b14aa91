//! Flows driven by δF/δu on a periodic domain, pseudo-spectrally with ETDRK4:
//! - L² gradient flow u_t = −δF/δu (Dirichlet energy → heat equation, Ginzburg–Landau → Allen–Cahn);
//! - Hamiltonian flow u_t = ∂_x δF/δu (the KdV Hamiltonian gives u_t + u u_x + u_xxx = 0).
//!
//! The stiff part is linear: with κ = ∂²L/∂u_x² and β = ∂²L/∂u_xx² (constants, or their largest
//! value on the initial state when L is not quadratic in them), −δF/δu ⊇ κ u_xx − β u_xxxx, which
//! ETDRK4 integrates exactly; the rest is explicit, dealiased by the 2/3 rule.

use super::jets::spectral_jet;
use super::problem::{Lagrangian, Problem, Profile, eval_error};
use crate::lab::LabError;
use crate::pde::complex::C;
use crate::pde::etdrk4::Etdrk4;
use crate::pde::fft::Fft;
use crate::pde::grid::Boundary;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowKind {
    Gradient,
    Hamiltonian,
}

pub const MAX_FLOW_POINTS: usize = 4096;
pub const MIN_FLOW_POINTS: usize = 16;

pub struct Flow {
    kind: FlowKind,
    lagrangian: Lagrangian,
    period: f64,
    x: Vec<f64>,
    fft: Fft,
    k: Vec<f64>,
    kappa: f64,
    beta: f64,
    stepper: Etdrk4,
    keep: Vec<bool>,
    v: Vec<C>,
    pub time: f64,
    pub steps: u64,
    pub dt: f64,
}

/// The largest value of a second partial of L on the initial state, floored at 0 (a negative
/// coefficient would be anti-diffusion: leave it in the explicit part).
pub(crate) fn stiffness(l: &Lagrangian, wrt: &str, x: &[f64], jet: &[Vec<f64>; 5]) -> f64 {
    let second = l.expr.diff(wrt).diff(wrt);
    if let Some(c) = second.as_f64() {
        return c.max(0.0);
    }
    let Ok(c) = second.compile(&super::problem::L_VARS) else {
        return 0.0;
    };
    let mut out = vec![0.0; x.len()];
    c.eval_batch(&[x, &jet[0], &jet[1], &jet[2]], &mut out);
    out.iter()
        .filter(|v| v.is_finite())
        .fold(0.0, |m, v| m.max(*v))
}

impl Flow {
    /// The flow of `problem`'s functional from its u, on n = 2^k points of the periodic domain.
    pub fn new(problem: &Problem, n: usize, kind: FlowKind, dt: f64) -> Result<Flow, LabError> {
        if problem.boundary != Boundary::Periodic {
            return Err(LabError::input(
                "flows run on periodic domains: choose boundary = periodic",
            )
            .for_param("flow"));
        }
        if !(n.is_power_of_two() && (MIN_FLOW_POINTS..=MAX_FLOW_POINTS).contains(&n)) {
            return Err(LabError::input(format!(
                "flows need N a power of two from {MIN_FLOW_POINTS} to {MAX_FLOW_POINTS}, got {n}"
            ))
            .for_param("points"));
        }
        if !(dt.is_finite() && dt > 0.0) {
            return Err(LabError::input(format!("time step {dt} must be positive")).for_param("dt"));
        }
        let period = problem.b - problem.a;
        let h = period / n as f64;
        let x: Vec<f64> = (0..n).map(|i| problem.a + i as f64 * h).collect();
        let u0 = match &problem.profile {
            Profile::Typed { .. } => problem.profile.jet_at(&x)?[0].clone(),
            Profile::Samples(s) if s.len() == n => s.clone(),
            Profile::Samples(s) => {
                return Err(LabError::input(format!(
                    "u has {} samples, the flow grid {n}",
                    s.len()
                )));
            }
        };
        let jet = spectral_jet(&u0, period);
        let l = problem.lagrangian.clone();
        let kappa = stiffness(&l, "u_x", &x, &jet);
        let beta = stiffness(&l, "u_xx", &x, &jet);
        let fft = Fft::new(n);
        let k = fft.wavenumbers(period);
        let lin: Vec<C> = k
            .iter()
            .map(|&k| {
                let d = kappa * k * k + beta * k.powi(4);
                match kind {
                    FlowKind::Gradient => C::new(-d, 0.0),
                    FlowKind::Hamiltonian => C::new(0.0, k * d),
                }
            })
            .collect();
        let keep = (0..n).map(|j| j.min(n - j) * 3 < n).collect();
        let mut flow = Flow {
            kind,
            lagrangian: l,
            period,
            x,
            fft,
            k,
            kappa,
            beta,
            stepper: Etdrk4::new(&lin, dt),
            keep,
            v: Vec::new(),
            time: 0.0,
            steps: 0,
            dt,
        };
        flow.v = flow.forward(&u0);
        Ok(flow)
    }

    fn forward(&self, u: &[f64]) -> Vec<C> {
        let (mut re, mut im) = (u.to_vec(), vec![0.0; u.len()]);
        self.fft.transform(&mut re, &mut im, false);
        re.into_iter().zip(im).map(|(r, i)| C::new(r, i)).collect()
    }

    fn inverse(&self, v: &[C]) -> Vec<f64> {
        let (mut re, mut im): (Vec<f64>, Vec<f64>) = v.iter().map(|c| (c.re, c.im)).unzip();
        self.fft.transform(&mut re, &mut im, true);
        re
    }

    pub fn x(&self) -> &[f64] {
        &self.x
    }

    pub fn u(&self) -> Vec<f64> {
        self.inverse(&self.v)
    }

    /// (κ, β) of the linear part, for display.
    pub fn stiff_coefficients(&self) -> (f64, f64) {
        (self.kappa, self.beta)
    }

    /// The explicit part of the right-hand side, in Fourier space.
    fn nonlinear(&self, v: &[C]) -> Vec<C> {
        let u = self.inverse(v);
        let jet = spectral_jet(&u, self.period);
        let mut el = vec![0.0; u.len()];
        let cols: [&[f64]; 6] = [&self.x, &jet[0], &jet[1], &jet[2], &jet[3], &jet[4]];
        self.lagrangian.el.eval_batch(&cols, &mut el);
        // EL minus its linear part −κ u_xx + β u_xxxx.
        let rest: Vec<f64> = (0..u.len())
            .map(|i| el[i] + self.kappa * jet[2][i] - self.beta * jet[4][i])
            .collect();
        let mut r = self.forward(&rest);
        for (j, c) in r.iter_mut().enumerate() {
            *c = if !self.keep[j] {
                C::default()
            } else {
                match self.kind {
                    FlowKind::Gradient => -*c,
                    FlowKind::Hamiltonian => C::new(0.0, self.k[j]) * *c,
                }
            };
        }
        r
    }

    /// n steps; on a non-finite state the failing step is rejected and the state kept.
    pub fn step(&mut self, n: u32) -> Result<(), LabError> {
        for _ in 0..n {
            let next = self.stepper.step(&self.v, &mut |v| self.nonlinear(v));
            if let Some(j) = next
                .iter()
                .position(|c| !(c.re.is_finite() && c.im.is_finite()) || c.abs() > 1e12)
            {
                return Err(LabError::numeric(format!(
                    "the flow blew up at step {} (t = {:.4e}; Fourier mode {j} left the finite range): \
                     try a smaller time step dt; the step was rejected",
                    self.steps + 1,
                    self.time + self.dt
                ))
                .for_param("dt"));
            }
            self.v = next;
            self.steps += 1;
            self.time = self.steps as f64 * self.dt;
        }
        Ok(())
    }

    /// F[u(t)] by the periodic trapezoid rule with spectral derivatives.
    pub fn energy(&self) -> Result<f64, LabError> {
        let u = self.u();
        let jet = spectral_jet(&u, self.period);
        let mut l = vec![0.0; u.len()];
        self.lagrangian
            .l
            .check_batch(&[&self.x, &jet[0], &jet[1], &jet[2]], &mut l)
            .map_err(|e| eval_error("lagrangian", &e, &self.x))?;
        Ok(l.iter().sum::<f64>() * self.period / u.len() as f64)
    }
}
