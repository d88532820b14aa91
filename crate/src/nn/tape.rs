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

/// Columns per strip of the elementwise jet passes: their blocks' strips (a few of 4 KiB each)
/// stay in L1 from one pass to the next.
pub(crate) const STRIP: usize = 512;

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
    /// The parameters of the recorded pass: reverse passes check they did not change, and a
    /// new pass on the same x and parameters reuses the value rows.
    pub(crate) params: Vec<f64>,
    pub(crate) batch: usize,
    pub(crate) k: usize,
    pub(crate) pairs: Vec<(usize, usize)>,
    /// Input rows: the x block, then (per-sample directions only) K direction blocks.
    pub(crate) h0: Vec<f64>,
    /// Directions shared by the batch, `[K × d_in]` (axes are stored as unit vectors).
    pub(crate) dirs: Vec<f64>,
    pub(crate) per_sample: bool,
    /// Value rows of every layer are already those of this x and these parameters.
    pub(crate) value_ready: bool,
    pub(crate) layers: Vec<LayerTape>,
    pub(crate) gemm: GemmScratch,
    /// Adjoint ping-pong buffers for the reverse passes.
    pub(crate) bufs: [Vec<f64>; 2],
    /// Small scratch: first-layer tangent rows / their batch sums, `[K × width]`.
    pub(crate) small: Vec<f64>,
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
            x.len().is_multiple_of(d_in),
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
        // Block 0 of every buffer survives the resizes below, so it can be kept when neither the
        // inputs nor the parameters changed (the gradient mode's second pass relies on this).
        self.value_ready = self.recorded
            && self.sizes == net.config().sizes
            && self.batch == batch
            && self.h0.len() >= batch * d_in
            && self.h0[..batch * d_in] == *x
            && self.params == net.params();
        self.recorded = false;
        if !self.value_ready {
            self.sizes.clone_from(&net.config().sizes);
            self.params.clear();
            self.params.extend_from_slice(net.params());
        }
        (self.batch, self.k) = (batch, k);
        self.pairs.clear();
        self.pairs.extend_from_slice(spec.pairs);

        self.per_sample = matches!(spec.dirs, Dirs::PerSample(_));
        self.dirs.clear();
        match spec.dirs {
            Dirs::Axes(ax) => {
                self.dirs.resize(k * d_in, 0.0);
                ax.iter()
                    .enumerate()
                    .for_each(|(j, &i)| self.dirs[j * d_in + i] = 1.0);
            }
            Dirs::Shared(v) => self.dirs.extend_from_slice(v),
            _ => {}
        }
        let blocks = if self.per_sample { 1 + k } else { 1 };
        self.h0.resize(blocks * batch * d_in, 0.0);
        self.h0[..batch * d_in].copy_from_slice(x);
        if let Dirs::PerSample(v) = spec.dirs {
            // Block-major: block 1 + j holds direction j of every sample.
            for j in 0..k {
                for b in 0..batch {
                    let dst = ((1 + j) * batch + b) * d_in;
                    self.h0[dst..dst + d_in]
                        .copy_from_slice(&v[(b * k + j) * d_in..(b * k + j + 1) * d_in]);
                }
            }
        }

        let r = self.r();
        let rows = r * batch;
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
        // The gradient mode runs d_out adjoint blocks; the jet reverse runs R.
        for v in &mut self.bufs {
            v.resize(r.max(net.d_out()) * batch * width, 0.0);
        }
        self.small.resize(k * width, 0.0);
        self.ln_rows.resize(r * width, 0.0);
        self.ln_bar.resize(r * width, 0.0);
        self.ln_sbar.resize(r, 0.0);
    }

    /// Panics unless this tape holds a forward pass of `net` with its current parameters.
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
        assert!(
            self.params == net.params(),
            "parameters changed between the forward and the reverse pass"
        );
    }
}
