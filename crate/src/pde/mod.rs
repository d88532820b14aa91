//! Grids, stencils, spectral transforms and time integrators shared by the labs' flows and
//! reference solvers.

pub mod complex;
pub mod etdrk4;
pub mod fft;
pub mod grid;
