//! The one matrix product every layer uses: C (+)= A·B with arbitrary strides on A and B.
//! Forward (H·Wᵀ), data adjoint (Z̄·W) and weight adjoint (Z̄ᵀ·H) are all this product with
//! different strides, so transposes are never materialized.
//!
//! Structure follows GotoBLAS: blocks of A and B are packed into contiguous micro-panels
//! (zero-padded at the edges), and an MR×NR register tile accumulates over the shared
//! dimension. Packing makes the inner loop bounds-check free and lets LLVM keep the tile in
//! registers and vectorize it, both on x86-64 (SSE2 baseline) and wasm32 simd128, which share
//! the same 2-lane f64 shape and 16 vector registers — hence the 4×4 tile.

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

const MR: usize = 4;
const NR: usize = 4;
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

/// `C[m×n] = A[m×k]·B[k×n]` (or `+=` when `accumulate`); C is row-major with leading dim `ldc`.
pub fn gemm(
    s: &mut GemmScratch,
    m: usize,
    n: usize,
    k: usize,
    a: View,
    b: View,
    c: &mut [f64],
    ldc: usize,
    accumulate: bool,
) {
    if m == 0 || n == 0 {
        return;
    }
    if !accumulate {
        for i in 0..m {
            c[i * ldc..i * ldc + n].fill(0.0);
        }
    }
    if k == 0 {
        return;
    }
    let n_panels = n.div_ceil(NR);
    for p0 in (0..k).step_by(KC) {
        let kc = KC.min(k - p0);
        pack_b(&mut s.bpack, b, p0, kc, n);
        for i0 in (0..m).step_by(MC) {
            let mc = MC.min(m - i0);
            pack_a(&mut s.apack, a, i0, mc, p0, kc);
            for jp in 0..n_panels {
                let bp = &s.bpack[jp * kc * NR..(jp + 1) * kc * NR];
                let j0 = jp * NR;
                let nr = NR.min(n - j0);
                for ip in 0..mc.div_ceil(MR) {
                    let ap = &s.apack[ip * kc * MR..(ip + 1) * kc * MR];
                    let tile = kernel(ap, bp);
                    let r0 = i0 + ip * MR;
                    let mr = MR.min(m - r0);
                    for (r, row) in tile.iter().enumerate().take(mr) {
                        let dst = &mut c[(r0 + r) * ldc + j0..(r0 + r) * ldc + j0 + nr];
                        for (d, v) in dst.iter_mut().zip(row) {
                            *d += v;
                        }
                    }
                }
            }
        }
    }
}

#[inline(always)]
fn kernel(ap: &[f64], bp: &[f64]) -> [[f64; NR]; MR] {
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
fn pack_a(buf: &mut Vec<f64>, a: View, i0: usize, mc: usize, p0: usize, kc: usize) {
    let panels = mc.div_ceil(MR);
    buf.clear();
    buf.resize(panels * kc * MR, 0.0);
    for ip in 0..panels {
        let dst = &mut buf[ip * kc * MR..(ip + 1) * kc * MR];
        let rows = MR.min(mc - ip * MR);
        for r in 0..rows {
            let i = i0 + ip * MR + r;
            for p in 0..kc {
                dst[p * MR + r] = a.at(i, p0 + p);
            }
        }
    }
}

/// Rows p0..p0+kc of B (all n columns) into NR-column micro-panels laid out [panel][p][j].
fn pack_b(buf: &mut Vec<f64>, b: View, p0: usize, kc: usize, n: usize) {
    let panels = n.div_ceil(NR);
    buf.clear();
    buf.resize(panels * kc * NR, 0.0);
    for jp in 0..panels {
        let dst = &mut buf[jp * kc * NR..(jp + 1) * kc * NR];
        let cols = NR.min(n - jp * NR);
        for p in 0..kc {
            for j in 0..cols {
                dst[p * NR + j] = b.at(p0 + p, jp * NR + j);
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
                gemm(&mut s, m, n, k, av, bv, &mut c, n, true);
                for t in 0..m * n {
                    assert!(
                        (c[t] - 1.0 - naive[t]).abs() < 1e-12 * (1.0 + k as f64),
                        "{m}x{n}x{k}"
                    );
                }
                gemm(&mut s, m, n, k, av, bv, &mut c, n, false);
                for t in 0..m * n {
                    assert!((c[t] - naive[t]).abs() < 1e-12 * (1.0 + k as f64));
                }
            }
        }
    }
}
