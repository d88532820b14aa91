//! Orthonormal bases and Gauss quadrature: the machinery of the cylindrical approximation
//! (F[u] ≈ f(a_0..a_{m−1}) for u = Σ a_k φ_k) and of grid-independent integrals.

pub mod fourier;
pub mod gauss;
pub mod legendre;

pub use fourier::FourierBasis;
pub use gauss::{GaussLegendre, integrate_adaptive};
pub use legendre::LegendreBasis;

/// An orthonormal basis on an interval: values and the first two x-derivatives of φ_0..φ_{m−1}.
pub trait Basis {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn interval(&self) -> (f64, f64);
    /// Writes φ_k(x), φ_k'(x), φ_k''(x) for k < len into the three slices.
    fn eval(&self, x: f64, phi: &mut [f64], dphi: &mut [f64], d2phi: &mut [f64]);
}
