//! Interacting particle systems. `repulsion` is the platform's first lab (confinement plus RBF
//! repulsion); the particle lab's SVGD / WGD / Langevin algorithms join it here.

pub mod pair_kernel;
pub mod repulsion;
pub mod simd;
