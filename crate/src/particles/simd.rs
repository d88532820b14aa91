//! Eight f32 lanes for the CPU pair kernels, behind one small trait so the same kernel body runs
//! as `wide::f32x8` (two simd128 vectors in wasm, two SSE2 vectors on plain x86-64) and, natively
//! when the CPU has it, as one AVX2 register (runtime detection: the build targets plain x86-64).
//!
//! Every implementation performs the same IEEE operations lane by lane, in the same order, with
//! no fused multiply-add: the kernels give bit-identical results on every path, so a seed
//! reproduces a run exactly whichever CPU (or wasm) ran it. `tests` below checks that.

use wide::{f32x8, u32x8};

pub const LANES: usize = 8;

/// What the kernels need from a vector of 8 f32.
pub trait Lanes: Copy {
    fn splat(v: f32) -> Self;
    fn load(s: &[f32; LANES]) -> Self;
    fn store(self, s: &mut [f32; LANES]);
    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    fn min(self, o: Self) -> Self;
    fn max(self, o: Self) -> Self;
    /// The float bits as u32, shifted left by 23 then plus `add` (for 2^n, see `exp_neg`).
    fn bits_shl23_add(self, add: u32) -> Self;
    fn to_array(self) -> [f32; LANES];

    /// e^x for x ≤ 0 (values below −87 give ~1e-38). Range reduction as Cephes expf (the same as
    /// `gpu::exp_neg_f32`), n = round(x / ln 2) by the 1.5·2^23 trick, which needs no float↔int
    /// conversion (wide converts i32→f32 lane by lane without AVX2). On |r| ≤ ln2/2,
    /// e^r ≈ 1 + r + r²(c0 + c1 r + c2 r² + c3 r³): a near-minimax fit for relative error
    /// (Lawson's reweighted least squares), 1.7e-7 at most in f32 — as accurate as Cephes' two
    /// extra terms, which cost 4 of the ~36 operations of a pair.
    #[inline(always)]
    fn exp_neg(self) -> Self {
        const MAGIC: f32 = 12_582_912.0; // 1.5 · 2^23: adding it rounds to an integer
        // (No upper clamp: callers pass x ≤ 0, and small positive x would still be right.)
        let x = self.max(Self::splat(-87.0));
        let shifted = x
            .mul(Self::splat(std::f32::consts::LOG2_E))
            .add(Self::splat(MAGIC));
        let n = shifted.sub(Self::splat(MAGIC));
        let r = x
            .sub(n.mul(Self::splat(0.693_359_4)))
            .sub(n.mul(Self::splat(-2.121_944_4e-4)));
        let mut p = Self::splat(8.312_506e-3);
        for c in [4.189_009_6e-2, 1.666_711_4e-1, 4.999_923e-1] {
            p = p.mul(r).add(Self::splat(c));
        }
        let er = p.mul(r).mul(r).add(r).add(Self::splat(1.0));
        // bits(shifted) = 0x4B40_0000 + n; shifted left by 23 the constant part leaves the
        // 32 bits, so (bits << 23) + (127 << 23) is the bit pattern of 2^n.
        er.mul(shifted.bits_shl23_add(127 << 23))
    }

    /// Sum of the lanes in a fixed order (the same on every path).
    #[inline(always)]
    fn sum(self) -> f32 {
        let a = self.to_array();
        ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]))
    }
}

impl Lanes for f32x8 {
    #[inline(always)]
    fn splat(v: f32) -> Self {
        f32x8::splat(v)
    }
    #[inline(always)]
    fn load(s: &[f32; LANES]) -> Self {
        f32x8::new(*s)
    }
    #[inline(always)]
    fn store(self, s: &mut [f32; LANES]) {
        *s = self.to_array();
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        self + o
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        self - o
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        self * o
    }
    // `fast_*` map to the plain min/max instructions, as the AVX2 path does.
    #[inline(always)]
    fn min(self, o: Self) -> Self {
        self.fast_min(o)
    }
    #[inline(always)]
    fn max(self, o: Self) -> Self {
        self.fast_max(o)
    }
    #[inline(always)]
    fn bits_shl23_add(self, add: u32) -> Self {
        let bits: u32x8 = bytemuck::cast(self);
        bytemuck::cast((bits << 23u32) + u32x8::splat(add))
    }
    #[inline(always)]
    fn to_array(self) -> [f32; LANES] {
        f32x8::to_array(self)
    }
}

