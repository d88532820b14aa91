//! The workspace of a forward pass, kept for the reverse pass and reused across steps.
//!
//! Row layout ("block-major"): every per-layer array holds R = 1 + K + P blocks, one per jet
//! component (value, K tangents, P second-order terms), each block `[B × width]` row-major.
//! A dense layer then is one matrix product over all R·B rows, and the activation's jet rules
//! are elementwise loops over whole contiguous blocks, which vectorize.
//! Buffers only grow, so after the first step a training loop does not allocate.

use super::gemm::GemmScratch;
use super::jet::{Dirs, Jet, JetSpec};
use super::mlp::Mlp;

#[derive(Clone, Debug, Default)]
pub(crate) struct LayerTape {
    /// Dense output rows `[R·B × n]`.
    pub z: Vec<f64>,
    /// Activation input rows when layer norm is on (γ ⊙ y + β), else empty and `z` is used.
    pub u: Vec<f64>,
    /// Layer-norm centered rows c and normalized rows y, sample-major `[B × R × n]`.
    pub c: Vec<f64>,
    pub y: Vec<f64>,
    /// Layer-norm scale s and its jet (ṡ_k, s̈_p) per sample, `[B × R]`.
    pub st: Vec<f64>,
    /// Activation output rows `[R·B × n]` (the next layer's input).
    pub a: Vec<f64>,
    /// σ', σ'', σ''' at the value rows, `[B × n]` each.
    pub d1: Vec<f64>,
    pub d2: Vec<f64>,
    pub d3: Vec<f64>,
}

/// Reusable workspace for [`Mlp::jet`](super::Mlp::jet) and the reverse passes.
/// One tape per concurrent use (e.g. one for training, one for plotting).
#[derive(Clone, Debug, Default)]
pub struct Tape {
    pub(crate) sizes: Vec<usize>,
    pub(crate) batch: usize,
    pub(crate) k: usize,
    pub(crate) pairs: Vec<(usize, usize)>,
    /// Input rows: x block then K direction blocks, `[(1+K)·B × d_in]`.
    pub(crate) h0: Vec<f64>,
    pub(crate) layers: Vec<LayerTape>,
    pub(crate) gemm: GemmScratch,
    /// Adjoint ping-pong buffers for the reverse passes.
    pub(crate) bufs: [Vec<f64>; 2],
    /// Per-sample layer-norm scratch: gathered rows, their adjoints, stat adjoints.
    pub(crate) ln_rows: Vec<f64>,
    pub(crate) ln_bar: Vec<f64>,
    pub(crate) ln_sbar: Vec<f64>,
    /// Scratch jets for the gradient mode.
    pub(crate) jet_out: Jet,
    pub(crate) jet_seed: Jet,
    /// Whether a forward pass is recorded (reverse passes check it).
    pub(crate) recorded: bool,
}

impl Tape {
    pub fn new() -> Self {
        Self::default()
    }

    /// Rows per sample: 1 + K + P.
    pub(crate) fn r(&self) -> usize {
        1 + self.k + self.pairs.len()
    }

    /// Size every buffer for this network, batch and spec, and load the input rows.
    pub(crate) fn prepare(&mut self, net: &Mlp, x: &[f64], spec: &JetSpec) {
        let d_in = net.d_in();
        assert!(
            x.len() % d_in == 0,
            "x must be [B × d_in] with d_in = {d_in}"
        );
        let batch = x.len() / d_in;
        let k = spec.n_dirs(d_in, batch);
        match spec.dirs {
            Dirs::None => {}
            Dirs::Axes(ax) => assert!(ax.iter().all(|&i| i < d_in), "axis out of range"),
            Dirs::Shared(v) => {
                assert_eq!(v.len(), k * d_in, "shared directions must be [K × d_in]")
            }
            Dirs::PerSample(v) => assert_eq!(
                v.len(),
                batch * k * d_in,
                "per-sample directions must be [B × K × d_in]"
            ),
        }
        assert!(
            spec.pairs.iter().all(|&(a, b)| a < k && b < k),
            "pair index beyond the directions"
        );
        self.sizes.clone_from(&net.config().sizes);
        (self.batch, self.k) = (batch, k);
        self.pairs.clear();
        self.pairs.extend_from_slice(spec.pairs);
        self.recorded = false;

        // Input rows: value block = x, block 1 + j = direction j for every sample.
        self.h0.resize((1 + k) * batch * d_in, 0.0);
        self.h0[..batch * d_in].copy_from_slice(x);
        for j in 0..k {
            let blk = &mut self.h0[(1 + j) * batch * d_in..(2 + j) * batch * d_in];
            for (b, row) in blk.chunks_exact_mut(d_in).enumerate() {
                match spec.dirs {
                    Dirs::None => unreachable!(),
                    Dirs::Axes(ax) => {
                        row.fill(0.0);
                        row[ax[j]] = 1.0;
                    }
                    Dirs::Shared(v) => row.copy_from_slice(&v[j * d_in..(j + 1) * d_in]),
                    Dirs::PerSample(v) => {
                        row.copy_from_slice(&v[(b * k + j) * d_in..(b * k + j + 1) * d_in])
                    }
                }
            }
        }

        let rows = self.r() * batch;
        self.layers
            .resize_with(net.layers().len(), LayerTape::default);
        for (lt, d) in self.layers.iter_mut().zip(net.layers()) {
            let n = d.n_out;
            lt.z.resize(rows * n, 0.0);
            if d.hidden {
                lt.a.resize(rows * n, 0.0);
                for v in [&mut lt.d1, &mut lt.d2, &mut lt.d3] {
                    v.resize(batch * n, 0.0);
                }
            }
            if d.ln.is_some() {
                for v in [&mut lt.u, &mut lt.c, &mut lt.y] {
                    v.resize(rows * n, 0.0);
                }
                lt.st.resize(rows, 0.0);
            }
        }
        let width = net.max_width();
        let n_out = net.d_out();
        // The gradient mode runs d_out adjoint blocks; the jet reverse runs R.
        let blocks = self.r().max(n_out);
        for v in &mut self.bufs {
            v.resize(blocks * batch * width, 0.0);
        }
        let r = self.r();
        self.ln_rows.resize(r * width, 0.0);
        self.ln_bar.resize(r * width, 0.0);
        self.ln_sbar.resize(r, 0.0);
    }

    /// Panics unless this tape holds a forward pass of a network shaped like `net`.
    pub(crate) fn check(&self, net: &Mlp) {
        assert!(
            self.recorded,
            "reverse pass without a recorded forward pass"
        );
        assert_eq!(
            self.sizes,
            net.config().sizes,
            "tape was recorded for another architecture"
        );
    }
}
