//! What a jet pass computes: the request ([`JetSpec`]) and the result ([`Jet`]).
//!
//! For inputs x_b (b < B), first-order directions d_k (k < K) and second-order pairs
//! p = (k, l) (indices into the directions), a jet holds per sample
//! value f(x_b), first derivatives ∂_{d_k} f = ∇f·d_k and second derivatives
//! ∂²_{d_k d_l} f = d_kᵀ ∇²f d_l, for every output component.
//! Pairs (k, k) give the diagonal terms a residual needs (u_xx); Laplacians are sums of them,
//! mixed pairs give cross terms. Every derivative is exact (Taylor-mode), not a difference.
//!
//! The same [`Jet`] type carries the seeds of the reverse pass: the adjoints
//! ∂Loss/∂value, ∂Loss/∂first, ∂Loss/∂second, laid out like the result.

/// First-order directions of a jet.
#[derive(Clone, Copy, Debug)]
pub enum Dirs<'a> {
    /// No directions: value only (plus parameter gradients of value losses).
    None,
    /// Unit vectors e_i for the listed input indices (∂/∂t, ∂/∂x, …).
    Axes(&'a [usize]),
    /// K general vectors shared by the batch, row-major `[K × d_in]`.
    Shared(&'a [f64]),
    /// Per-sample vectors, `[B × K × d_in]` (used by the gradient trick in `gradmode`).
    PerSample(&'a [f64]),
}

/// The request: which derivatives a jet pass propagates.
#[derive(Clone, Copy, Debug)]
pub struct JetSpec<'a> {
    pub dirs: Dirs<'a>,
    /// Second-order pairs (k, l), indices into the directions.
    pub pairs: &'a [(usize, usize)],
}

impl<'a> JetSpec<'a> {
    /// Value only.
    pub const VALUE: JetSpec<'static> = JetSpec {
        dirs: Dirs::None,
        pairs: &[],
    };

    /// Partial derivatives along the listed input axes.
    pub fn axes(axes: &'a [usize]) -> Self {
        JetSpec {
            dirs: Dirs::Axes(axes),
            pairs: &[],
        }
    }

    pub fn with_pairs(mut self, pairs: &'a [(usize, usize)]) -> Self {
        self.pairs = pairs;
        self
    }

    /// Number of first-order directions for inputs of dimension `d_in` and batch `batch`.
    pub fn n_dirs(&self, d_in: usize, batch: usize) -> usize {
        match self.dirs {
            Dirs::None => 0,
            Dirs::Axes(a) => a.len(),
            Dirs::Shared(v) => v.len() / d_in,
            Dirs::PerSample(v) => v.len() / (d_in * batch.max(1)),
        }
    }
}

/// Value and input derivatives of a network over a batch (or the adjoint seeds of a loss).
/// Layouts: `value [B × n_out]`, `first [B × K × n_out]`, `second [B × P × n_out]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Jet {
    pub batch: usize,
    pub n_out: usize,
    pub n_dirs: usize,
    pub n_pairs: usize,
    pub value: Vec<f64>,
    pub first: Vec<f64>,
    pub second: Vec<f64>,
}

impl Jet {
    pub fn zeros(batch: usize, n_out: usize, n_dirs: usize, n_pairs: usize) -> Self {
        let mut j = Jet::default();
        j.reshape(batch, n_out, n_dirs, n_pairs);
        j
    }

    /// Reshape and zero, reusing the allocations.
    pub fn reshape(&mut self, batch: usize, n_out: usize, n_dirs: usize, n_pairs: usize) {
        (self.batch, self.n_out, self.n_dirs, self.n_pairs) = (batch, n_out, n_dirs, n_pairs);
        for (v, len) in [
            (&mut self.value, 1),
            (&mut self.first, n_dirs),
            (&mut self.second, n_pairs),
        ] {
            v.clear();
            v.resize(batch * len * n_out, 0.0);
        }
    }

    /// A zero jet of the same shape: the usual start for building seeds.
    pub fn zeros_like(&self) -> Jet {
        Jet::zeros(self.batch, self.n_out, self.n_dirs, self.n_pairs)
    }

    /// Same shape as `other`, zeroed, reusing this jet's allocations.
    pub fn reshape_like(&mut self, other: &Jet) {
        self.reshape(other.batch, other.n_out, other.n_dirs, other.n_pairs);
    }

    pub fn value(&self, b: usize) -> &[f64] {
        &self.value[b * self.n_out..(b + 1) * self.n_out]
    }
    pub fn first(&self, b: usize, k: usize) -> &[f64] {
        let o = (b * self.n_dirs + k) * self.n_out;
        &self.first[o..o + self.n_out]
    }
    pub fn second(&self, b: usize, p: usize) -> &[f64] {
        let o = (b * self.n_pairs + p) * self.n_out;
        &self.second[o..o + self.n_out]
    }
    pub fn value_mut(&mut self, b: usize) -> &mut [f64] {
        &mut self.value[b * self.n_out..(b + 1) * self.n_out]
    }
    pub fn first_mut(&mut self, b: usize, k: usize) -> &mut [f64] {
        let o = (b * self.n_dirs + k) * self.n_out;
        &mut self.first[o..o + self.n_out]
    }
    pub fn second_mut(&mut self, b: usize, p: usize) -> &mut [f64] {
        let o = (b * self.n_pairs + p) * self.n_out;
        &mut self.second[o..o + self.n_out]
    }

    /// Copy from the tape's row layout `[R blocks][B][n_out]` (block 0 value, then K, then P).
    pub(crate) fn load_rows(&mut self, rows: &[f64]) {
        let (b, n) = (self.batch, self.n_out);
        self.value.copy_from_slice(&rows[..b * n]);
        let (k, p) = (self.n_dirs, self.n_pairs);
        for r in 0..k + p {
            let blk = &rows[(1 + r) * b * n..(2 + r) * b * n];
            let (dst, stride, idx) = if r < k {
                (&mut self.first, k, r)
            } else {
                (&mut self.second, p, r - k)
            };
            for s in 0..b {
                dst[(s * stride + idx) * n..(s * stride + idx + 1) * n]
                    .copy_from_slice(&blk[s * n..(s + 1) * n]);
            }
        }
    }

    /// The inverse of `load_rows`.
    pub(crate) fn store_rows(&self, rows: &mut [f64]) {
        let (b, n) = (self.batch, self.n_out);
        rows[..b * n].copy_from_slice(&self.value);
        let (k, p) = (self.n_dirs, self.n_pairs);
        for r in 0..k + p {
            let blk = &mut rows[(1 + r) * b * n..(2 + r) * b * n];
            let (src, stride, idx) = if r < k {
                (&self.first, k, r)
            } else {
                (&self.second, p, r - k)
            };
            for s in 0..b {
                blk[s * n..(s + 1) * n]
                    .copy_from_slice(&src[(s * stride + idx) * n..(s * stride + idx + 1) * n]);
            }
        }
    }
}
