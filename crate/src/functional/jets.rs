//! u and its first four x-derivatives on a grid: exact for typed u (symbolic derivatives),
//! spectral for samples on a periodic grid of 2^k points, finite differences otherwise.

use super::problem::Profile;
use crate::lab::LabError;
use crate::pde::fft::Fft;
use crate::pde::grid::{Boundary, Grid};

/// [u, u', u'', u''', u''''] at the grid points.
pub type Jet = [Vec<f64>; 5];

pub fn grid_jet(profile: &Profile, grid: &Grid) -> Result<Jet, LabError> {
    match profile {
        Profile::Typed { .. } => profile.jet_at(&grid.x),
        Profile::Samples(u) => {
            if u.len() != grid.len() {
                return Err(LabError::input(format!(
                    "u has {} samples but the grid has {} points",
                    u.len(),
                    grid.len()
                )));
            }
            if let Some(bad) = u.iter().position(|v| !v.is_finite()) {
                return Err(
                    LabError::input(format!("u sample {bad} is not a finite number"))
                        .for_param("u"),
                );
            }
            Ok(
                if grid.boundary == Boundary::Periodic && grid.len().is_power_of_two() {
                    spectral_jet(u, grid.b - grid.a)
                } else {
                    stencil_jet(u, grid)
                },
            )
        }
    }
}

/// Derivatives by FFT: exact for trigonometric polynomials below the Nyquist frequency (whose
/// coefficient is dropped for odd derivatives, as usual).
pub fn spectral_jet(u: &[f64], period: f64) -> Jet {
    let n = u.len();
    let fft = Fft::new(n);
    let k = fft.wavenumbers(period);
    let (mut re, mut im) = (u.to_vec(), vec![0.0; n]);
    fft.transform(&mut re, &mut im, false);
    let mut out: Jet = std::array::from_fn(|_| Vec::new());
    out[0] = u.to_vec();
    for (order, slot) in out.iter_mut().enumerate().skip(1) {
        let (mut dr, mut di) = (vec![0.0; n], vec![0.0; n]);
        for j in 0..n {
            if order % 2 == 1 && j == n / 2 {
                continue;
            }
            // (ik)^order = k^order · i^order
            let kp = k[j].powi(order as i32);
            let (r, i) = (re[j] * kp, im[j] * kp);
            (dr[j], di[j]) = match order % 4 {
                1 => (-i, r),
                2 => (-r, -i),
                3 => (i, -r),
                _ => (r, i),
            };
        }
        fft.transform(&mut dr, &mut di, true);
        *slot = dr;
    }
    out
}

/// Derivatives by the grid's second-order stencils (third and fourth by composition).
pub fn stencil_jet(u: &[f64], grid: &Grid) -> Jet {
    let d1 = Grid::apply(&grid.d1, u);
    let d2 = Grid::apply(&grid.d2, u);
    let d3 = Grid::apply(&grid.d1, &d2);
    let d4 = Grid::apply(&grid.d2, &d2);
    [u.to_vec(), d1, d2, d3, d4]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spectral_derivatives_of_a_trig_polynomial_are_exact() {
        let (n, l) = (64, 2.0);
        let g = Grid::new(0.0, l, n, Boundary::Periodic);
        let w = std::f64::consts::TAU / l;
        let u: Vec<f64> = g.x.iter().map(|x| (3.0 * w * x).sin()).collect();
        let jet = spectral_jet(&u, l);
        for (i, x) in g.x.iter().enumerate() {
            let t = 3.0 * w * x;
            let c = 3.0 * w;
            let exact = [
                t.sin(),
                c * t.cos(),
                -c * c * t.sin(),
                -c.powi(3) * t.cos(),
                c.powi(4) * t.sin(),
            ];
            for k in 0..5 {
                assert!(
                    (jet[k][i] - exact[k]).abs() < 1e-9 * c.powi(k as i32),
                    "order {k}"
                );
            }
        }
    }
}
