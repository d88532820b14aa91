//! Forward jet pass: value, directional first derivatives and second-order pair derivatives
//! pushed through every layer at once (Taylor mode).
//!
//! Per layer: dense z = W·h + b on the value rows and z = W·h on derivative rows (one product);
//! optional layer norm (see `layernorm`); then the activation's jet rules
//!   a = σ(u),   ȧ_k = σ'(u) u̇_k,   ä_p = σ''(u) u̇_a u̇_b + σ'(u) ü_p   for p = (a, b).
//!
//! Two shortcuts, both exact: with directions shared by the batch the first layer's tangent rows
//! W·d_k are computed once and copied; and when the tape already holds a pass on the same x and
//! parameters, the value rows are kept (the gradient mode's second pass needs only tangents).

use super::activation::Activation;
use super::gemm::{View, gemm};
use super::jet::{Jet, JetSpec};
use super::layernorm::{self, Shape};
use super::mlp::{Dense, Mlp};
use super::tape::{LayerTape, STRIP, Tape};

impl Mlp {
    /// Forward jet of the batch `x` (`[B × d_in]` row-major) into `out`; records what the
    /// reverse pass needs in `tape`.
    pub fn jet(&self, tape: &mut Tape, x: &[f64], spec: JetSpec, out: &mut Jet) {
        tape.prepare(self, x, &spec);
        let (batch, k, r) = (tape.batch, tape.k, tape.r());
        let act = self.activation();
        let params = self.params();
        // Rows whose values are kept from the previous pass (see Tape::prepare).
        let skip = if tape.value_ready { batch } else { 0 };
        for (l, d) in self.layers().iter().enumerate() {
            let (prev, rest) = tape.layers.split_at_mut(l);
            let lt = &mut rest[0];
            let (n_in, n) = (d.n_in, d.n_out);
            let wt = View::cols(&params[d.w..d.w + n_in * n], n_in);
            let (input, m) = if l > 0 {
                (&prev[l - 1].a[..], r * batch)
            } else if tape.per_sample {
                (&tape.h0[..], (1 + k) * batch)
            } else {
                (&tape.h0[..], batch)
            };
            let (a_in, z_out) = (
                View::rows(&input[skip * n_in..], n_in),
                &mut lt.z[skip * n..],
            );
            gemm(
                &mut tape.gemm,
                [m - skip, n, n_in],
                a_in,
                wt,
                z_out,
                n,
                false,
            );
            if l == 0 {
                if !tape.per_sample && k > 0 {
                    // Shared directions: the first layer's tangent W·d_k is the same for every
                    // sample, so it is computed once and copied.
                    let dirs = View::rows(&tape.dirs, n_in);
                    gemm(
                        &mut tape.gemm,
                        [k, n, n_in],
                        dirs,
                        wt,
                        &mut tape.small,
                        n,
                        false,
                    );
                    for j in 0..k {
                        let t = &tape.small[j * n..(j + 1) * n];
                        let blk = &mut lt.z[(1 + j) * batch * n..(2 + j) * batch * n];
                        blk.chunks_exact_mut(n)
                            .for_each(|row| row.copy_from_slice(t));
                    }
                }
                // x is linear in itself: the first layer has no second-order input.
                lt.z[(1 + k) * batch * n..].fill(0.0);
            }
            if skip == 0 {
                let bias = &params[d.b..d.b + n];
                for row in lt.z[..batch * n].chunks_exact_mut(n) {
                    row.iter_mut().zip(bias).for_each(|(z, b)| *z += b);
                }
            }
            if !d.hidden {
                continue;
            }
            if let Some(g) = d.ln {
                let sh = Shape {
                    n,
                    k,
                    pairs: &tape.pairs,
                };
                ln_forward(sh, batch, &params[g..g + 2 * n], lt, &mut tape.ln_rows);
            }
            act_forward(act, d, batch, (k, &tape.pairs), skip > 0, lt);
        }
        let last = tape.layers.last().unwrap();
        out.reshape(batch, self.d_out(), k, tape.pairs.len());
        out.load_rows(&last.z);
        tape.recorded = true;
    }

