//! Shared helpers of the nn tests: random networks and a generic reference evaluation of the
//! same network on num-dual numbers, written independently of the jet code.
#![allow(dead_code)]

use deltaf::nn::{Activation, LN_EPS, Mlp, MlpConfig};
use deltaf::rng::Rng;
use num_dual::DualNum;

pub const ACTS: usize = 4;

/// ω0 = 30 (SIREN) only without layer norm: LN rescales the pre-activations to unit variance,
/// so sin(30·) would see ~5 periods per unit and the network itself becomes ill-conditioned
/// (two correct f64 evaluations then differ by ~1e-11); SIREN is not used with LN anyway.
pub fn activation(idx: usize, variant: u64, ln: bool) -> Activation {
    match idx % ACTS {
        0 => Activation::Tanh,
        1 => Activation::Sin {
            omega0: if ln || variant.is_multiple_of(2) {
                1.0
            } else {
                30.0
            },
        },
        2 => Activation::Softplus,
        _ => Activation::Gelu,
    }
}

/// A network with Auto init, then every parameter perturbed so that biases, layer-norm gains and
/// shifts are generic (not 0 / 1), which would hide missing terms.
pub fn random_net(seed: u64, sizes: Vec<usize>, act: Activation, ln: bool) -> (Mlp, Rng) {
    // Layer norm over 2 units is degenerate (its output is ±γ + β up to ε/var, so derivatives are
    // total cancellations); tests use it from 3 units.
    let sizes = if ln {
        sizes
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                if i > 0 && i + 1 < sizes.len() {
                    s.max(3)
                } else {
                    s
                }
            })
            .collect()
    } else {
        sizes
    };
    let cfg = MlpConfig {
        sizes,
        activation: act,
        layer_norm: ln,
        init: deltaf::nn::Init::Auto,
    };
    let mut rng = Rng::new(seed);
    let mut net = Mlp::new(cfg, &mut rng);
    let amp = match act {
        Activation::Sin { omega0 } => 0.2 / omega0,
        _ => 0.2,
    };
    for p in net.params_mut() {
        *p += amp * rng.normal();
    }
    (net, rng)
}

pub fn normals(rng: &mut Rng, n: usize) -> Vec<f64> {
    (0..n).map(|_| rng.normal()).collect()
}

/// Φ(z) for any dual type by its Taylor series at re(z): exact, because every dual part is
/// nilpotent of order ≤ 4 for the types used here (Φ⁽ⁿ⁺¹⁾ = (−1)ⁿ Heₙ φ with Hermite Heₙ).
fn normal_cdf<D: DualNum<Primitive = f64> + Copy>(z: D) -> D {
    let x0 = z.re();
    let dz = z - D::from(x0);
    let pdf = (-0.5 * x0 * x0).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let mut sum = D::from(0.5 * deltaf::nn::erfc(-x0 / std::f64::consts::SQRT_2));
    let (mut he_prev, mut he) = (0.0, 1.0); // He_{-1}, He_0
    let (mut pow, mut fact) = (D::from(1.0), 1.0);
    for n in 1..=6 {
        pow *= dz;
        fact *= n as f64;
        let sign = if n % 2 == 1 { 1.0 } else { -1.0 };
        sum += pow * (sign * he * pdf / fact);
        // He_n = x He_{n-1} − (n−1) He_{n-2}
        let next = x0 * he - (n - 1) as f64 * he_prev;
        (he_prev, he) = (he, next);
    }
    sum
}

pub fn act_ref<D: DualNum<Primitive = f64> + Copy>(a: Activation, z: D) -> D {
    match a {
        Activation::Tanh => z.tanh(),
        Activation::Sin { omega0 } => (z * omega0).sin(),
        Activation::Softplus => {
            if z.re() > 0.0 {
                z + (-z).exp().ln_1p()
            } else {
                z.exp().ln_1p()
            }
        }
        Activation::Gelu => z * normal_cdf(z),
    }
}

/// The network evaluated on any dual type, straight from the documented parameter layout.
pub fn net_ref<D: DualNum<Primitive = f64> + Copy>(net: &Mlp, p: &[D], x: &[D]) -> Vec<D> {
    let mut h: Vec<D> = x.to_vec();
    for d in net.layers() {
        let mut z: Vec<D> = (0..d.n_out)
            .map(|o| {
                let mut s = p[d.b + o];
                for (i, &hi) in h.iter().enumerate() {
                    s += p[d.w + o * d.n_in + i] * hi;
                }
                s
            })
            .collect();
        if !d.hidden {
            return z;
        }
        if let Some(g) = d.ln {
            let n = d.n_out as f64;
            let mean = z.iter().copied().sum::<D>() / n;
            let c: Vec<D> = z.iter().map(|&v| v - mean).collect();
            let var = c.iter().map(|&v| v * v).sum::<D>() / n;
            let s = (var + LN_EPS).sqrt();
            z = (0..d.n_out)
                .map(|o| p[g + o] * c[o] / s + p[g + d.n_out + o])
                .collect();
        }
        h = z
            .into_iter()
            .map(|v| act_ref(net.activation(), v))
            .collect();
    }
    unreachable!("the last layer returns")
}

/// Proptest case count: `PROPTEST_CASES` when set (for long soak runs), else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Normwise mixed check of an array: every |got − want| ≤ tol·max(1, ‖want‖∞). Errors are
/// measured against the array's scale because single entries can be sums of much larger terms
/// that cancel (a small u_xx of a SIREN whose typical second derivatives are ~ω0²); the rounding
/// error of any correct f64 evaluation is relative to those terms, not to the small result.
pub fn check(name: &str, got: &[f64], want: &[f64], tol: f64) -> Result<(), String> {
    assert_eq!(got.len(), want.len(), "{name}: lengths differ");
    let scale = want.iter().fold(1f64, |m, v| m.max(v.abs()));
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        let err = (g - w).abs();
        if err > tol * scale || err.is_nan() {
            return Err(format!(
                "{name}[{i}]: {g} vs {w} (|Δ| = {err:.2e}, scale {scale:.3e})"
            ));
        }
    }
    Ok(())
}
