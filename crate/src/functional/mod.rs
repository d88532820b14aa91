//! Functionals F[u] = ∫_a^b L(x, u, u_x, u_xx) dx and their derivatives δF/δu three ways
//! (symbolic Euler–Lagrange, exact gradient of the discretized functional, cylindrical
//! approximation), Taylor checks, convergence studies, and the gradient and Hamiltonian flows.

pub mod cylindrical;
pub mod evaluate;
pub mod fit;
pub mod flow;
pub mod flow_dirichlet;
pub mod jets;
pub mod lab;
pub mod methods;
pub mod presets;
pub mod problem;
pub mod study;
pub mod taylor;
pub mod value;

pub use cylindrical::{BasisKind, Cylindrical, Expansion, cylindrical};
pub use problem::{Lagrangian, Problem, Profile};