    /// Values only, `out = f(x)` as `[B × d_out]`; a parameter gradient of a value loss can follow
    /// with [`Mlp::jet_backward`] and a seed holding only `value`.
    pub fn forward(&self, tape: &mut Tape, x: &[f64], out: &mut Jet) {
        self.jet(tape, x, JetSpec::VALUE, out);
    }
}

/// Layer norm of every sample: z rows → (c, y, stats) and activation input u = γ ⊙ y (+ β on the
/// value row). `gb` is γ followed by β.
fn ln_forward(sh: Shape, batch: usize, gb: &[f64], lt: &mut LayerTape, rows: &mut [f64]) {
    let n = sh.n;
    let r_all = 1 + sh.k + sh.pairs.len();
    let (gamma, beta) = gb.split_at(n);
    for b in 0..batch {
        for r in 0..r_all {
            let src = (r * batch + b) * n;
            rows[r * n..(r + 1) * n].copy_from_slice(&lt.z[src..src + n]);
        }
        let blk = b * r_all * n..(b + 1) * r_all * n;
        layernorm::forward(
            sh,
            rows,
            &mut lt.c[blk.clone()],
            &mut lt.y[blk.clone()],
            &mut lt.st[b * r_all..(b + 1) * r_all],
        );
        let y = &lt.y[blk];
        for r in 0..r_all {
            let dst = &mut lt.u[(r * batch + b) * n..(r * batch + b + 1) * n];
            let yr = &y[r * n..(r + 1) * n];
            if r == 0 {
                for i in 0..n {
                    dst[i] = gamma[i] * yr[i] + beta[i];
                }
            } else {
                for i in 0..n {
                    dst[i] = gamma[i] * yr[i];
                }
            }
        }
    }
}

wide! {
    /// Activation jet rules over whole blocks (each `[B × n]`, contiguous). With `value_kept`
    /// the value block and σ', σ'', σ''' are still those of the previous pass on the same inputs.
    fn act_forward(
        act: Activation,
        d: &Dense,
        batch: usize,
        kp: (usize, &[(usize, usize)]),
        value_kept: bool,
        lt: &mut LayerTape,
    ) = act_forward_body;
}

#[inline(always)]
fn act_forward_body(
    act: Activation,
    d: &Dense,
    batch: usize,
    (k, pairs): (usize, &[(usize, usize)]),
    value_kept: bool,
    lt: &mut LayerTape,
) {
    let bn = batch * d.n_out;
    let u: &[f64] = if d.ln.is_some() { &lt.u } else { &lt.z };
    let (a0, a) = lt.a.split_at_mut(bn);
    // In strips (see `STRIP`): σ' and σ'' are still in L1 when the derivative rows use them.
    for c0 in (0..bn).step_by(STRIP) {
        let c = c0..(c0 + STRIP).min(bn);
        let (d1, d2, d3) = (
            &mut lt.d1[c.clone()],
            &mut lt.d2[c.clone()],
            &mut lt.d3[c.clone()],
        );
        if !value_kept {
            act.eval_slice(&u[c.clone()], &mut a0[c.clone()], d1, d2, d3);
        }
        let at = |j: usize| j * bn + c.start..j * bn + c.end;
        let blk = |j: usize| &u[at(j)];
        for j in 0..k {
            let (dst, uj) = (&mut a[at(j)], blk(1 + j));
            for i in 0..dst.len() {
                dst[i] = d1[i] * uj[i];
            }
        }
        for (p, &(ka, kb)) in pairs.iter().enumerate() {
            let dst = &mut a[at(k + p)];
            let (ua, ub, up) = (blk(1 + ka), blk(1 + kb), blk(1 + k + p));
            for i in 0..dst.len() {
                dst[i] = d2[i] * ua[i] * ub[i] + d1[i] * up[i];
            }
        }
    }
}
