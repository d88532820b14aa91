//! A branch-free tanh, within 8e-16 relative of libm (a few ulp), so activation loops vectorize.
//! libm's tanh is an opaque call per element and took ~40% of a value-and-gradient step.
//!
//! tanh(a) = m/(m + 2) with m = expm1(2a) ≥ 0 for a = |x|: no cancellation anywhere, and for
//! small a, m ≈ 2a keeps full relative accuracy. expm1 uses Cody–Waite reduction
//! y = k·ln2 + r, |r| ≤ ln2/2, a degree-13 series for expm1(r) (truncation < 2e-17 relative)
//! evaluated in Estrin form (half the dependency chain of Horner), and
//! expm1(y) = 2^k·expm1(r) + (2^k − 1) with 2^k built from exponent bits.
//! The jets use σ' = 1 − t² etc. computed from this t, so derivative identities hold to rounding.
//! Where the CPU has FMA the slice loops use the fused form (`tanh_g::<true>`): equally accurate,
//! fewer instructions and a shorter dependency chain, but other last bits than the plain form.

/// 1/(n+1)! for n = 0..=12: expm1(r) = r·Σ C[n]·rⁿ.
const C: [f64; 13] = [
    1.0,
    0.5,
    0.16666666666666666,
    0.041666666666666664,
    0.008333333333333333,
    0.001388888888888889,
    0.0001984126984126984,
    2.48015873015873e-05,
    2.7557319223985893e-06,
    2.755731922398589e-07,
    2.505210838544172e-08,
    2.08767569878681e-09,
    1.6059043836821613e-10,
];

/// ln 2 split so that k·LN2_HI is exact for |k| < 2^20 (fdlibm's constants).
const LN2_HI: f64 = 6.931_471_803_691_238e-1;
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
/// 1.5·2^52: adding it rounds to an integer held in the low mantissa bits.
const ROUND: f64 = 6_755_399_441_055_744.0;

/// `a·b + c`, fused (one rounding) when `FMA`. Only monomorphizations inside functions compiled
/// with the `fma` target feature may set it; elsewhere `mul_add` would be a libm call.
#[inline(always)]
pub(crate) fn madd<const FMA: bool>(a: f64, b: f64, c: f64) -> f64 {
    if FMA { a.mul_add(b, c) } else { a * b + c }
}

/// e^y − 1 for 0 ≤ y ≤ 700, without calls or branches.
#[inline(always)]
fn expm1_nonneg<const FMA: bool>(y: f64) -> f64 {
    let t = madd::<FMA>(y, std::f64::consts::LOG2_E, ROUND);
    let kf = t - ROUND;
    // k as a two's-complement integer from the low bits of t (no float→int conversion needed).
    let k = t.to_bits().wrapping_sub(ROUND.to_bits());
    let r = madd::<FMA>(-kf, LN2_LO, madd::<FMA>(-kf, LN2_HI, y));
    let r2 = r * r;
    let q = |i: usize| madd::<FMA>(C[i + 1], r, C[i]);
    let mut p = C[12];
    for i in (0..6).rev() {
        p = madd::<FMA>(r2, p, q(2 * i));
    }
    let scale = f64::from_bits(k.wrapping_add(1023) << 52);
    madd::<FMA>(r * p, scale, scale - 1.0)
}

/// tanh(x); NaN in, NaN out. With fused multiply-adds when `FMA` (same accuracy, other last bits; see [`madd`]).
#[inline(always)]
pub(crate) fn tanh_g<const FMA: bool>(x: f64) -> f64 {
    // tanh(|x| ≥ 19.1) rounds to 1, so clamping keeps e^{2|x|} finite without changing results.
    let a = x.abs().min(20.0);
    let m = expm1_nonneg::<FMA>(2.0 * a);
    let t = m / (m + 2.0);
    if x.is_nan() { x } else { t.copysign(x) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    #[test]
    fn within_a_few_ulp_of_libm() {
        within_a_few_ulp::<false>();
        // The fused form (software fma where the CPU has none: slow but exact).
        within_a_few_ulp::<true>();
    }

    fn within_a_few_ulp<const FMA: bool>() {
        let mut rng = Rng::new(9);
        let mut worst = 0f64;
        let mut check = |x: f64| {
            let (a, b) = (tanh_g::<FMA>(x), x.tanh());
            let err = (a - b).abs() / b.abs().max(f64::MIN_POSITIVE);
            worst = worst.max(err);
            assert!(err <= 1e-15, "tanh({x:e}) = {a:e}, libm {b:e}");
        };
        for _ in 0..200_000 {
            check(rng.uniform_in(-25.0, 25.0));
            check(rng.uniform_in(-0.6, 0.6));
            check(rng.normal() * 1e-3);
        }
        for x in [
            0.0,
            1e-300,
            0.3,
            0.3 - 1e-16,
            0.29999999999999993,
            19.0,
            19.1,
            30.0,
            710.0,
            f64::INFINITY,
        ] {
            check(x);
            check(-x);
        }
        assert!(tanh_g::<FMA>(f64::NAN).is_nan());
        assert!(tanh_g::<FMA>(-0.0).is_sign_negative());
        assert!(worst < 8e-16, "worst relative error {worst:e}");
    }
}
