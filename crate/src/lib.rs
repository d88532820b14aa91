//! δF core: functional derivatives, particles, neural solvers.
//! Module map only; each module says what it owns.

pub mod expr;
pub mod rng;
