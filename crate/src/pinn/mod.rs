//! Physics-informed neural networks on functional differential equations (cylindrical
//! approximation, Miyagawa & Yokota 2024) and on viscous Burgers, trained with the neural core's
//! exact input derivatives (crate::nn). The `pinn` lab lives here.
//!
//! | file       | owns                                                                    |
//! |------------|-------------------------------------------------------------------------|
//! | `fde`      | FTE and BHE: coefficients, exact solutions, residual directions         |
//! | `burgers`  | viscous Burgers and its Cole–Hopf reference solution                    |
//! | `problem`  | the problem a network is trained on, output forms for exact conditions  |
//! | `lhs`      | Latin-hypercube sampling (the fixed test sets)                          |
//! | `loss`     | loss terms of one step and their reverse-pass seeds (CPU)               |
//! | `train`    | the training loop: Adam, schedules, blow-up guard with restore          |
//! | `eval`     | test sets and error measures                                            |
//! | `study`    | the degree-m study                                                      |
//! | `gpu_step` | a training step whose passes run in WGSL                                |
//! | `params`   | the lab's parameter schema                                              |
//! | `lab`      | the `pinn` lab and its snapshot contract                                |

pub mod burgers;
pub mod eval;
pub mod fde;
mod gpu_step;
pub mod lab;
pub mod lhs;
mod loss;
mod params;
pub mod problem;
pub mod study;
pub mod train;

pub use eval::{Errors, TEST_POINTS, TestSet};
pub use fde::{Fde, FdeKind, MAX_DEGREE};
pub use loss::LossTerms;
pub use params::{MAX_BATCH, MAX_DEPTH, MAX_WIDTH};
pub use problem::{Problem, exact_value};
pub use study::DegreeStudy;
pub use train::{TrainConfig, Trainer};
