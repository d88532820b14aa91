//! The one matrix product every layer uses: C (+)= A·B with arbitrary strides on A and B.
//! Forward (H·Wᵀ), data adjoint (Z̄·W) and weight adjoint (Z̄ᵀ·H) are all this product with
//! different strides, so transposes are never materialized.
//!
//! An MR×NR register tile accumulates over the shared dimension (blocks of KC). The tile reads
//! A in place, one broadcast scalar per row and step, so any strides cost the same and A is
//! never copied; B is read in place as rows of NR contiguous values when its columns are
//! contiguous, and otherwise (the forward product's Wᵀ, and ragged edges) packed once per
//! KC-block into zero-padded NR-column panels. Only a ragged last row tile of A is copied (into
//! an MR-row zero-padded panel), so one full-size tile serves every shape.
//! The layers' products are small (≤ a few hundred rows by 64), where a GotoBLAS-style copy of
//! A cost about a third of the product itself natively. The portable tile (wasm, SSE2) is the
//! exception: it packs both A and B into panels and reads them with constant strides, which
//! LLVM vectorizes; reading in place cost ~12% of a wasm training step.
//!
//! Tiles: the portable one is 4×4 (x86-64's SSE2 baseline and wasm32 simd128 share the 2-lane
//! f64 shape and 16 vector registers). On x86-64, chosen at run time: AVX2 6×8 (12 ymm
//! accumulators); with FMA the same tile accumulates with fused multiply-adds, and with
//! AVX-512F a 8×16 tile runs (16 zmm accumulators), also fused.
//!
//! Rounding: without FMA every tile sums each element over k in the same order with separate
//! multiply and add, so the portable, SSE2, AVX2 and wasm results are identical. The fused
//! paths round once per multiply-add instead of twice, so **results differ by CPU in the last
//! bits** (a few ulp of each product's sum, far below the f64 training noise); tests compare
//! with tolerances.

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
    /// Whether every element of an `r × c` matrix lies inside `data`.
    fn covers(&self, r: usize, c: usize) -> bool {
        (r - 1)
            .checked_mul(self.rs)
            .and_then(|x| x.checked_add((c - 1).checked_mul(self.cs)?))
            .is_some_and(|last| last < self.data.len())
    }
}

/// Shared-dimension block: a KC×NR panel of B stays in L1 while the row tiles stream past it.
const KC: usize = 256;

/// Panel buffers, kept in the tape so that a training step does not allocate.
#[derive(Clone, Debug, Default)]
pub struct GemmScratch {
    apack: Vec<f64>,
    bpack: Vec<f64>,
}

/// `C[m×n] = A[m×k]·B[k×n]` (or `+=` when `accumulate`), `[m, n, k] = dims`; C is row-major
/// with leading dimension `ldc`. Panics if a view or C is too short for its shape.
pub fn gemm(
    s: &mut GemmScratch,
    dims: [usize; 3],
    a: View,
    b: View,
    c: &mut [f64],
    ldc: usize,
    accumulate: bool,
) {
    let [m, n, k] = dims;
    if m == 0 || n == 0 {
        return;
    }
    assert!(
        n <= ldc && (m - 1) * ldc + n <= c.len(),
        "gemm: C is too short"
    );
    if k == 0 {
        if !accumulate {
            for i in 0..m {
                c[i * ldc..i * ldc + n].fill(0.0);
            }
        }
        return;
    }
    assert!(
        a.covers(m, k) && b.covers(k, n),
        "gemm: A or B is too short"
    );
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        // The wide tile only where its padding wastes little (the output layer has n = 1).
        if n > 8 && m >= 8 && has!("avx512f") && has!("fma") {
            // SAFETY: the features were checked just above; bounds were checked by the asserts.
            return unsafe { gemm_avx512(s, dims, a, b, c, ldc, accumulate) };
        }
        if has!("avx2") {
            // SAFETY: as above.
            return unsafe { gemm_avx2(s, dims, a, b, c, ldc, accumulate, has!("fma")) };
        }
    }
    // SAFETY: bounds were checked by the asserts above; the portable tile runs anywhere.
    unsafe {
        gemm_tiled::<4, 4, true>(s, dims, a, b, c, ldc, accumulate, |t| {
            tile_portable::<4, 4>(t)
        })
    }
}

