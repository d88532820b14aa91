//! The O(N²) RBF pair sums of the particle algorithms on the CPU, for 2D points:
//!
//!   sums[i]   = Σ_j k_ij            (KDE, MMD)
//!   wsums[i]  = Σ_j k_ij w_j        (a 2D weight per point)
//!
//! with k_ij = exp(−‖x_i − x_j‖²/(2h)). The algorithms need nothing else: with w = x the
//! repulsion is grads[i] = Σ_j (x_i − x_j) k_ij / h = (x_i sums[i] − wsums[i]) / h (`rbf_sums`,
//! kde-WGD), and SVGD's direction Σ_j k_ij (s_j + (x_i − x_j)/h) is wsums[i] + x_i sums[i]/h with
//! w = s − x/h (`svgd.rs`). Three accumulators instead of five cut the SVGD step by a quarter
//! natively and a third in wasm (measured at N = 4096). The price is cancellation in
//! x_i sums[i] − wsums[i]: callers centre the points first (so |x| compares with the cloud's
//! spread, not its distance from the origin), and the repulsion's normwise error is then ~|x|/√h
//! f32 ulps, 2.6e-5 for h = 0.05 on a unit cloud against 2e-6 for the direct sum: far below what
//! moves a particle, and within the 1e-5·√N the f32 GPU kernels are held to.
//!
//! `pair_sums` visits each unordered pair once (the kernel is symmetric: the j side of a pair is
//! added to the j-th accumulators in memory); `cross_kernel.rs` holds the kernels over two point
//! sets (MMD, SSGE) and the Stein kernel (KSD). Why it is fast (../shared/notes/performance.md): blocks of 8 points stored as structure of arrays
//! (x[8], y[8], w[8]…) on 64-byte lines, 8 lanes per operation (`simd.rs`), an inline polynomial
//! exp, zipped block iterators (no bounds checks in the inner loop), and column tiles small enough
//! that the j-side accumulators stay in cache while the rows stream past them.
//!
//! The f64 oracles are `gpu::rbf_pair_sum::reference` and `gpu::svgd_direction::reference`.

use wide::f32x8;

use super::simd::{LANES, Lanes};

/// Eight points: coordinates and weights, one lane per point.
#[repr(C, align(64))]
#[derive(Clone, Copy, Default)]
pub(super) struct InBlock {
    pub(super) x: [f32; LANES],
    pub(super) y: [f32; LANES],
    pub(super) wx: [f32; LANES],
    pub(super) wy: [f32; LANES],
}

/// The accumulators of eight points.
#[repr(C, align(32))]
#[derive(Clone, Copy, Default)]
struct OutBlock {
    s: [f32; LANES],
    wx: [f32; LANES],
    wy: [f32; LANES],
}

/// 2D points (and optional 2D weights per point) ready for the kernels; padding lanes are zero
/// and masked out.
#[derive(Clone)]
pub struct Points {
    pub n: usize,
    pub(super) blocks: Vec<InBlock>,
    pub(super) weighted: bool,
}

impl Points {
    pub fn new(xs: &[f64], ys: &[f64]) -> Self {
        assert_eq!(xs.len(), ys.len());
        let n = xs.len();
        let mut blocks = vec![InBlock::default(); n.div_ceil(LANES)];
        for i in 0..n {
            let b = &mut blocks[i / LANES];
            b.x[i % LANES] = xs[i] as f32;
            b.y[i % LANES] = ys[i] as f32;
        }
        Points {
            n,
            blocks,
            weighted: false,
        }
    }

    pub fn with_weights(mut self, wx: &[f64], wy: &[f64]) -> Self {
        assert!(wx.len() == self.n && wy.len() == self.n);
        for i in 0..self.n {
            let b = &mut self.blocks[i / LANES];
            b.wx[i % LANES] = wx[i] as f32;
            b.wy[i % LANES] = wy[i] as f32;
        }
        self.weighted = true;
        self
    }

    pub(super) fn at(&self, i: usize) -> (f32, f32, f32, f32) {
        let b = &self.blocks[i / LANES];
        let l = i % LANES;
        (b.x[l], b.y[l], b.wx[l], b.wy[l])
    }
}

/// Results, length n each; `wx, wy` are empty without weights.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PairSums {
    pub sums: Vec<f32>,
    pub wx: Vec<f32>,
    pub wy: Vec<f32>,
}

