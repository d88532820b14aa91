//! The two functional differential equations of Miyagawa & Yokota (science.md §2) after the
//! cylindrical approximation θ = Σ_k a_k φ_k: PDEs in (t, a_0..a_{D−1}) with exact solutions.
//!
//! FTE (Legendre basis):  ∂_t J = −Σ_k a'_k ∂J/∂a_k,  J(a, t) = Σ_k a'_k (a_k − t a'_k),
//!   t ∈ [0, 1], a_k ∈ [−1, 1]; "linear": a'_1 = 1/√1.5, "spectrum15": a'_k = 1/√1.5 for k < 15.
//! BHE (Fourier basis):   ∂_τ W = Σ_k a_k C_k ∂W/∂a_k,  C_k = −(2π n_k)², n_k = ⌈k/2⌉,
//!   τ ∈ [0, 1e−3], a_k uniform in [−0.1, 0.1] divided by (2π n_k)² for k ≥ 1 (the paper's sampling);
//!   "delta": W = −μ a_0 + (σ²/2) Σ_k e^{−8π² n_k² τ} a_k²,
//!   "moderate": W = −μ a_0 + (σ²/2) (Σ_k e^{−(k+1)/20} e^{−4π² n_k² τ} a_k)², μ = 8, σ² = 10.
//!
//! The network sees normalized inputs s = (t̂, â_0..â_{D−1}) ∈ [0, 1] × [−1, 1]^D: t = T t̂ and
//! a_k = c_k â_k (T = 1, c_k = 1 for the FTE; T = 1e−3, c_k = 0.1/(2π n_k)² for the BHE), so every
//! input has unit range. In these coordinates both residuals are ONE directional derivative,
//!   R = ∂_v J with v = (1, v_1..v_D): FTE v_k = a'_k (the same for every sample),
//!   BHE (times T) v_k = −T C_k â_k (per sample),
//! which is why a single-direction jet (≈ 2 forward passes) gives the whole residual, instead of the
//! full gradient ∇J that double-backward autograd builds.

use std::f64::consts::PI;

/// Largest number of coefficients D.
pub const MAX_DEGREE: usize = 20;

const MU: f64 = 8.0;
const SIGMA2: f64 = 10.0;
/// BHE time horizon.
pub const BHE_T: f64 = 1e-3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FdeKind {
    FteLinear,
    FteSpectrum15,
    BheDelta,
    BheModerate,
}

impl FdeKind {
    pub fn is_fte(self) -> bool {
        matches!(self, FdeKind::FteLinear | FdeKind::FteSpectrum15)
    }
}

/// One FDE at a given number of coefficients D.
#[derive(Clone, Debug, PartialEq)]
pub struct Fde {
    pub kind: FdeKind,
    pub degree: usize,
}

/// Frequency n_k = 0, 1, 1, 2, 2, … of Fourier basis function k.
pub fn frequency(k: usize) -> usize {
    k.div_ceil(2)
}

/// C_k = −(2π n_k)², the diagonal of the BHE's linear operator.
pub fn bhe_c(k: usize) -> f64 {
    let w = 2.0 * PI * frequency(k) as f64;
    -w * w
}

impl Fde {
    pub fn new(kind: FdeKind, degree: usize) -> Self {
        assert!(
            (1..=MAX_DEGREE).contains(&degree),
            "degree must be 1..={MAX_DEGREE}"
        );
        Fde { kind, degree }
    }

    /// Inputs of the network: t̂ and D coefficients.
    pub fn d_in(&self) -> usize {
        1 + self.degree
    }

    /// FTE velocity a'_k (0 for the BHE).
    pub fn a_prime(&self, k: usize) -> f64 {
        let v = 1.0 / 1.5f64.sqrt();
        match self.kind {
            FdeKind::FteLinear if k == 1 => v,
            FdeKind::FteSpectrum15 if k < 15 => v,
            _ => 0.0,
        }
    }

    /// Time scale T (t = T t̂).
    pub fn time_scale(&self) -> f64 {
        if self.kind.is_fte() { 1.0 } else { BHE_T }
    }

    /// Coefficient scale c_k (a_k = c_k â_k).
    pub fn coef_scale(&self, k: usize) -> f64 {
        if self.kind.is_fte() {
            1.0
        } else if k == 0 {
            0.1
        } else {
            0.1 / (-bhe_c(k))
        }
    }

    /// The exact solution in physical coordinates; `a` may hold any number of coefficients (the
    /// degree study evaluates the full 20-coefficient solution).
    pub fn exact_phys(&self, t: f64, a: &[f64]) -> f64 {
        match self.kind {
            FdeKind::FteLinear | FdeKind::FteSpectrum15 => a
                .iter()
                .enumerate()
                .map(|(k, &ak)| {
                    let v = self.a_prime(k);
                    v * (ak - t * v)
                })
                .sum(),
            FdeKind::BheDelta => {
                let quad: f64 = a
                    .iter()
                    .enumerate()
                    .map(|(k, &ak)| {
                        let n = frequency(k) as f64;
                        (-8.0 * PI * PI * n * n * t).exp() * ak * ak
                    })
                    .sum();
                -MU * a[0] + 0.5 * SIGMA2 * quad
            }
            FdeKind::BheModerate => {
                let s: f64 = a
                    .iter()
                    .enumerate()
                    .map(|(k, &ak)| {
                        let n = frequency(k) as f64;
                        (-((k + 1) as f64) / 20.0).exp() * (-4.0 * PI * PI * n * n * t).exp() * ak
                    })
                    .sum();
                -MU * a[0] + 0.5 * SIGMA2 * s * s
            }
        }
    }

