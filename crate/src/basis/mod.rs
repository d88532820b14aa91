//! Orthonormal bases and Gauss quadrature: the machinery of the cylindrical approximation
//! (F[u] ≈ f(a_0..a_{m−1}) for u = Σ a_k φ_k) and of grid-independent integrals.

pub mod fourier;
pub mod gauss;
pub mod legendre;

pub use fourier::FourierBasis;
pub use gauss::{GaussLegendre, integrate_adaptive};
pub use legendre::LegendreBasis;

/// An orthonormal basis on an interval: values and the first three x-derivatives of φ_0..φ_{m−1}
/// (the third for boundary terms of second-order Lagrangians).
pub trait Basis {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn interval(&self) -> (f64, f64);
    /// Writes φ_k^{(j)}(x) for k < len and j = 0..=3 into `out[j]`.
    fn eval(&self, x: f64, out: &mut [Vec<f64>; 4]);

    /// The table of values and derivatives at x.
    fn table(&self, x: f64) -> [Vec<f64>; 4] {
        let mut out: [Vec<f64>; 4] = std::array::from_fn(|_| vec![0.0; self.len()]);
        self.eval(x, &mut out);
        out
    }

    /// True for periodic bases, whose integration-by-parts boundary terms cancel.
    fn periodic(&self) -> bool;
}
