//! The one matrix product every layer uses: C (+)= A·B with arbitrary strides on A and B.
//! Forward (H·Wᵀ), data adjoint (Z̄·W) and weight adjoint (Z̄ᵀ·H) are all this product with
//! different strides, so transposes are never materialized.
//!
//! Structure follows GotoBLAS: blocks of A and B are packed into contiguous micro-panels
//! (zero-padded at the edges), and an MR×NR register tile accumulates over the shared
//! dimension. Packing makes the inner loop bounds-check free and lets LLVM keep the tile in
//! registers and vectorize it. The portable tile is 4×4: x86-64's SSE2 baseline and wasm32
//! simd128 share the 2-lane f64 shape and 16 vector registers.

/// A strided read-only matrix view: element (i, j) is `data[i * rs + j * cs]`.
#[derive(Clone, Copy, Debug)]
pub struct View<'a> {
    pub data: &'a [f64],
    pub rs: usize,
    pub cs: usize,
}

impl<'a> View<'a> {
    /// Row-major with leading dimension `ld`.
    pub fn rows(data: &'a [f64], ld: usize) -> Self {
        View {
            data,
            rs: ld,
            cs: 1,
        }
    }
    /// The transpose of a row-major matrix with leading dimension `ld`.
    pub fn cols(data: &'a [f64], ld: usize) -> Self {
        View {
            data,
            rs: 1,
            cs: ld,
        }
    }
    #[inline(always)]
    fn at(&self, i: usize, j: usize) -> f64 {
        self.data[i * self.rs + j * self.cs]
    }
}

/// Shared-dimension block: a KC×NR panel of B plus a KC×MR panel of A stay in L1.
const KC: usize = 256;
/// Rows of A packed at once: MC×KC doubles (256 KiB) sit in L2.
const MC: usize = 128;

/// Packing buffers, kept in the tape so that a training step does not allocate.
#[derive(Clone, Debug, Default)]
pub struct GemmScratch {
    apack: Vec<f64>,
    bpack: Vec<f64>,
}

/// `C[m×n] = A[m×k]·B[k×n]` (or `+=` when `accumulate`), `[m, n, k] = dims`; C is row-major
/// with leading dimension `ldc`.
///
/// On x86-64 with AVX2 a wider tile runs (same code, compiled for 4-lane vectors). It uses no
/// FMA and sums every element over k in the same order, so both paths round identically and
/// results do not depend on the CPU.
pub fn gemm(
    s: &mut GemmScratch,
    dims: [usize; 3],
    a: View,
    b: View,
    c: &mut [f64],
    ldc: usize,
    accumulate: bool,
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 support was checked just above; it is gemm_avx2's only precondition.
        return unsafe { gemm_avx2(s, dims, a, b, c, ldc, accumulate) };
    }
    gemm_tiled::<4, 4>(s, dims, a, b, c, ldc, accumulate)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn gemm_avx2(
    s: &mut GemmScratch,
    dims: [usize; 3],
    a: View,
    b: View,
    c: &mut [f64],
    ldc: usize,
    accumulate: bool,
) {
    // 4×8 tile = 8 ymm accumulators, 2 for the B row and broadcasts: fits the 16 registers.
    gemm_tiled::<6, 8>(s, dims, a, b, c, ldc, accumulate)
}

#[inline(always)]
fn gemm_tiled<const MR: usize, const NR: usize>(
    s: &mut GemmScratch,
    [m, n, k]: [usize; 3],
    a: View,
    b: View,
    c: &mut [f64],
    ldc: usize,
    accumulate: bool,
) {
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        if !accumulate {
            for i in 0..m {
                c[i * ldc..i * ldc + n].fill(0.0);
            }
        }
        return;
    }
    let n_panels = n.div_ceil(NR);
    for p0 in (0..k).step_by(KC) {
        let kc = KC.min(k - p0);
        // The first k-block overwrites C unless accumulating: no separate zeroing pass.
        let assign = p0 == 0 && !accumulate;
        pack_b::<NR>(&mut s.bpack, b, p0, kc, n);
        for i0 in (0..m).step_by(MC) {
            let mc = MC.min(m - i0);
            pack_a::<MR>(&mut s.apack, a, i0, mc, p0, kc);
            for jp in 0..n_panels {
                let bp = &s.bpack[jp * kc * NR..(jp + 1) * kc * NR];
                let j0 = jp * NR;
                let nr = NR.min(n - j0);
                for ip in 0..mc.div_ceil(MR) {
                    let ap = &s.apack[ip * kc * MR..(ip + 1) * kc * MR];
                    let tile = kernel::<MR, NR>(ap, bp);
                    let r0 = i0 + ip * MR;
                    let mr = MR.min(m - r0);
                    for (r, row) in tile.iter().enumerate().take(mr) {
                        let at = (r0 + r) * ldc + j0;
                        // Full tiles go through fixed-size arrays so the copy stays in registers;
                        // a runtime-length copy becomes a memcpy call per tile row.
                        if let Ok(dst) = <&mut [f64; NR]>::try_from(&mut c[at..at + nr]) {
                            if assign {
                                *dst = *row;
                            } else {
                                dst.iter_mut().zip(row).for_each(|(d, v)| *d += v);
                            }
                        } else {
                            let dst = &mut c[at..at + nr];
                            for (d, v) in dst.iter_mut().zip(row) {
                                *d = if assign { *v } else { *d + v };
                            }
                        }
                    }
                }
            }
        }
    }
}

