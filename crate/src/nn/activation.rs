//! Activations with their first three derivatives.
//! The jets need σ' and σ'' (first- and second-order input derivatives); the reverse pass through
//! the second-order jet needs σ'''. All four come from one evaluation so the shared
//! transcendental (tanh, sin/cos, exp, erfc) is computed once per element.

use serde::{Deserialize, Serialize};

use super::erf::erfc;
use super::tanh::{madd, tanh_g};

/// Hidden-layer nonlinearity. The output layer is always linear.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Activation {
    Tanh,
    /// sin(ω0·z). ω0 = 30 with [`Init::Siren`](super::Init::Siren) is the SIREN of Sitzmann et al.
    /// (2020); ω0 stays in the forward map (not folded into the weights), as in their code, so the
    /// optimizer sees the same parameter scale.
    Sin {
        omega0: f64,
    },
    /// ln(1 + eᶻ), evaluated without overflow.
    Softplus,
    /// Exact GELU z·Φ(z) with Φ the standard normal CDF (PyTorch's default, not the tanh variant).
    Gelu,
}

const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

impl Activation {
    /// SIREN activation with the paper's ω0 = 30.
    pub fn siren() -> Self {
        Activation::Sin { omega0: 30.0 }
    }

    /// [σ(z), σ'(z), σ''(z), σ'''(z)].
    #[inline(always)]
    pub fn eval(self, z: f64) -> [f64; 4] {
        match self {
            Activation::Tanh => tanh4(z),
            Activation::Sin { omega0 } => sin4(omega0, z),
            Activation::Softplus => softplus4(z),
            Activation::Gelu => gelu4(z),
        }
    }

    /// Elementwise over a slice: `a = σ(z)`, `d1 = σ'`, `d2 = σ''`, `d3 = σ'''`.
    /// The match sits outside the loop so each arm is a tight, inlinable loop.
    pub fn eval_slice(
        self,
        z: &[f64],
        a: &mut [f64],
        d1: &mut [f64],
        d2: &mut [f64],
        d3: &mut [f64],
    ) {
        match self {
            Activation::Tanh => {
                // The branch-free tanh vectorizes: 8 lanes with AVX-512, 4 with AVX2, 2 with
                // SSE2 or wasm simd128. With FMA the fused form runs (other last bits).
                #[cfg(target_arch = "x86_64")]
                {
                    use std::arch::is_x86_feature_detected as has;
                    if has!("avx512f") && has!("fma") {
                        // SAFETY: the features were checked just above; they are the only
                        // precondition.
                        return unsafe { tanh_slice_avx512(z, a, d1, d2, d3) };
                    }
                    if has!("avx2") && has!("fma") {
                        // SAFETY: as above.
                        return unsafe { tanh_slice_fma(z, a, d1, d2, d3) };
                    }
                    if has!("avx2") {
                        // SAFETY: as above.
                        return unsafe { tanh_slice_avx2(z, a, d1, d2, d3) };
                    }
                }
                run_tanh::<false>(z, a, d1, d2, d3)
            }
            Activation::Sin { omega0 } => run(|x| sin4(omega0, x), z, a, d1, d2, d3),
            Activation::Softplus => run(softplus4, z, a, d1, d2, d3),
            Activation::Gelu => run(gelu4, z, a, d1, d2, d3),
        }
    }
}

#[inline(always)]
fn run(
    f: impl Fn(f64) -> [f64; 4],
    z: &[f64],
    a: &mut [f64],
    d1: &mut [f64],
    d2: &mut [f64],
    d3: &mut [f64],
) {
    let n = z.len();
    let (a, d1, d2, d3) = (&mut a[..n], &mut d1[..n], &mut d2[..n], &mut d3[..n]);
    for i in 0..n {
        let [v, g1, g2, g3] = f(z[i]);
        a[i] = v;
        d1[i] = g1;
        d2[i] = g2;
        d3[i] = g3;
    }
}