/// A tile kernel: `C[mr×nr] (= or +=) Σ_{p<kc} A[r, p]·B[p, j]` for the tile at `c` (row stride
/// `ldc`), A(r, p) at `a[r·ars + p·acs]` for r < MR and B row p at `b[p·ldb..p·ldb + NR]`.
/// Every element sums in p order from zero, then goes into C.
#[derive(Clone, Copy)]
struct TileArgs {
    kc: usize,
    a: *const f64,
    ars: usize,
    acs: usize,
    b: *const f64,
    ldb: usize,
    c: *mut f64,
    ldc: usize,
    mr: usize,
    nr: usize,
    assign: bool,
}

/// AVX2 6×8 tile (12 ymm accumulators, 2 for the B row and broadcasts: fits the 16 registers),
/// fused when `fma`; a single-row tile when A has fewer than 6 rows (the output layer's
/// weight adjoint has one).
#[cfg(target_arch = "x86_64")]
#[allow(clippy::too_many_arguments)]
#[target_feature(enable = "avx2")]
unsafe fn gemm_avx2(
    s: &mut GemmScratch,
    dims: [usize; 3],
    a: View,
    b: View,
    c: &mut [f64],
    ldc: usize,
    accumulate: bool,
    fma: bool,
) {
    // SAFETY: forwarded from the caller, which checked AVX2 and (when `fma`) FMA.
    unsafe {
        match (dims[0] < 6, fma) {
            (false, true) => gemm_tiled::<6, 8, false>(s, dims, a, b, c, ldc, accumulate, |t| {
                x86::tile_fma::<6>(t)
            }),
            (false, false) => gemm_tiled::<6, 8, false>(s, dims, a, b, c, ldc, accumulate, |t| {
                x86::tile_avx2::<6>(t)
            }),
            (true, true) => gemm_tiled::<1, 8, false>(s, dims, a, b, c, ldc, accumulate, |t| {
                x86::tile_fma::<1>(t)
            }),
            (true, false) => gemm_tiled::<1, 8, false>(s, dims, a, b, c, ldc, accumulate, |t| {
                x86::tile_avx2::<1>(t)
            }),
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,fma")]
unsafe fn gemm_avx512(
    s: &mut GemmScratch,
    dims: [usize; 3],
    a: View,
    b: View,
    c: &mut [f64],
    ldc: usize,
    accumulate: bool,
) {
    // 8×16 tile = 16 zmm accumulators of the 32 registers.
    // SAFETY: as in gemm_avx2, with AVX-512F and FMA checked.
    unsafe {
        gemm_tiled::<8, 16, false>(s, dims, a, b, c, ldc, accumulate, |t| {
            x86::tile_avx512::<8>(t)
        })
    }
}

/// # Safety
/// `a` covers m×k, `b` covers k×n, `c` holds rows of `ldc ≥ n` for m rows (checked in `gemm`),
/// and `tile` is an MR×NR kernel that is safe to run on this CPU; with `PACK` it gets packed
/// panels (`ars = 1, acs = MR, ldb = NR`), which [`tile_portable`] requires.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
unsafe fn gemm_tiled<const MR: usize, const NR: usize, const PACK: bool>(
    s: &mut GemmScratch,
    [m, n, k]: [usize; 3],
    a: View,
    b: View,
    c: &mut [f64],
    ldc: usize,
    accumulate: bool,
    tile: impl Fn(TileArgs),
) {
    let n_panels = n.div_ceil(NR);
    // x86's tiles read A in place (broadcasts from any strides), except a ragged last row tile.
    // The portable tile (wasm, SSE2) packs A and B into panels (`PACK`) and reads them with
    // constant strides, which LLVM turns into vector loads; in place it was ~12% slower in wasm.
    let packed_from = if PACK { 0 } else { m - m % MR };
    // B in place when its rows are contiguous; then only a ragged last panel is copied.
    let direct_b = b.cs == 1 && !PACK;
    let first_packed = if direct_b { n - n % NR } else { 0 };
    for p0 in (0..k).step_by(KC) {
        let kc = KC.min(k - p0);
        // The first k-block overwrites C unless accumulating: no separate zeroing pass.
        let assign = p0 == 0 && !accumulate;
        if first_packed < n {
            pack_b::<NR>(&mut s.bpack, b, p0, kc, first_packed, n);
        }
        if packed_from < m {
            pack_a::<MR>(&mut s.apack, a, packed_from, m, p0, kc);
        }
        let (bpack, apack) = (s.bpack.as_ptr(), s.apack.as_ptr());
        for jp in 0..n_panels {
            let j0 = jp * NR;
            let nr = NR.min(n - j0);
            // SAFETY: in place, rows p0..p0+kc and columns j0..j0+NR of B exist (j0 + NR ≤ n);
            // a packed panel holds kc×NR values.
            let (bp, ldb) = unsafe {
                if j0 < first_packed {
                    (b.data.as_ptr().add(p0 * b.rs + j0), b.rs)
                } else {
                    (bpack.add((j0 - first_packed) / NR * kc * NR), NR)
                }
            };
            let mut r0 = 0;
            while r0 < m {
                let (ap, ars, acs) = if r0 < packed_from {
                    // SAFETY: rows r0..r0+MR, columns p0..p0+kc of A exist.
                    (
                        unsafe { a.data.as_ptr().add(r0 * a.rs + p0 * a.cs) },
                        a.rs,
                        a.cs,
                    )
                } else {
                    // SAFETY: panel (r0 − packed_from)/MR of the packed A exists.
                    (
                        unsafe { apack.add((r0 - packed_from) / MR * kc * MR) },
                        1,
                        MR,
                    )
                };
                tile(TileArgs {
                    kc,
                    a: ap,
                    ars,
                    acs,
                    b: bp,
                    ldb,
                    // SAFETY: row r0 < m of C, column j0 < n.
                    c: unsafe { c.as_mut_ptr().add(r0 * ldc + j0) },
                    ldc,
                    mr: MR.min(m - r0),
                    nr,
                    assign,
                });
                r0 += MR;
            }
        }
    }
}

/// The portable tile: plain loops that LLVM keeps in registers and vectorizes. It reads packed
/// panels (A as [p][r], B as [p][j]), so every stride is a constant.
///
/// # Safety
/// The reads and writes that [`TileArgs`] describes are in bounds, with `ars = 1, acs = MR` and
/// `ldb = NR`.
#[inline(always)]
unsafe fn tile_portable<const MR: usize, const NR: usize>(t: TileArgs) {
    debug_assert!(t.ars == 1 && t.acs == MR && t.ldb == NR);
    let mut acc = [[0.0; NR]; MR];
    // SAFETY: the caller guarantees kc panels of MR (A) and NR (B) values.
    let (ap, bp) = unsafe {
        (
            std::slice::from_raw_parts(t.a, t.kc * MR),
            std::slice::from_raw_parts(t.b, t.kc * NR),
        )
    };
    for (av, bv) in ap.chunks_exact(MR).zip(bp.chunks_exact(NR)) {
        for (acc_r, a) in acc.iter_mut().zip(av) {
            for (x, bj) in acc_r.iter_mut().zip(bv) {
                *x += a * bj;
            }
        }
    }
    // SAFETY: the caller guarantees these writes.
    unsafe { store(&acc, t) }
}

/// Writes (or adds) the valid mr×nr part of a finished tile into C.
///
/// # Safety
/// As for the tile kernels.
#[inline(always)]
unsafe fn store<const MR: usize, const NR: usize>(acc: &[[f64; NR]; MR], t: TileArgs) {
    for (r, row) in acc.iter().enumerate().take(t.mr) {
        // SAFETY: row r < mr of the tile, nr ≤ NR columns.
        let dst = unsafe { std::slice::from_raw_parts_mut(t.c.add(r * t.ldc), t.nr) };
        // Full tiles go through fixed-size arrays so the copy stays in registers;
        // a runtime-length copy becomes a memcpy call per tile row.
        if let Ok(dst) = <&mut [f64; NR]>::try_from(&mut *dst) {
            if t.assign {
                *dst = *row;
            } else {
                dst.iter_mut().zip(row).for_each(|(d, v)| *d += v);
            }
        } else {
            for (d, v) in dst.iter_mut().zip(row) {
                *d = if t.assign { *v } else { *d + v };
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    //! Explicit-intrinsic tiles (LLVM's vectorizer turned the strided A reads of the portable
    //! tile into gathers once fused multiply-adds were allowed).
    use super::{TileArgs, store};
    use std::arch::x86_64::*;

    /// The MR×8 AVX2 tile in 2·MR ymm accumulators, once unfused and once fused (each
    /// function carries exactly the features it may use, so the unfused one runs without FMA).
    macro_rules! tile_avx2 {
        ($name:ident, $features:literal, $fma:literal) => {
            /// # Safety
            /// The features are available; the accesses of `t` are in bounds.
            #[target_feature(enable = $features)]
            pub(super) unsafe fn $name<const MR: usize>(t: TileArgs) {
                const FMA: bool = $fma;
                let mut acc = [[_mm256_setzero_pd(); 2]; MR];
                let (mut a, mut b) = (t.a, t.b);
                for _ in 0..t.kc {
                    // SAFETY: the caller guarantees these reads.
                    unsafe {
                        let b0 = _mm256_loadu_pd(b);
                        let b1 = _mm256_loadu_pd(b.add(4));
                        for (r, acc_r) in acc.iter_mut().enumerate() {
                            let av = _mm256_broadcast_sd(&*a.add(r * t.ars));
                            if FMA {
                                acc_r[0] = _mm256_fmadd_pd(av, b0, acc_r[0]);
                                acc_r[1] = _mm256_fmadd_pd(av, b1, acc_r[1]);
                            } else {
                                acc_r[0] = _mm256_add_pd(acc_r[0], _mm256_mul_pd(av, b0));
                                acc_r[1] = _mm256_add_pd(acc_r[1], _mm256_mul_pd(av, b1));
                            }
                        }
                        a = a.add(t.acs);
                        b = b.add(t.ldb);
                    }
                }
                if t.nr == 8 && t.mr == MR {
                    for (r, acc_r) in acc.iter().enumerate() {
                        // SAFETY: a full tile: 8 columns of row r exist.
                        unsafe {
                            let c = t.c.add(r * t.ldc);
                            let (mut v0, mut v1) = (acc_r[0], acc_r[1]);
                            if !t.assign {
                                v0 = _mm256_add_pd(_mm256_loadu_pd(c), v0);
                                v1 = _mm256_add_pd(_mm256_loadu_pd(c.add(4)), v1);
                            }
                            _mm256_storeu_pd(c, v0);
                            _mm256_storeu_pd(c.add(4), v1);
                        }
                    }
                } else {
                    let mut out = [[0.0; 8]; MR];
                    for (o, acc_r) in out.iter_mut().zip(&acc) {
                        // SAFETY: 8 doubles fit in `o`.
                        unsafe {
                            _mm256_storeu_pd(o.as_mut_ptr(), acc_r[0]);
                            _mm256_storeu_pd(o.as_mut_ptr().add(4), acc_r[1]);
                        }
                    }
                    // SAFETY: the caller guarantees the writes.
                    unsafe { store(&out, t) }
                }
            }
        };
    }
    tile_avx2!(tile_avx2, "avx2", false);
    tile_avx2!(tile_fma, "avx2,fma", true);

    /// MR×16 tile in 2·MR zmm accumulators, fused.
    ///
    /// # Safety
    /// AVX-512F and FMA are available; the accesses of `t` are in bounds.
    #[target_feature(enable = "avx512f,fma")]
    pub(super) unsafe fn tile_avx512<const MR: usize>(t: TileArgs) {
        let mut acc = [[_mm512_setzero_pd(); 2]; MR];
        let (mut a, mut b) = (t.a, t.b);
        for _ in 0..t.kc {
            // SAFETY: the caller guarantees these reads.
            unsafe {
                let b0 = _mm512_loadu_pd(b);
                let b1 = _mm512_loadu_pd(b.add(8));
                for (r, acc_r) in acc.iter_mut().enumerate() {
                    let av = _mm512_set1_pd(*a.add(r * t.ars));
                    acc_r[0] = _mm512_fmadd_pd(av, b0, acc_r[0]);
                    acc_r[1] = _mm512_fmadd_pd(av, b1, acc_r[1]);
                }
                a = a.add(t.acs);
                b = b.add(t.ldb);
            }
        }
        if t.nr == 16 && t.mr == MR {
            for (r, acc_r) in acc.iter().enumerate() {
                // SAFETY: a full tile: 16 columns of row r exist.
                unsafe {
                    let c = t.c.add(r * t.ldc);
                    let (mut v0, mut v1) = (acc_r[0], acc_r[1]);
                    if !t.assign {
                        v0 = _mm512_add_pd(_mm512_loadu_pd(c), v0);
                        v1 = _mm512_add_pd(_mm512_loadu_pd(c.add(8)), v1);
                    }
                    _mm512_storeu_pd(c, v0);
                    _mm512_storeu_pd(c.add(8), v1);
                }
            }
        } else {
            let mut out = [[0.0; 16]; MR];
            for (o, acc_r) in out.iter_mut().zip(&acc) {
                // SAFETY: 16 doubles fit in `o`.
                unsafe {
                    _mm512_storeu_pd(o.as_mut_ptr(), acc_r[0]);
                    _mm512_storeu_pd(o.as_mut_ptr().add(8), acc_r[1]);
                }
            }
            // SAFETY: the caller guarantees the writes.
            unsafe { store(&out, t) }
        }
    }
}

/// Rows i_start..m, columns p0..p0+kc of A into MR-row panels laid out [panel][p][r],
/// zero-padded.
fn pack_a<const MR: usize>(
    buf: &mut Vec<f64>,
    a: View,
    i_start: usize,
    m: usize,
    p0: usize,
    kc: usize,
) {
    let panels = (m - i_start).div_ceil(MR);
    buf.resize(panels * kc * MR, 0.0);
    for (ip, dst) in buf.chunks_exact_mut(kc * MR).enumerate() {
        let i0 = i_start + ip * MR;
        let rows = MR.min(m - i0);
        for (p, d) in dst.chunks_exact_mut(MR).enumerate() {
            for (r, v) in d.iter_mut().enumerate() {
                *v = if r < rows {
                    a.data[(i0 + r) * a.rs + (p0 + p) * a.cs]
                } else {
                    0.0
                };
            }
        }
    }
}

/// Rows p0..p0+kc, columns j_start..n of B into NR-column panels laid out [panel][p][j],
/// zero-padded.
fn pack_b<const NR: usize>(
    buf: &mut Vec<f64>,
    b: View,
    p0: usize,
    kc: usize,
    j_start: usize,
    n: usize,
) {
    let panels = (n - j_start).div_ceil(NR);
    buf.resize(panels * kc * NR, 0.0);
    for (jp, dst) in buf.chunks_exact_mut(kc * NR).enumerate() {
        let j0 = j_start + jp * NR;
        let cols = NR.min(n - j0);
        for (p, d) in dst.chunks_exact_mut(NR).enumerate() {
            let row = &b.data[(p0 + p) * b.rs..];
            for (j, v) in d.iter_mut().enumerate() {
                *v = if j < cols { row[(j0 + j) * b.cs] } else { 0.0 };
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
    fn unfused_tiles_round_identically_and_fused_ones_closely() {
        // Without FMA the tile shape must not change results (same k order); the fused paths
        // differ from them in the last bits only.
        let mut rng = Rng::new(6);
        let (m, n, k) = (37, 19, 300);
        let a: Vec<f64> = (0..m * k).map(|_| rng.normal()).collect();
        let b: Vec<f64> = (0..k * n).map(|_| rng.normal()).collect();
        let mut s = GemmScratch::default();
        for (av, bv) in [
            (View::rows(&a, k), View::rows(&b, n)),
            (View::rows(&a, k), View::cols(&b, k)),
        ] {
            let run = |f: &dyn Fn(&mut GemmScratch, &mut [f64])| {
                let mut c = vec![0.0; m * n];
                f(&mut GemmScratch::default(), &mut c);
                c
            };
            // SAFETY: the shapes fit the buffers.
            let c44 = run(&|s, c| unsafe {
                gemm_tiled::<4, 4, true>(s, [m, n, k], av, bv, c, n, false, |t| {
                    tile_portable::<4, 4>(t)
                })
            });
            let c68 = run(&|s, c| unsafe {
                gemm_tiled::<6, 8, true>(s, [m, n, k], av, bv, c, n, false, |t| {
                    tile_portable::<6, 8>(t)
                })
            });
            assert_eq!(c44, c68);
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: AVX2 was checked just above; the shapes fit the buffers.
                let avx2 =
                    run(&|s, c| unsafe { gemm_avx2(s, [m, n, k], av, bv, c, n, false, false) });
                assert_eq!(c44, avx2);
            }
            let mut c = vec![0.0; m * n];
            gemm(&mut s, [m, n, k], av, bv, &mut c, n, false);
            for (x, y) in c.iter().zip(&c44) {
                assert!((x - y).abs() <= 1e-13 * (1.0 + y.abs()), "{x} vs {y}");
            }
        }
    }
}
