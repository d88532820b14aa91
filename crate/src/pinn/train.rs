//! The training loop of one PINN: an MLP, Adam with a learning-rate schedule, fresh collocation
//! batches every step, and the guard that stops a blow-up.
//!
//! Guard: a step whose loss is not finite, or exceeds 1e6 × max(first loss, 1), or that leaves a
//! non-finite parameter, restores the last checkpoint (parameters, Adam moments and step count,
//! saved every `CHECKPOINT_EVERY` good steps) and returns a `Numeric` error that says so; the lab
//! then pauses with that message.

use super::eval::{Errors, TestSet, errors, predict};
use super::loss::{LossTerms, Workspace, burgers_step, fde_step};
use super::problem::Problem;
use crate::lab::LabError;
use crate::nn::{Activation, Adam, AdamConfig, Init, Jet, Mlp, MlpConfig, Schedule, Tape};
use crate::rng::Rng;

/// Good steps between checkpoints of the parameters.
pub const CHECKPOINT_EVERY: u64 = 100;
/// A loss this many times the first one (or 1, if larger) counts as a blow-up.
pub const BLOWUP_FACTOR: f64 = 1e6;

#[derive(Clone, Debug, PartialEq)]
pub struct TrainConfig {
    pub width: usize,
    pub depth: usize,
    pub activation: Activation,
    pub layer_norm: bool,
    pub schedule: Schedule,
    pub batch: usize,
    pub exact_bc: bool,
}

impl TrainConfig {
    /// The network for `problem` (inputs normalized, one output).
    pub fn mlp(&self, problem: &Problem) -> MlpConfig {
        let init = match self.activation {
            // sin(z) with ω0 = 1 behaves like tanh near 0; Glorot keeps it there at the start.
            Activation::Sin { .. } => Init::GlorotUniform,
            _ => Init::Auto,
        };
        MlpConfig::new(problem.d_in(), self.width, self.depth, 1, self.activation)
            .with_layer_norm(self.layer_norm)
            .with_init(init)
    }
}

#[derive(Clone)]
struct Checkpoint {
    params: Vec<f64>,
    opt: Adam,
    step: u64,
}

pub struct Trainer {
    pub problem: Problem,
    pub config: TrainConfig,
    pub(crate) net: Mlp,
    opt: Adam,
    step: u64,
    pub(crate) rng: Rng,
    pub(crate) ws: Workspace,
    pub(crate) grad: Vec<f64>,
    last: LossTerms,
    grad_norm: f64,
    first_loss: Option<f64>,
    checkpoint: Checkpoint,
    eval_tape: Tape,
    eval_jet: Jet,
}

impl Trainer {
    pub fn new(problem: Problem, config: TrainConfig, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let net = Mlp::new(config.mlp(&problem), &mut rng);
        let opt = Adam::new(net.num_params(), AdamConfig::default());
        let checkpoint = Checkpoint {
            params: net.params().to_vec(),
            opt: opt.clone(),
            step: 0,
        };
        Trainer {
            grad: vec![0.0; net.num_params()],
            problem,
            config,
            net,
            opt,
            step: 0,
            rng,
            ws: Workspace::default(),
            last: LossTerms::default(),
            grad_norm: f64::NAN,
            first_loss: None,
            checkpoint,
            eval_tape: Tape::new(),
            eval_jet: Jet::default(),
        }
    }

    pub fn net(&self) -> &Mlp {
        &self.net
    }
    /// Optimizer steps behind the current parameters (goes back when the guard restores).
    pub fn steps(&self) -> u64 {
        self.step
    }
    pub fn last_loss(&self) -> LossTerms {
        self.last
    }
    pub fn grad_norm(&self) -> f64 {
        self.grad_norm
    }
    pub fn lr(&self) -> f64 {
        self.config.schedule.lr(self.step)
    }
    /// Mutable access for tests (e.g. forcing a NaN) and for loading parameters.
    pub fn params_mut(&mut self) -> &mut [f64] {
        self.net.params_mut()
    }

    /// The loss terms and their parameter gradient (in `self.grad`) on a fresh batch.
    fn loss_and_grad(&mut self) -> LossTerms {
        self.grad.fill(0.0);
        let (batch, exact_bc) = (self.config.batch, self.config.exact_bc);
        match &self.problem {
            Problem::Fde(f) => fde_step(
                f,
                &self.net,
                &mut self.ws,
                &mut self.rng,
                batch,
                exact_bc,
                &mut self.grad,
            ),
            Problem::Burgers => burgers_step(
                &self.net,
                &mut self.ws,
                &mut self.rng,
                batch,
                exact_bc,
                &mut self.grad,
            ),
        }
    }

    /// One optimizer step on the CPU.
    pub fn step(&mut self) -> Result<LossTerms, LabError> {
        self.check_params()?;
        let terms = self.loss_and_grad();
        self.apply(terms)
    }

    /// A parameter set from outside (or left by a failed step) must be finite before a pass.
    pub(crate) fn check_params(&mut self) -> Result<(), LabError> {
        if self.net.params().iter().all(|p| p.is_finite()) {
            return Ok(());
        }
        Err(self.restore("a parameter was not finite".into()))
    }

    /// Guard, then Adam with the gradient in `self.grad` (shared by the CPU and GPU paths).
    pub(crate) fn apply(&mut self, terms: LossTerms) -> Result<LossTerms, LabError> {
        if self.first_loss.is_none() && terms.total.is_finite() {
            self.first_loss = Some(terms.total);
        }
        let limit = BLOWUP_FACTOR * self.first_loss.unwrap_or(1.0).max(1.0);
        if !terms.total.is_finite() || terms.total > limit {
            return Err(self.restore(format!("the loss became {:.3e}", terms.total)));
        }
        let lr = self.lr();
        self.grad_norm = self.opt.step(self.net.params_mut(), &self.grad, lr);
        if !self.net.params().iter().all(|p| p.is_finite()) {
            return Err(self.restore("a parameter became non-finite".into()));
        }
        self.step += 1;
        self.last = terms;
        if self.step.is_multiple_of(CHECKPOINT_EVERY) {
            self.checkpoint = Checkpoint {
                params: self.net.params().to_vec(),
                opt: self.opt.clone(),
                step: self.step,
            };
        }
        Ok(terms)
    }

    fn restore(&mut self, what: String) -> LabError {
        let failed_at = self.step + 1;
        let lr = self.lr();
        let cp = self.checkpoint.clone();
        self.net.params_mut().copy_from_slice(&cp.params);
        self.opt = cp.opt;
        self.step = cp.step;
        LabError::numeric(format!(
            "training paused at step {failed_at}: {what} (learning rate {lr:.3e}); the parameters of step {} were restored. Lower the learning rate (or use a schedule) and continue.",
            cp.step
        ))
    }

    /// Prediction (output form applied) at test points of dimension `dim` ≥ d_in.
    pub fn predict(&mut self, x: &[f64], dim: usize, out: &mut Vec<f64>) {
        predict(
            &self.net,
            &self.problem,
            self.config.exact_bc,
            x,
            dim,
            &mut self.eval_tape,
            &mut self.eval_jet,
            out,
        );
    }

    /// Errors on a test set (whose points may carry more coordinates than the network's inputs).
    pub fn evaluate(&mut self, test: &TestSet) -> Errors {
        let mut pred = Vec::with_capacity(test.len());
        self.predict(&test.x, test.dim, &mut pred);
        errors(&pred, &test.exact)
    }
}
