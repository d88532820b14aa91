//! Reverse pass through a recorded jet: parameter gradients of any loss of the value and the
//! input derivatives, given its adjoint seeds.
//!
//! Adjoint of the activation jet rules (per element, p = (a, b)):
//!   ū   = σ' ā + σ'' Σ_k u̇_k ǡ_k + Σ_p (σ''' u̇_a u̇_b + σ'' ü_p) ǟ_p
//!   u̇̄_k = σ' ǡ_k + σ'' Σ_{p∋k} u̇_other ǟ_p
//!   ǖ_p = σ' ǟ_p
//! The dense layer's adjoint is two products over all rows: W̄ += Z̄ᵀ·H and H̄ = Z̄·W; b̄ sums the
//! value rows only, since the bias does not reach the derivative rows.

use super::gemm::{View, gemm};
use super::jet::Jet;
use super::layernorm::{self, Shape};
use super::mlp::{Dense, Mlp};
use super::tape::{LayerTape, STRIP, Tape};

impl Mlp {
    /// Accumulate into `grad` (flat layout, `+=`, so several losses can share one buffer) the
    /// gradient of Loss = Σ seed·jet over the pass recorded in `tape`. `seed` has the shape of the
    /// forward [`Jet`] and holds ∂Loss/∂value, ∂Loss/∂first, ∂Loss/∂second.
    /// If `dx` is given it receives ∂Loss/∂x (`[B × d_in]`, overwritten).
    /// The parameters must not change between `jet` and this call.
    pub fn jet_backward(
        &self,
        tape: &mut Tape,
        seed: &Jet,
        grad: &mut [f64],
        dx: Option<&mut [f64]>,
    ) {
        tape.check(self);
        assert_eq!(
            grad.len(),
            self.num_params(),
            "grad must have num_params entries"
        );
        let (batch, k, r) = (tape.batch, tape.k, tape.r());
        assert_eq!(
            (seed.batch, seed.n_out, seed.n_dirs, seed.n_pairs),
            (batch, self.d_out(), k, tape.pairs.len()),
            "seed shape differs from the recorded jet"
        );
        let [cur, nxt] = &mut tape.bufs;
        seed.store_rows(cur);
        let params = self.params();
        let mut dx = dx;
        for (l, d) in self.layers().iter().enumerate().rev() {
            let lt = &tape.layers[l];
            let rows = r * batch;
            if d.hidden {
                act_backward(d, batch, k, &tape.pairs, lt, &mut cur[..rows * d.n_out]);
                if let Some(g) = d.ln {
                    let sh = Shape {
                        n: d.n_out,
                        k,
                        pairs: &tape.pairs,
                    };
                    let (ggamma, gbeta) = grad[g..g + 2 * d.n_out].split_at_mut(d.n_out);
                    ln_backward(
                        sh,
                        batch,
                        &params[g..g + d.n_out],
                        lt,
                        cur,
                        ggamma,
                        gbeta,
                        &mut tape.ln_rows,
                        &mut tape.ln_bar,
                        &mut tape.ln_sbar,
                    );
                }
            }
            // Dense: W̄ += Z̄ᵀ·H over the rows that depend on W (the first layer has no
            // second-order input rows, and with shared directions only its value rows are stored).
            let (n_in, n_out) = (d.n_in, d.n_out);
            let (input, m_in) = if l > 0 {
                (&tape.layers[l - 1].a[..], rows)
            } else if tape.per_sample {
                (&tape.h0[..], (1 + k) * batch)
            } else {
                (&tape.h0[..], batch)
            };
            let gw = &mut grad[d.w..d.w + n_in * n_out];
            let (zt, h) = (View::cols(cur, n_out), View::rows(input, n_in));
            gemm(&mut tape.gemm, [n_out, n_in, m_in], zt, h, gw, n_in, true);
            if l == 0 && !tape.per_sample && k > 0 {
                // Tangent rows are W·d_j for every sample: W̄ += Σ_j (Σ_b ż̄_{j,b}) d_jᵀ.
                let s = &mut tape.small[..k * n_out];
                s.fill(0.0);
                for j in 0..k {
                    let blk = &cur[(1 + j) * batch * n_out..(2 + j) * batch * n_out];
                    let sj = &mut s[j * n_out..(j + 1) * n_out];
                    for row in blk.chunks_exact(n_out) {
                        sj.iter_mut().zip(row).for_each(|(a, b)| *a += b);
                    }
                }
                let (st, dirs) = (View::cols(s, n_out), View::rows(&tape.dirs, n_in));
                gemm(&mut tape.gemm, [n_out, n_in, k], st, dirs, gw, n_in, true);
            }
            let gbias = &mut grad[d.b..d.b + n_out];
            for row in cur[..batch * n_out].chunks_exact(n_out) {
                gbias.iter_mut().zip(row).for_each(|(g, z)| *g += z);
            }
            let w = View::rows(&params[d.w..d.w + n_in * n_out], n_in);
            if l > 0 {
                gemm(
                    &mut tape.gemm,
                    [rows, n_in, n_out],
                    View::rows(cur, n_out),
                    w,
                    nxt,
                    n_in,
                    false,
                );
                std::mem::swap(cur, nxt);
            } else if let Some(dx) = dx.as_deref_mut() {
                // x enters only the value rows; the direction rows are constants.
                assert_eq!(dx.len(), batch * n_in, "dx must be [B × d_in]");
                gemm(
                    &mut tape.gemm,
                    [batch, n_in, n_out],
                    View::rows(cur, n_out),
                    w,
                    dx,
                    n_in,
                    false,
                );
            }
        }
    }
}

