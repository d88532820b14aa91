//! The degree-m study of the cylindrical approximation: train one network per number of
//! coefficients D and measure each against the exact solution of the FULL problem (20
//! coefficients). A network with D < 20 sees only a_0..a_{D−1}, so its error also contains the
//! truncation of the functional: for "spectrum15" it stays large until D ≥ 15, for the BHE the
//! high modes are small and the error falls quickly with D, as the paper's convergence theorem
//! predicts.

use super::eval::{TEST_POINTS, TestSet};
use super::fde::{Fde, FdeKind, MAX_DEGREE};
use super::problem::Problem;
use super::train::{TrainConfig, Trainer};
use crate::lab::Curve;

/// Degrees the study trains, in order.
pub fn study_degrees(kind: FdeKind) -> Vec<usize> {
    let start = if kind == FdeKind::FteLinear { 2 } else { 1 };
    let mut d: Vec<usize> = (start..=MAX_DEGREE).step_by(2).collect();
    if *d.last().unwrap() != MAX_DEGREE {
        d.push(MAX_DEGREE);
    }
    d
}

/// A study advanced a few steps at a time (the lab runs it next to the main training).
pub struct DegreeStudy {
    kind: FdeKind,
    config: TrainConfig,
    seed: u64,
    degrees: Vec<usize>,
    steps_each: u64,
    next: usize,
    current: Option<Trainer>,
    test: TestSet,
    /// x = D, y = rel_l1 against the 20-coefficient solution (NaN if that run blew up).
    pub curve: Curve,
}

impl DegreeStudy {
    pub fn new(kind: FdeKind, config: TrainConfig, steps_each: u64, seed: u64) -> Self {
        Self::with_degrees(kind, config, study_degrees(kind), steps_each, seed)
    }

    pub fn with_degrees(
        kind: FdeKind,
        config: TrainConfig,
        degrees: Vec<usize>,
        steps_each: u64,
        seed: u64,
    ) -> Self {
        let full = Problem::Fde(Fde::new(kind, MAX_DEGREE));
        DegreeStudy {
            kind,
            config,
            seed,
            degrees,
            steps_each,
            next: 0,
            current: None,
            test: TestSet::new(&full, TEST_POINTS, seed),
            curve: Curve::default(),
        }
    }

    pub fn done(&self) -> bool {
        self.next >= self.degrees.len() && self.current.is_none()
    }

    /// The degree being trained now.
    pub fn current_degree(&self) -> Option<usize> {
        self.current.as_ref().map(|t| t.problem.d_in() - 1)
    }

    /// Up to `n` optimizer steps, finishing (and measuring) degrees as their budget is spent.
    pub fn advance(&mut self, mut n: u64) {
        while n > 0 && !self.done() {
            if self.current.is_none() {
                let d = self.degrees[self.next];
                self.next += 1;
                let problem = Problem::Fde(Fde::new(self.kind, d));
                self.current = Some(Trainer::new(
                    problem,
                    self.config.clone(),
                    self.seed + d as u64,
                ));
            }
            let t = self.current.as_mut().expect("set above");
            let mut failed = false;
            while n > 0 && t.steps() < self.steps_each {
                n -= 1;
                if t.step().is_err() {
                    failed = true;
                    break;
                }
            }
            if failed || t.steps() >= self.steps_each {
                let d = t.problem.d_in() - 1;
                let err = if failed {
                    f64::NAN
                } else {
                    t.evaluate(&self.test).rel_l1
                };
                self.curve.push(d as f64, err);
                self.current = None;
            }
        }
    }
}