/// One AVX2 register. Its methods are only sound inside a function compiled with
/// `#[target_feature(enable = "avx2")]` after `is_x86_feature_detected!("avx2")` said yes; they
/// are `inline(always)` so that they are compiled into that function (see `pair_kernel.rs`).
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
pub struct Avx8(std::arch::x86_64::__m256);

#[cfg(target_arch = "x86_64")]
mod avx {
    use super::{Avx8, LANES, Lanes};
    use std::arch::x86_64::*;

    // SAFETY (every method): AVX2 is present; callers guarantee it (see the type's docs).
    impl Lanes for Avx8 {
        #[inline(always)]
        fn splat(v: f32) -> Self {
            Avx8(unsafe { _mm256_set1_ps(v) })
        }
        #[inline(always)]
        fn load(s: &[f32; LANES]) -> Self {
            Avx8(unsafe { _mm256_loadu_ps(s.as_ptr()) })
        }
        #[inline(always)]
        fn store(self, s: &mut [f32; LANES]) {
            unsafe { _mm256_storeu_ps(s.as_mut_ptr(), self.0) }
        }
        #[inline(always)]
        fn add(self, o: Self) -> Self {
            Avx8(unsafe { _mm256_add_ps(self.0, o.0) })
        }
        #[inline(always)]
        fn sub(self, o: Self) -> Self {
            Avx8(unsafe { _mm256_sub_ps(self.0, o.0) })
        }
        #[inline(always)]
        fn mul(self, o: Self) -> Self {
            Avx8(unsafe { _mm256_mul_ps(self.0, o.0) })
        }
        #[inline(always)]
        fn min(self, o: Self) -> Self {
            Avx8(unsafe { _mm256_min_ps(self.0, o.0) })
        }
        #[inline(always)]
        fn max(self, o: Self) -> Self {
            Avx8(unsafe { _mm256_max_ps(self.0, o.0) })
        }
        #[inline(always)]
        fn bits_shl23_add(self, add: u32) -> Self {
            unsafe {
                let bits = _mm256_slli_epi32::<23>(_mm256_castps_si256(self.0));
                Avx8(_mm256_castsi256_ps(_mm256_add_epi32(
                    bits,
                    _mm256_set1_epi32(add as i32),
                )))
            }
        }
        #[inline(always)]
        fn to_array(self) -> [f32; LANES] {
            let mut out = [0.0; LANES];
            unsafe { _mm256_storeu_ps(out.as_mut_ptr(), self.0) };
            out
        }
    }
}

/// Whether this process runs the AVX2 instantiation of the kernels (natively, when the CPU has
/// AVX2); shown in the lab's status text.
pub fn simd_path() -> &'static str {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        return "native AVX2 f32x8";
    }
    if cfg!(target_arch = "wasm32") {
        "wasm simd128 f32x8"
    } else {
        "native SSE2 f32x8"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[inline(always)]
    fn exp_of<L: Lanes>(xs: &[f32; 8]) -> [f32; 8] {
        L::load(xs).exp_neg().to_array()
    }

    #[test]
    fn exp_neg_is_accurate_on_its_range() {
        let mut worst = 0.0f64;
        let mut x = -87.0f32;
        while x <= 0.0 {
            let block: [f32; 8] = std::array::from_fn(|l| (x + 0.000_17 * l as f32).min(0.0));
            for (v, xi) in exp_of::<f32x8>(&block).iter().zip(block) {
                let exact = (xi as f64).exp();
                worst = worst.max(((*v as f64 - exact) / exact).abs());
            }
            x += 0.001_3;
        }
        assert!(worst < 3e-7, "max relative error {worst:e}");
        let edge = exp_of::<f32x8>(&[0.0, -1000.0, -87.0, -1e-30, -0.5, -1.0, -2.0, -20.0]);
        assert_eq!(edge[0], 1.0);
        assert!(edge[1] < 1e-37 && edge[1] >= 0.0);
        assert!((edge[5] as f64 - (-1f64).exp()).abs() < 1e-7);
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx2_lanes_are_bit_identical_to_wide() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        #[target_feature(enable = "avx2")]
        fn via_avx(xs: &[f32; 8]) -> [f32; 8] {
            exp_of::<Avx8>(xs)
        }
        let mut x = -90.0f32;
        while x <= 0.0 {
            let block: [f32; 8] = std::array::from_fn(|l| (x + 0.0007 * l as f32).min(0.0));
            // SAFETY: AVX2 was detected above.
            let fast = unsafe { via_avx(&block) };
            let portable = exp_of::<f32x8>(&block);
            assert_eq!(fast.map(f32::to_bits), portable.map(f32::to_bits), "at {x}");
            x += 0.0113;
        }
    }
}
