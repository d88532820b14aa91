//! δF core: functional derivatives, particles, neural solvers.
//! Module map only; each module says what it owns.

// Numeric kernels index several arrays with one loop variable; iterator chains there read worse
// and can hide the structure that auto-vectorization needs.
#![allow(clippy::needless_range_loop)]

pub mod basis;
pub mod clock;
pub mod expr;
pub mod functional;
pub mod gpu;
pub mod lab;
pub mod measure;
pub mod nn;
pub mod particles;
pub mod pde;
pub mod pinn;
pub mod rng;

#[cfg(target_arch = "wasm32")]
pub mod web;