/// The tanh rows in blocks of 16 independent elements: one element's chain (polynomial, then a
/// division) is long, and separate vectors in flight hide its latency.
#[inline(always)]
fn run_tanh<const FMA: bool>(
    z: &[f64],
    a: &mut [f64],
    d1: &mut [f64],
    d2: &mut [f64],
    d3: &mut [f64],
) {
    const L: usize = 16;
    let n = z.len();
    let (a, d1, d2, d3) = (&mut a[..n], &mut d1[..n], &mut d2[..n], &mut d3[..n]);
    let full = n - n % L;
    for c in (0..full).step_by(L) {
        let zc: &[f64; L] = z[c..c + L].try_into().unwrap();
        let mut out = [[0.0; L]; 4];
        for i in 0..L {
            let v = tanh4_g::<FMA>(zc[i]);
            for (o, x) in out.iter_mut().zip(v) {
                o[i] = x;
            }
        }
        a[c..c + L].copy_from_slice(&out[0]);
        d1[c..c + L].copy_from_slice(&out[1]);
        d2[c..c + L].copy_from_slice(&out[2]);
        d3[c..c + L].copy_from_slice(&out[3]);
    }
    for i in full..n {
        [a[i], d1[i], d2[i], d3[i]] = tanh4_g::<FMA>(z[i]);
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn tanh_slice_avx2(z: &[f64], a: &mut [f64], d1: &mut [f64], d2: &mut [f64], d3: &mut [f64]) {
    run_tanh::<false>(z, a, d1, d2, d3)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn tanh_slice_fma(z: &[f64], a: &mut [f64], d1: &mut [f64], d2: &mut [f64], d3: &mut [f64]) {
    run_tanh::<true>(z, a, d1, d2, d3)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,fma")]
fn tanh_slice_avx512(z: &[f64], a: &mut [f64], d1: &mut [f64], d2: &mut [f64], d3: &mut [f64]) {
    run_tanh::<true>(z, a, d1, d2, d3)
}

#[inline(always)]
fn tanh4(z: f64) -> [f64; 4] {
    tanh4_g::<false>(z)
}

#[inline(always)]
fn tanh4_g<const FMA: bool>(z: f64) -> [f64; 4] {
    let t = tanh_g::<FMA>(z);
    let s = madd::<FMA>(-t, t, 1.0);
    [t, s, -2.0 * t * s, s * madd::<FMA>(6.0 * t, t, -2.0)]
}

#[inline(always)]
fn sin4(w: f64, z: f64) -> [f64; 4] {
    let (s, c) = (w * z).sin_cos();
    let w2 = w * w;
    [s, w * c, -w2 * s, -w2 * w * c]
}

#[inline(always)]
fn softplus4(z: f64) -> [f64; 4] {
    // e = exp(-|z|) ≤ 1 never overflows; s = sigmoid(z) and q = 1 - s are both formed without
    // cancellation, so σ'' = s·q keeps full relative accuracy in the tails.
    let e = (-z.abs()).exp();
    let r = 1.0 / (1.0 + e);
    let (v, s, q) = if z > 0.0 {
        (z + e.ln_1p(), r, e * r)
    } else {
        (e.ln_1p(), e * r, r)
    };
    let sq = s * q;
    [v, s, sq, sq * (q - s)]
}

#[inline(always)]
fn gelu4(z: f64) -> [f64; 4] {
    // Φ(z) = erfc(-z/√2)/2 keeps relative accuracy for very negative z, where 1 + erf would cancel.
    let cdf = 0.5 * erfc(-z * std::f64::consts::FRAC_1_SQRT_2);
    let pdf = FRAC_1_SQRT_2PI * (-0.5 * z * z).exp();
    let z2 = z * z;
    [
        z * cdf,
        cdf + z * pdf,
        pdf * (2.0 - z2),
        z * pdf * (z2 - 4.0),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each derivative against a central difference of the one before it.
    #[test]
    fn derivatives_match_differences() {
        let acts = [
            Activation::Tanh,
            Activation::Sin { omega0: 3.0 },
            Activation::Softplus,
            Activation::Gelu,
        ];
        for act in acts {
            for &z in &[-7.0, -2.3, -0.4, 0.0, 0.3, 1.7, 6.0] {
                let h = 1e-5;
                let (p, m) = (act.eval(z + h), act.eval(z - h));
                let d = act.eval(z);
                for order in 0..3 {
                    let fd = (p[order] - m[order]) / (2.0 * h);
                    let err = (fd - d[order + 1]).abs();
                    assert!(
                        err < 1e-7 * (1.0 + d[order + 1].abs()),
                        "{act:?} z={z} order {}: {fd} vs {}",
                        order + 1,
                        d[order + 1]
                    );
                }
            }
        }
    }

    #[test]
    fn slice_evaluation_matches_the_scalar_one() {
        // Bitwise, except for the fused tanh loops of FMA CPUs (a few ulp).
        let z: Vec<f64> = (0..103).map(|i| -12.0 + 0.2371 * i as f64).collect();
        let acts = [
            Activation::Tanh,
            Activation::siren(),
            Activation::Softplus,
            Activation::Gelu,
        ];
        for act in acts {
            let mut out = vec![vec![0.0; z.len()]; 4];
            let [a, d1, d2, d3] = &mut out[..] else {
                unreachable!()
            };
            act.eval_slice(&z, a, d1, d2, d3);
            for (i, &x) in z.iter().enumerate() {
                let e = act.eval(x);
                for (j, o) in out.iter().enumerate() {
                    if act == Activation::Tanh {
                        let tol = 8.0 * f64::EPSILON * (e[j].abs() + e[0].abs() + 1e-300);
                        assert!(
                            (o[i] - e[j]).abs() <= tol,
                            "{act:?} z={x}: {} vs {}",
                            o[i],
                            e[j]
                        );
                    } else {
                        assert_eq!(o[i].to_bits(), e[j].to_bits(), "{act:?} z={x}");
                    }
                }
            }
        }
    }

    #[test]
    fn softplus_and_gelu_tails() {
        assert_eq!(Activation::Softplus.eval(800.0)[0], 800.0);
        assert!(Activation::Softplus.eval(-800.0)[0] >= 0.0);
        let g = Activation::Gelu.eval(-10.0);
        assert!(g[0] < 0.0 && g[0] > -1e-20);
        assert!((Activation::Gelu.eval(10.0)[0] - 10.0).abs() < 1e-15);
    }
}