#[inline(always)]
fn kernel<const MR: usize, const NR: usize>(ap: &[f64], bp: &[f64]) -> [[f64; NR]; MR] {
    let mut acc = [[0.0; NR]; MR];
    for (a, b) in ap.chunks_exact(MR).zip(bp.chunks_exact(NR)) {
        for r in 0..MR {
            for j in 0..NR {
                acc[r][j] += a[r] * b[j];
            }
        }
    }
    acc
}

/// Rows i0..i0+mc, columns p0..p0+kc of A into MR-row micro-panels laid out [panel][p][r].
/// Every slot is written (padding rows with 0), so the buffer is never zero-filled first.
#[inline(always)]
fn pack_a<const MR: usize>(
    buf: &mut Vec<f64>,
    a: View,
    i0: usize,
    mc: usize,
    p0: usize,
    kc: usize,
) {
    let panels = mc.div_ceil(MR);
    buf.resize(panels * kc * MR, 0.0);
    for ip in 0..panels {
        let dst = &mut buf[ip * kc * MR..(ip + 1) * kc * MR];
        let rows = MR.min(mc - ip * MR);
        // p outer, r inner: for a transposed A (weight adjoint) the r entries are adjacent.
        for (p, d) in dst.chunks_exact_mut(MR).enumerate() {
            for (r, v) in d.iter_mut().enumerate() {
                *v = if r < rows {
                    a.at(i0 + ip * MR + r, p0 + p)
                } else {
                    0.0
                };
            }
        }
    }
}

/// Rows p0..p0+kc of B (all n columns) into NR-column micro-panels laid out [panel][p][j].
#[inline(always)]
fn pack_b<const NR: usize>(buf: &mut Vec<f64>, b: View, p0: usize, kc: usize, n: usize) {
    let panels = n.div_ceil(NR);
    buf.resize(panels * kc * NR, 0.0);
    for jp in 0..panels {
        let dst = &mut buf[jp * kc * NR..(jp + 1) * kc * NR];
        let cols = NR.min(n - jp * NR);
        for (p, d) in dst.chunks_exact_mut(NR).enumerate() {
            for (j, v) in d.iter_mut().enumerate() {
                *v = if j < cols {
                    b.at(p0 + p, jp * NR + j)
                } else {
                    0.0
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    #[test]
    fn matches_naive_product_for_all_stride_kinds() {
        let mut rng = Rng::new(5);
        let mut s = GemmScratch::default();
        for &(m, n, k) in &[(1, 1, 1), (3, 5, 7), (9, 4, 300), (130, 17, 3), (4, 4, 0)] {
            let a: Vec<f64> = (0..m * k).map(|_| rng.normal()).collect();
            let b: Vec<f64> = (0..k * n).map(|_| rng.normal()).collect();
            // A row-major / B row-major, then A given transposed and B given transposed.
            let at: Vec<f64> = (0..k * m).map(|t| a[(t % m) * k + t / m]).collect();
            let bt: Vec<f64> = (0..n * k).map(|t| b[(t % k) * n + t / k]).collect();
            let naive: Vec<f64> = (0..m * n)
                .map(|t| (0..k).map(|p| a[(t / n) * k + p] * b[p * n + t % n]).sum())
                .collect();
            for (av, bv) in [
                (View::rows(&a, k), View::rows(&b, n)),
                (View::cols(&at, m), View::cols(&bt, k)),
            ] {
                let mut c = vec![1.0; m * n];
                gemm(&mut s, [m, n, k], av, bv, &mut c, n, true);
                for t in 0..m * n {
                    assert!(
                        (c[t] - 1.0 - naive[t]).abs() < 1e-12 * (1.0 + k as f64),
                        "{m}x{n}x{k}"
                    );
                }
                gemm(&mut s, [m, n, k], av, bv, &mut c, n, false);
                for t in 0..m * n {
                    assert!((c[t] - naive[t]).abs() < 1e-12 * (1.0 + k as f64));
                }
            }
        }
    }

    #[test]
    fn every_tile_shape_rounds_identically() {
        // The CPU-dependent dispatch must not change results: same k order, no FMA.
        let mut rng = Rng::new(6);
        let (m, n, k) = (37, 19, 300);
        let a: Vec<f64> = (0..m * k).map(|_| rng.normal()).collect();
        let b: Vec<f64> = (0..k * n).map(|_| rng.normal()).collect();
        let mut s = GemmScratch::default();
        let (av, bv) = (View::rows(&a, k), View::rows(&b, n));
        let mut c1 = vec![0.0; m * n];
        gemm(&mut s, [m, n, k], av, bv, &mut c1, n, false);
        let mut c2 = vec![0.0; m * n];
        gemm_tiled::<4, 4>(&mut s, [m, n, k], av, bv, &mut c2, n, false);
        let mut c3 = vec![0.0; m * n];
        gemm_tiled::<6, 8>(&mut s, [m, n, k], av, bv, &mut c3, n, false);
        assert_eq!(c1, c2);
        assert_eq!(c1, c3);
    }
}
