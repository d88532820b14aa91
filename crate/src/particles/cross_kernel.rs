//! The non-symmetric pair kernels on the CPU, over the same `Points` and lanes as
//! `pair_kernel.rs`: cross sums between two point sets (the MMD's cross term, SSGE's evaluation
//! at every particle) and the kernel Stein discrepancy's double sum. Each row i is broadcast
//! against blocks of 8 points of the other set; the last block is masked.

use wide::f32x8;

use super::pair_kernel::{InBlock, PairSums, Points};
use super::simd::{LANES, Lanes};

/// Σ_j k(a_i, b_j) (and Σ_j k(a_i, b_j) w_j when `b` has weights) for every point a_i: the MMD
/// cross term and the SSGE evaluation. O(|a|·|b|); no symmetry to use.
pub fn cross_sums(a: &Points, b: &Points, h: f64) -> PairSums {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 is present.
        return unsafe { cross_sums_avx2(a, b, h) };
    }
    cross_sums_with::<f32x8>(a, b, h)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn cross_sums_avx2(a: &Points, b: &Points, h: f64) -> PairSums {
    cross_sums_with::<super::simd::Avx8>(a, b, h)
}

#[inline(always)]
fn cross_sums_with<L: Lanes>(a: &Points, b: &Points, h: f64) -> PairSums {
    let m = b.n;
    let neg_c = L::splat((-0.5 / h) as f32);
    let full = m / LANES;
    let last_mask = L::load(&std::array::from_fn(|l| {
        if full * LANES + l < m { 1.0 } else { 0.0 }
    }));
    let mut out = PairSums::default();
    for i in 0..a.n {
        let (x, y, _, _) = a.at(i);
        let (x, y) = (L::splat(x), L::splat(y));
        let z = L::splat(0.0);
        let (mut s, mut wx, mut wy) = (z, z, z);
        let mut visit = |blk: &InBlock, mask: Option<L>| {
            let dx = x.sub(L::load(&blk.x));
            let dy = y.sub(L::load(&blk.y));
            let mut k = dx.mul(dx).add(dy.mul(dy)).mul(neg_c).exp_neg();
            if let Some(m) = mask {
                k = k.mul(m);
            }
            s = s.add(k);
            if b.weighted {
                wx = wx.add(k.mul(L::load(&blk.wx)));
                wy = wy.add(k.mul(L::load(&blk.wy)));
            }
        };
        for blk in &b.blocks[..full] {
            visit(blk, None);
        }
        if full < b.blocks.len() {
            visit(&b.blocks[full], Some(last_mask));
        }
        out.sums.push(s.sum());
        if b.weighted {
            out.wx.push(wx.sum());
            out.wy.push(wy.sum());
        }
    }
    out
}

/// Σ_i Σ_j u_p(x_i, x_j), the kernel Stein discrepancy's double sum (V-statistic), with the
/// scores s = ∇log p as the points' weights and d = 2:
/// u_p(x, y) = k(x, y) [s_xᵀs_y + (s_x − s_y)ᵀ(x − y)/h + d/h − ‖x − y‖²/h²].
pub fn stein_sum(p: &Points, h: f64) -> f64 {
    assert!(p.weighted, "the Stein kernel needs the scores as weights");
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 is present.
        return unsafe { stein_sum_avx2(p, h) };
    }
    stein_sum_with::<f32x8>(p, h)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn stein_sum_avx2(p: &Points, h: f64) -> f64 {
    stein_sum_with::<super::simd::Avx8>(p, h)
}

#[inline(always)]
fn stein_sum_with<L: Lanes>(p: &Points, h: f64) -> f64 {
    let n = p.n;
    let neg_c = L::splat((-0.5 / h) as f32);
    let inv_h = L::splat((1.0 / h) as f32);
    let inv_h2 = L::splat((1.0 / (h * h)) as f32);
    let two_over_h = L::splat((2.0 / h) as f32);
    let full = n / LANES;
    let last_mask = L::load(&std::array::from_fn(|l| {
        if full * LANES + l < n { 1.0 } else { 0.0 }
    }));
    let mut total = 0.0f64;
    for i in 0..n {
        let (x, y, sx, sy) = p.at(i);
        let (x, y, sx, sy) = (L::splat(x), L::splat(y), L::splat(sx), L::splat(sy));
        let mut acc = L::splat(0.0);
        let mut visit = |blk: &InBlock, mask: Option<L>| {
            let dx = x.sub(L::load(&blk.x));
            let dy = y.sub(L::load(&blk.y));
            let (tx, ty) = (L::load(&blk.wx), L::load(&blk.wy));
            let r2 = dx.mul(dx).add(dy.mul(dy));
            let mut k = r2.mul(neg_c).exp_neg();
            if let Some(m) = mask {
                k = k.mul(m);
            }
            let dot = sx.mul(tx).add(sy.mul(ty));
            let cross = sx.sub(tx).mul(dx).add(sy.sub(ty).mul(dy));
            let t = dot
                .add(cross.mul(inv_h))
                .add(two_over_h)
                .sub(r2.mul(inv_h2));
            acc = acc.add(k.mul(t));
        };
        for blk in &p.blocks[..full] {
            visit(blk, None);
        }
        if full < p.blocks.len() {
            visit(&p.blocks[full], Some(last_mask));
        }
        total += acc.sum() as f64;
    }
    total
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;
    use crate::rng::Rng;

    #[test]
    fn the_avx2_builds_are_bit_identical_to_the_portable_ones() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let mut rng = Rng::new(9);
        let mut col = |n: usize| (0..n).map(|_| rng.normal()).collect::<Vec<f64>>();
        let (xs, ys, wx, wy) = (col(1500), col(1500), col(1500), col(1500));
        let p = Points::new(&xs, &ys).with_weights(&wx, &wy);
        let q = Points::new(&xs[..37], &ys[..37]).with_weights(&wx[..37], &wy[..37]);
        let bits = |s: &PairSums| {
            [&s.sums, &s.wx, &s.wy].map(|v| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>())
        };
        // SAFETY: AVX2 was detected above.
        let fast = unsafe { cross_sums_avx2(&p, &q, 0.3) };
        assert_eq!(bits(&fast), bits(&cross_sums_with::<f32x8>(&p, &q, 0.3)));
        // SAFETY: as above.
        let fast = unsafe { stein_sum_avx2(&q, 0.3) };
        assert_eq!(fast.to_bits(), stein_sum_with::<f32x8>(&q, 0.3).to_bits());
    }
}
