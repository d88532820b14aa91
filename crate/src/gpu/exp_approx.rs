//! exp(x) for x ≤ 0 in f32 without a library call.
//!
//! `f32::exp` is an out-of-line call that stops LLVM from vectorizing the pair loops (measured
//! 60 → 7 GFLOP/s, ../shared/notes/performance.md). This Cephes-style version (range reduction by
//! ln 2, degree-6 polynomial, 2^n by exponent bits) inlines and vectorizes; its max relative error
//! is ~2e-7 on [−87, 0]. Below −87 it returns 0-ish values (~1e-38), which is what the kernels want.

#[inline(always)]
pub fn exp_neg_f32(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    const LN2_HI: f32 = 0.693_359_4;
    const LN2_LO: f32 = -2.121_944_4e-4;
    let x = x.clamp(-87.0, 0.0);
    // n = round(x / ln 2). For x ≤ 0, truncating x·log2e − 0.5 toward zero rounds it; the
    // float→int conversion vectorizes on every target, while floor() is a libm call on plain
    // x86-64 (no SSE4.1) and stopped the pair loops from vectorizing natively (measured 3× slower).
    let n = (x * LOG2E - 0.5) as i32 as f32;
    let r = x - n * LN2_HI - n * LN2_LO;
    // Cephes expf polynomial for e^r on |r| ≤ ln2/2.
    let mut p = 1.987_569_1e-4_f32;
    p = p * r + 1.398_199_9e-3;
    p = p * r + 8.333_452e-3;
    p = p * r + 4.166_579_6e-2;
    p = p * r + 1.666_666_5e-1;
    p = p * r + 5.0e-1;
    let er = p * r * r + r + 1.0;
    // 2^n by building the exponent field; n ∈ [−126, 0] after the clamp.
    let scale = f32::from_bits(((n as i32 + 127) as u32) << 23);
    er * scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_std_exp_to_a_few_ulps() {
        let mut worst = 0.0f64;
        let mut x = -87.0f32;
        while x <= 0.0 {
            let exact = (x as f64).exp();
            let rel = ((exp_neg_f32(x) as f64 - exact) / exact).abs();
            worst = worst.max(rel);
            x += 0.001_3;
        }
        assert!(worst < 3e-7, "max relative error {worst:e}");
        assert_eq!(exp_neg_f32(0.0), 1.0);
        assert!(exp_neg_f32(-1000.0) < 1e-37);
    }
}