    /// The exact solution at a normalized point s = (t̂, â…) of any length ≥ 2.
    pub fn exact(&self, s: &[f64]) -> f64 {
        let mut a = [0.0; 64];
        let m = s.len() - 1;
        for k in 0..m {
            a[k] = self.coef_scale(k) * s[1 + k];
        }
        self.exact_phys(self.time_scale() * s[0], &a[..m])
    }

    /// The residual direction v at normalized point s, written into `v` (length d_in).
    pub fn direction(&self, s: &[f64], v: &mut [f64]) {
        v[0] = 1.0;
        for k in 0..self.degree {
            v[1 + k] = if self.kind.is_fte() {
                self.a_prime(k)
            } else {
                -BHE_T * bhe_c(k) * s[1 + k]
            };
        }
    }

    /// Whether the direction is the same for every sample (a cheaper jet).
    pub fn shared_direction(&self) -> bool {
        self.kind.is_fte()
    }

    /// J_0(â) = J(t = 0) and its derivative along the residual direction v at s (∂_v J_0, with
    /// v_0 = 1 hitting nothing since J_0 has no t): the terms of the exact-initial-condition form
    /// J = J_0 + t̂·N, whose residual is N + t̂ ∂_v N + ∂_v J_0.
    pub fn initial(&self, s: &[f64]) -> (f64, f64) {
        let d = self.degree;
        let mut v = [0.0; MAX_DEGREE + 1];
        self.direction(s, &mut v[..1 + d]);
        let ahat = &s[1..1 + d];
        match self.kind {
            FdeKind::FteLinear | FdeKind::FteSpectrum15 => {
                let (mut j0, mut dj) = (0.0, 0.0);
                for k in 0..d {
                    let ap = self.a_prime(k);
                    j0 += ap * ahat[k];
                    dj += ap * v[1 + k];
                }
                (j0, dj)
            }
            FdeKind::BheDelta => {
                let c0 = self.coef_scale(0);
                let (mut j0, mut dj) = (-MU * c0 * ahat[0], -MU * c0 * v[1]);
                for k in 0..d {
                    let c = self.coef_scale(k);
                    j0 += 0.5 * SIGMA2 * c * c * ahat[k] * ahat[k];
                    dj += SIGMA2 * c * c * ahat[k] * v[1 + k];
                }
                (j0, dj)
            }
            FdeKind::BheModerate => {
                let c0 = self.coef_scale(0);
                let (mut s0, mut ds) = (0.0, 0.0);
                for k in 0..d {
                    let g = (-((k + 1) as f64) / 20.0).exp() * self.coef_scale(k);
                    s0 += g * ahat[k];
                    ds += g * v[1 + k];
                }
                (
                    -MU * c0 * ahat[0] + 0.5 * SIGMA2 * s0 * s0,
                    -MU * c0 * v[1] + SIGMA2 * s0 * ds,
                )
            }
        }
    }

    /// The equation, its exact solution and the input normalization, in LaTeX.
    pub fn latex(&self) -> (String, String) {
        match self.kind {
            FdeKind::FteLinear | FdeKind::FteSpectrum15 => (
                r"\partial_t J(a,t) = -\sum_{k<D} a'_k\,\frac{\partial J}{\partial a_k}".into(),
                format!(
                    r"J(a,t) = \sum_k a'_k\,(a_k - t\,a'_k),\quad {},\quad t\in[0,1],\ a_k\in[-1,1]",
                    if self.kind == FdeKind::FteLinear {
                        r"a'_1 = 1/\sqrt{1.5},\ a'_{k\ne1} = 0"
                    } else {
                        r"a'_k = 1/\sqrt{1.5}\ (k < 15)"
                    }
                ),
            ),
            FdeKind::BheDelta | FdeKind::BheModerate => (
                r"\partial_\tau W(a,\tau) = \sum_{k<D} a_k C_k\,\frac{\partial W}{\partial a_k},\quad C_k = -(2\pi n_k)^2".into(),
                if self.kind == FdeKind::BheDelta {
                    r"W = -\mu a_0 + \tfrac{\sigma^2}{2}\sum_k e^{-8\pi^2 n_k^2\tau} a_k^2,\quad \mu = 8,\ \sigma^2 = 10,\ \tau\in[0,10^{-3}]".into()
                } else {
                    r"W = -\mu a_0 + \tfrac{\sigma^2}{2}\Big(\sum_k e^{-(k+1)/20} e^{-4\pi^2 n_k^2\tau} a_k\Big)^2,\quad \mu = 8,\ \sigma^2 = 10,\ \tau\in[0,10^{-3}]".into()
                },
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_and_scales() {
        let f = Fde::new(FdeKind::BheDelta, 6);
        let c: Vec<f64> = (0..6).map(bhe_c).collect();
        let want = [0.0, -39.478, -39.478, -157.914, -157.914, -355.306];
        for (a, b) in c.iter().zip(want) {
            assert!((a - b).abs() < 1e-3, "{a} vs {b}");
        }
        assert!((f.coef_scale(3) - 0.1 / 157.9137).abs() < 1e-8);
        let mut v = [0.0; 7];
        f.direction(&[0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], &mut v);
        assert!((v[2] - 1e-3 * 39.478).abs() < 1e-5);
    }
}
