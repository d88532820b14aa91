//! Grids, stencils, spectral transforms and time integrators shared by the labs' flows and
//! reference solvers.

pub mod fft;
pub mod grid;
