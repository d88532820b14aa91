//! Full input gradients by reverse mode, and parameter gradients of losses that use them.
//!
//! A jet with K directions costs about (1 + K) forward passes. When a loss needs the whole
//! gradient ∇ₓf of a network with many inputs (functional PINNs on (t, a_0, …, a_{D−1})),
//! reverse mode gets ∇ₓf for about one extra pass instead. Its parameter gradient then needs no
//! reverse-over-reverse: for Loss = ℓ(f, ∇ₓf) with adjoints f̄ and ḡ = ∂ℓ/∂(∇ₓf),
//!   ∂Loss/∂θ = f̄·∂_θ f + ∂_θ(ḡ·∇ₓf) = ∂_θ(f̄ f + ∂_v f)|_{v = ḡ held fixed},
//! i.e. a jet with ONE per-sample direction v_b = ḡ_b (per output) and one reverse pass.
//! Total cost ≈ 1 forward + 1 gradient sweep + the tangent rows of a 2-row jet (its value rows
//! are kept from `input_grad`) and their reverse pass: about 7 forward passes, independent of d_in.

use super::gemm::{View, gemm};
use super::jet::{Dirs, JetSpec};
use super::layernorm::{self, Shape};
use super::mlp::Mlp;
use super::tape::Tape;

/// Values `[B × d_out]` and input Jacobians `[B × d_out × d_in]` (∂f_o/∂x_i at `(b·d_out + o)·d_in + i`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InputGrad {
    pub batch: usize,
    pub n_out: usize,
    pub n_in: usize,
    pub value: Vec<f64>,
    pub grad: Vec<f64>,
}

impl InputGrad {
    pub fn grad_of(&self, b: usize, o: usize) -> &[f64] {
        let s = (b * self.n_out + o) * self.n_in;
        &self.grad[s..s + self.n_in]
    }
}

impl Mlp {
    /// Values and full input gradients of the batch `x` by one forward and one reverse sweep.
    pub fn input_grad(&self, tape: &mut Tape, x: &[f64], out: &mut InputGrad) {
        let mut jet = std::mem::take(&mut tape.jet_out);
        self.jet(tape, x, JetSpec::VALUE, &mut jet);
        let (batch, n_out, n_in) = (tape.batch, self.d_out(), self.d_in());
        (out.batch, out.n_out, out.n_in) = (batch, n_out, n_in);
        out.value.clone_from(&jet.value);
        tape.jet_out = jet;

        // One adjoint block per output component o, seeded with e_o on every sample.
        let [cur, nxt] = &mut tape.bufs;
        let rows = n_out * batch;
        cur[..rows * n_out].fill(0.0);
        for o in 0..n_out {
            for b in 0..batch {
                cur[(o * batch + b) * n_out + o] = 1.0;
            }
        }
        let params = self.params();
        for (l, d) in self.layers().iter().enumerate().rev() {
            let (n, lt) = (d.n_out, &tape.layers[l]);
            let bn = batch * n;
            if d.hidden {
                for blk in cur[..rows * n].chunks_exact_mut(bn) {
                    blk.iter_mut().zip(&lt.d1[..bn]).for_each(|(g, s)| *g *= s);
                }
                if let Some(g) = d.ln {
                    let gamma = &params[g..g + n];
                    let sh = Shape {
                        n,
                        k: 0,
                        pairs: &[],
                    };
                    let (ybar, zbar) = (&mut tape.ln_rows[..n], &mut tape.ln_bar[..n]);
                    for row_blk in cur[..rows * n].chunks_exact_mut(bn) {
                        for (b, row) in row_blk.chunks_exact_mut(n).enumerate() {
                            ybar.iter_mut()
                                .zip(row.iter().zip(gamma))
                                .for_each(|(y, (g, s))| *y = g * s);
                            layernorm::backward(
                                sh,
                                &lt.c[b * n..(b + 1) * n],
                                &lt.y[b * n..(b + 1) * n],
                                &lt.st[b..b + 1],
                                ybar,
                                zbar,
                                &mut tape.ln_sbar,
                            );
                            row.copy_from_slice(zbar);
                        }
                    }
                }
            }
            let w = View::rows(&params[d.w..d.w + d.n_in * n], d.n_in);
            gemm(
                &mut tape.gemm,
                [rows, d.n_in, n],
                View::rows(cur, n),
                w,
                nxt,
                d.n_in,
                false,
            );
            std::mem::swap(cur, nxt);
        }
        out.grad.resize(batch * n_out * n_in, 0.0);
        for o in 0..n_out {
            for b in 0..batch {
                let src = &cur[(o * batch + b) * n_in..(o * batch + b + 1) * n_in];
                out.grad[(b * n_out + o) * n_in..(b * n_out + o + 1) * n_in].copy_from_slice(src);
            }
        }
    }

    /// Accumulate into `grad` the parameter gradient of a loss ℓ(f, ∇ₓf) over the batch `x`,
    /// given `value_seed` = ∂ℓ/∂f (`[B × d_out]`) and `grad_seed` = ∂ℓ/∂(∇ₓf)
    /// (`[B × d_out × d_in]`, the layout of [`InputGrad::grad`]). Uses and overwrites `tape`.
    pub fn input_grad_backward(
        &self,
        tape: &mut Tape,
        x: &[f64],
        value_seed: &[f64],
        grad_seed: &[f64],
        grad: &mut [f64],
    ) {
        let (n_out, n_in) = (self.d_out(), self.d_in());
        let batch = x.len() / n_in;
        assert_eq!(
            value_seed.len(),
            batch * n_out,
            "value_seed must be [B × d_out]"
        );
        assert_eq!(
            grad_seed.len(),
            batch * n_out * n_in,
            "grad_seed must be [B × d_out × d_in]"
        );
        let (mut jet, mut seed) = (
            std::mem::take(&mut tape.jet_out),
            std::mem::take(&mut tape.jet_seed),
        );
        // Direction o of sample b is ḡ[b, o, :]; the seed picks output o of direction o.
        self.jet(
            tape,
            x,
            JetSpec {
                dirs: Dirs::PerSample(grad_seed),
                pairs: &[],
            },
            &mut jet,
        );
        seed.reshape_like(&jet);
        seed.value.copy_from_slice(value_seed);
        for b in 0..batch {
            for o in 0..n_out {
                seed.first_mut(b, o)[o] = 1.0;
            }
        }
        self.jet_backward(tape, &seed, grad, None);
        (tape.jet_out, tape.jet_seed) = (jet, seed);
    }
}
