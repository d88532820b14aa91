//! δF core: functional derivatives, particles, neural solvers.
//! Module map only; each module says what it owns.

pub mod clock;
pub mod gpu;
pub mod lab;
pub mod particles;
pub mod rng;