/// Rows meet the columns in tiles of this many blocks (1024 points: 96 KiB of accumulators and
/// 128 KiB of inputs, L2-resident at every N; measured without tiles, N = 16 384 slowed by a
/// third). A constant, so the summation order (and every bit) is the same on every machine.
const TILE_BLOCKS: usize = 128;

/// Σ over pairs i < j, each once, plus the diagonal. Dispatches to the AVX2 build when the CPU
/// has it; the results are bit-identical either way (simd.rs).
pub fn pair_sums(p: &Points, h: f64) -> PairSums {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 is present.
        return unsafe { pair_sums_avx2(p, h) };
    }
    pair_sums_portable(p, h)
}

/// The `wide::f32x8` build (the one wasm runs); public so tests can compare it with the AVX2 one.
pub fn pair_sums_portable(p: &Points, h: f64) -> PairSums {
    pair_sums_with::<f32x8>(p, h)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn pair_sums_avx2(p: &Points, h: f64) -> PairSums {
    pair_sums_with::<super::simd::Avx8>(p, h)
}

/// Kernel sums and repulsion of points (centred first, see the module docs):
/// (Σ_j k_ij, Σ_j (x_i − x_j) k_ij / h, Σ_j (y_i − y_j) k_ij / h).
pub fn rbf_sums(xs: &[f64], ys: &[f64], h: f64) -> (Vec<f32>, Vec<f64>, Vec<f64>) {
    let (cx, cy) = centred(xs, ys);
    let r = pair_sums(&Points::new(&cx, &cy).with_weights(&cx, &cy), h);
    let g = |c: &[f64], w: &[f32]| -> Vec<f64> {
        (0..c.len())
            .map(|i| (c[i] * r.sums[i] as f64 - w[i] as f64) / h)
            .collect()
    };
    let (gx, gy) = (g(&cx, &r.wx), g(&cy, &r.wy));
    (r.sums, gx, gy)
}

/// `rbf_sums` in the layout of the GPU kernel (`gpu::RbfSums`: sums, then gradients n × 2), from
/// interleaved f32 points: the CPU path wherever that kernel has a CPU twin (repulsion, Device page).
pub fn rbf_sums_2d(points: &[f32], h: f64) -> crate::gpu::RbfSums {
    let xs: Vec<f64> = points.iter().step_by(2).map(|&v| v as f64).collect();
    let ys: Vec<f64> = points
        .iter()
        .skip(1)
        .step_by(2)
        .map(|&v| v as f64)
        .collect();
    let (sums, gx, gy) = rbf_sums(&xs, &ys, h);
    let grads = gx
        .iter()
        .zip(&gy)
        .flat_map(|(a, b)| [*a as f32, *b as f32])
        .collect();
    crate::gpu::RbfSums { sums, grads }
}

/// The points minus their mean (the kernel only sees differences).
pub fn centred(xs: &[f64], ys: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let n = xs.len().max(1) as f64;
    let (mx, my) = (xs.iter().sum::<f64>() / n, ys.iter().sum::<f64>() / n);
    (
        xs.iter().map(|v| v - mx).collect(),
        ys.iter().map(|v| v - my).collect(),
    )
}

#[inline(always)]
fn pair_sums_with<L: Lanes>(p: &Points, h: f64) -> PairSums {
    if p.weighted {
        pair_sums_body::<L, true>(p, h)
    } else {
        pair_sums_body::<L, false>(p, h)
    }
}

/// Row i's broadcast values and its lane accumulators.
struct Row<L> {
    x: L,
    y: L,
    wx: L,
    wy: L,
    acc: [L; 3],
}

#[inline(always)]
fn pair_sums_body<L: Lanes, const W: bool>(p: &Points, h: f64) -> PairSums {
    let n = p.n;
    let nb = p.blocks.len();
    let mut out = vec![OutBlock::default(); nb];
    let neg_c = L::splat((-0.5 / h) as f32);
    let mask = |i: usize, b: usize| -> L {
        L::load(&std::array::from_fn(|l| {
            let j = b * LANES + l;
            if j > i && j < n { 1.0 } else { 0.0 }
        }))
    };
    // Blocks before this one are full; from it on, lanes may be padding.
    let full_blocks = n / LANES;
    for tile in (0..nb).step_by(TILE_BLOCKS) {
        let tile_end = (tile + TILE_BLOCKS).min(nb);
        for i in 0..n.min(tile_end * LANES) {
            let (x, y, wx, wy) = p.at(i);
            let mut row = Row {
                x: L::splat(x),
                y: L::splat(y),
                wx: L::splat(wx),
                wy: L::splat(wy),
                acc: [L::splat(0.0); 3],
            };
            let own = i / LANES;
            let mut b = tile.max(own);
            if b == own {
                // The block holding i: only j > i count.
                pair_block::<L, W, true>(&mut row, &p.blocks[b], &mut out[b], mask(i, b), neg_c);
                b += 1;
            }
            let middle = b..full_blocks.min(tile_end).max(b);
            for (inp, acc) in p.blocks[middle.clone()]
                .iter()
                .zip(&mut out[middle.clone()])
            {
                pair_block::<L, W, false>(&mut row, inp, acc, neg_c, neg_c);
            }
            b = middle.end;
            if b < tile_end {
                // The last block, partly padding.
                pair_block::<L, W, true>(&mut row, &p.blocks[b], &mut out[b], mask(i, b), neg_c);
            }
            let o = &mut out[own];
            let l = i % LANES;
            o.s[l] += row.acc[0].sum();
            if W {
                o.wx[l] += row.acc[1].sum();
                o.wy[l] += row.acc[2].sum();
            }
        }
    }
    let mut r = PairSums::default();
    for i in 0..n {
        let (o, l) = (&out[i / LANES], i % LANES);
        // the diagonal: k_ii = 1
        r.sums.push(o.s[l] + 1.0);
        if W {
            let (_, _, wx, wy) = p.at(i);
            r.wx.push(o.wx[l] + wx);
            r.wy.push(o.wy[l] + wy);
        }
    }
    r
}

/// Pairs of row i with the eight points of one block: adds to the row's lanes and to the
/// block's accumulators (the j side).
#[inline(always)]
fn pair_block<L: Lanes, const W: bool, const MASKED: bool>(
    row: &mut Row<L>,
    inp: &InBlock,
    out: &mut OutBlock,
    mask: L,
    neg_c: L,
) {
    let dx = row.x.sub(L::load(&inp.x));
    let dy = row.y.sub(L::load(&inp.y));
    let r2 = dx.mul(dx).add(dy.mul(dy));
    let mut k = r2.mul(neg_c).exp_neg();
    if MASKED {
        k = k.mul(mask);
    }
    let [s, wx, wy] = &mut row.acc;
    *s = s.add(k);
    L::load(&out.s).add(k).store(&mut out.s);
    if W {
        *wx = wx.add(k.mul(L::load(&inp.wx)));
        *wy = wy.add(k.mul(L::load(&inp.wy)));
        L::load(&out.wx).add(k.mul(row.wx)).store(&mut out.wx);
        L::load(&out.wy).add(k.mul(row.wy)).store(&mut out.wy);
    }
}

/// Inputs made with integer arithmetic only (no libm), so every platform builds the same bits:
/// 1000 points and weights for the cross-platform bit-identity check (crate/tests/web.rs).
#[doc(hidden)]
pub fn hash_inputs() -> (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>) {
    let col = |a: usize, b: usize| -> Vec<f64> {
        (0..1000)
            .map(|i| ((i * a + b) % 1009) as f64 / 252.25 - 2.0)
            .collect()
    };
    (col(7919, 1), col(104_729, 5), col(31, 7), col(577, 3))
}

/// FNV-1a over the bits of every output.
#[doc(hidden)]
pub fn hash(s: &PairSums) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for v in [&s.sums, &s.wx, &s.wy] {
        for f in v.iter() {
            h = (h ^ f.to_bits() as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[doc(hidden)]
pub const NATIVE_HASH: u64 = 16_276_577_478_826_777_225;

#[cfg(test)]
mod tests {
    use super::super::cross_kernel::cross_sums;
    use super::*;
    use crate::gpu::rbf_pair_sum::{normwise_rel_error, reference};
    use crate::rng::Rng;

    fn cloud(n: usize, seed: u64, spread: f64) -> (Vec<f64>, Vec<f64>) {
        let mut rng = Rng::new(seed);
        let xs = (0..n).map(|_| spread * rng.normal()).collect();
        let ys = (0..n).map(|_| spread * rng.normal()).collect();
        (xs, ys)
    }

    fn interleaved(xs: &[f64], ys: &[f64]) -> Vec<f32> {
        xs.iter()
            .zip(ys)
            .flat_map(|(a, b)| [*a as f32, *b as f32])
            .collect()
    }

    #[test]
    fn pair_sums_match_the_f64_reference_across_block_and_tile_edges() {
        for (n, h) in [
            (1, 1.0),
            (7, 0.5),
            (8, 0.5),
            (9, 2.0),
            (31, 0.3),
            (1023, 0.2),
            (1025, 0.7),
            (2100, 0.05),
        ] {
            // Off-centre on purpose: rbf_sums must centre before its cancellation-prone formula.
            let (mut xs, ys) = cloud(n, n as u64, 1.0);
            xs.iter_mut().for_each(|x| *x += 30.0);
            let plain = pair_sums(&Points::new(&xs, &ys), h);
            assert!(plain.wx.is_empty());
            let (sums, gx, gy) = rbf_sums(&xs, &ys, h);
            let (esums, egrads) = reference(&interleaved(&xs, &ys), 2, h);
            let g: Vec<f32> = gx
                .iter()
                .zip(&gy)
                .flat_map(|(a, b)| [*a as f32, *b as f32])
                .collect();
            assert!(normwise_rel_error(&plain.sums, &esums) < 2e-6, "n={n} sums");
            assert!(normwise_rel_error(&sums, &esums) < 2e-6, "n={n} sums");
            // ~10× the direct formula's error for narrow kernels (module docs): 2.6e-5 at
            // h = 0.05 on a unit cloud, measured; the GPU kernels are allowed 1e-5·√n.
            let e = normwise_rel_error(&g, &egrads);
            assert!(e < 5e-5, "n={n} h={h} grads {e:e}");
        }
    }

    #[test]
    fn weighted_sums_match_a_direct_f64_sum() {
        let n = 77;
        let (xs, ys) = cloud(n, 5, 1.5);
        let (wx, wy) = cloud(n, 6, 3.0);
        let h = 0.8;
        let weighted = Points::new(&xs, &ys).with_weights(&wx, &wy);
        let got = pair_sums(&weighted, h);
        let cross = cross_sums(&Points::new(&xs, &ys), &weighted, h);
        for i in 0..n {
            let (mut ex, mut ey) = (0.0, 0.0);
            for j in 0..n {
                let r2 = (xs[i] - xs[j]).powi(2) + (ys[i] - ys[j]).powi(2);
                let k = (-r2 / (2.0 * h)).exp();
                ex += k * wx[j];
                ey += k * wy[j];
            }
            let tol = 1e-5 * (1.0 + ex.abs() + ey.abs());
            assert!((got.wx[i] as f64 - ex).abs() < tol && (got.wy[i] as f64 - ey).abs() < tol);
            assert!((cross.wx[i] as f64 - ex).abs() < tol && (cross.wy[i] as f64 - ey).abs() < tol);
            assert!((cross.sums[i] - got.sums[i]).abs() < 1e-5 * got.sums[i]);
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_avx2_build_is_bit_identical_to_the_portable_one() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let (xs, ys) = cloud(1500, 9, 1.0);
        let (wx, wy) = cloud(1500, 10, 1.0);
        let p = Points::new(&xs, &ys).with_weights(&wx, &wy);
        let bits = |s: &PairSums| {
            [&s.sums, &s.wx, &s.wy].map(|v| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>())
        };
        // SAFETY: AVX2 was detected above.
        let fast = unsafe { pair_sums_avx2(&p, 0.3) };
        assert_eq!(bits(&fast), bits(&pair_sums_portable(&p, 0.3)));
    }

    #[test]
    fn pair_kernel_hash_is_the_one_the_browser_checks() {
        let (xs, ys, wx, wy) = hash_inputs();
        let p = Points::new(&xs, &ys).with_weights(&wx, &wy);
        assert_eq!(hash(&pair_sums_portable(&p, 0.3)), NATIVE_HASH);
        assert_eq!(hash(&pair_sums(&p, 0.3)), NATIVE_HASH);
    }
}