wide! {
    /// In place on `g` (R blocks of `[B × n]`): activation-output adjoints → activation-input
    /// adjoints.
    pub(crate) fn act_backward(
        d: &Dense,
        batch: usize,
        k: usize,
        pairs: &[(usize, usize)],
        lt: &LayerTape,
        g: &mut [f64],
    ) = act_backward_body;
}

#[inline(always)]
fn act_backward_body(
    d: &Dense,
    batch: usize,
    k: usize,
    pairs: &[(usize, usize)],
    lt: &LayerTape,
    g: &mut [f64],
) {
    let bn = batch * d.n_out;
    let u: &[f64] = if d.ln.is_some() { &lt.u } else { &lt.z };
    let (g0, rest) = g.split_at_mut(bn);
    let (gt, gs) = rest.split_at_mut(k * bn);
    // In strips of STRIP columns of every block, so that the passes below find their operands
    // in L1 (each element's operations and their order are unchanged).
    for c0 in (0..bn).step_by(STRIP) {
        let c = c0..(c0 + STRIP).min(bn);
        let (d1, d2, d3) = (&lt.d1[c.clone()], &lt.d2[c.clone()], &lt.d3[c.clone()]);
        let at = |j: usize| j * bn + c.start..j * bn + c.end;
        let ub = |j: usize| &u[at(j)];
        let g0 = &mut g0[c.clone()];
        // Value block first: it reads every other block's adjoint before they are overwritten.
        for (x, s) in g0.iter_mut().zip(d1) {
            *x *= s;
        }
        for j in 0..k {
            let (gj, uj) = (&gt[at(j)], ub(1 + j));
            for i in 0..g0.len() {
                g0[i] += d2[i] * uj[i] * gj[i];
            }
        }
        for (p, &(a, b)) in pairs.iter().enumerate() {
            let (gp, ua, ubb, up) = (&gs[at(p)], ub(1 + a), ub(1 + b), ub(1 + k + p));
            for i in 0..g0.len() {
                g0[i] += (d3[i] * ua[i] * ubb[i] + d2[i] * up[i]) * gp[i];
            }
        }
        for j in 0..k {
            gt[at(j)].iter_mut().zip(d1).for_each(|(v, s)| *v *= s);
        }
        for (p, &(a, b)) in pairs.iter().enumerate() {
            for (t, other) in [(a, b), (b, a)] {
                let uo = ub(1 + other);
                let (gt_t, gp) = (&mut gt[at(t)], &gs[at(p)]);
                for i in 0..gt_t.len() {
                    gt_t[i] += d2[i] * uo[i] * gp[i];
                }
            }
        }
        for p in 0..pairs.len() {
            gs[at(p)].iter_mut().zip(d1).for_each(|(v, s)| *v *= s);
        }
    }
}

/// In place on `g`: adjoints of u = γ ⊙ y (+ β) → adjoints of the dense output z, accumulating
/// γ̄ into `gg` and β̄ into `gb`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn ln_backward(
    sh: Shape,
    batch: usize,
    gamma: &[f64],
    lt: &LayerTape,
    g: &mut [f64],
    gg: &mut [f64],
    gb: &mut [f64],
    ybar: &mut [f64],
    zbar: &mut [f64],
    sbar: &mut [f64],
) {
    let n = sh.n;
    let r_all = 1 + sh.k + sh.pairs.len();
    for b in 0..batch {
        let blk = b * r_all * n..(b + 1) * r_all * n;
        let y = &lt.y[blk.clone()];
        for r in 0..r_all {
            let src = &g[(r * batch + b) * n..(r * batch + b + 1) * n];
            let yr = &y[r * n..(r + 1) * n];
            for i in 0..n {
                gg[i] += src[i] * yr[i];
                ybar[r * n + i] = src[i] * gamma[i];
            }
            if r == 0 {
                gb.iter_mut().zip(src).for_each(|(a, s)| *a += s);
            }
        }
        layernorm::backward(
            sh,
            &lt.c[blk],
            y,
            &lt.st[b * r_all..(b + 1) * r_all],
            ybar,
            zbar,
            sbar,
        );
        for r in 0..r_all {
            g[(r * batch + b) * n..(r * batch + b + 1) * n]
                .copy_from_slice(&zbar[r * n..(r + 1) * n]);
        }
    }
}
