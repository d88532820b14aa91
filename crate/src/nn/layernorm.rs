//! Layer norm on one sample's jet rows, forward and reverse.
//!
//! Rows (each of width n): r = 0 value z, r = 1+k tangent ż_k, r = 1+K+p second-order z̈_p of
//! pair p = (a, b). With c = z − mean(z), s = √(mean(c²) + ε), y = c/s, differentiating
//! s² = mean(c²) + ε and y·s = c once and twice gives
//!   ṡ_k = mean(y ċ_k),                 ẏ_k = (ċ_k − y ṡ_k)/s,
//!   s̈_p = (mean(ċ_a ċ_b + c c̈_p) − ṡ_a ṡ_b)/s,
//!   ÿ_p = (c̈_p − ẏ_a ṡ_b − ẏ_b ṡ_a − y s̈_p)/s,
//! where ċ, c̈ are the centered tangent rows. `backward` is the exact adjoint of exactly these
//! formulas, visited in reverse (pairs, then tangents, then the value), so it inherits their
//! rounding behaviour and is checked against nested duals in tests/nn_props.rs.

use super::mlp::LN_EPS;

/// Jet shape shared by forward and backward.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Shape<'a> {
    pub n: usize,
    pub k: usize,
    pub pairs: &'a [(usize, usize)],
}

fn center(src: &[f64], dst: &mut [f64]) {
    let m = src.iter().sum::<f64>() / src.len() as f64;
    for (d, s) in dst.iter_mut().zip(src) {
        *d = s - m;
    }
}

fn center_in_place(v: &mut [f64]) {
    let m = v.iter().sum::<f64>() / v.len() as f64;
    v.iter_mut().for_each(|x| *x -= m);
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// From the gathered rows `z` (`[R × n]`) compute c and y rows and the stats `st`
/// (`st[0] = s`, `st[1+k] = ṡ_k`, `st[1+K+p] = s̈_p`).
pub(crate) fn forward(sh: Shape, z: &[f64], c: &mut [f64], y: &mut [f64], st: &mut [f64]) {
    let (n, k) = (sh.n, sh.k);
    let nf = n as f64;
    let row = |r: usize| r * n..(r + 1) * n;
    center(&z[row(0)], &mut c[row(0)]);
    let s = (dot(&c[row(0)], &c[row(0)]) / nf + LN_EPS).sqrt();
    st[0] = s;
    for i in 0..n {
        y[i] = c[i] / s;
    }
    for r in 1..=k {
        center(&z[row(r)], &mut c[row(r)]);
        let sd = dot(&y[row(0)], &c[row(r)]) / nf;
        st[r] = sd;
        for i in 0..n {
            y[r * n + i] = (c[r * n + i] - y[i] * sd) / s;
        }
    }
    for (p, &(a, b)) in sh.pairs.iter().enumerate() {
        let (r, ra, rb) = (1 + k + p, 1 + a, 1 + b);
        center(&z[row(r)], &mut c[row(r)]);
        let (sa, sb) = (st[ra], st[rb]);
        let sdd =
            ((dot(&c[row(ra)], &c[row(rb)]) + dot(&c[row(0)], &c[row(r)])) / nf - sa * sb) / s;
        st[r] = sdd;
        for i in 0..n {
            y[r * n + i] =
                (c[r * n + i] - y[ra * n + i] * sb - y[rb * n + i] * sa - y[i] * sdd) / s;
        }
    }
}

/// Reverse of `forward`: `ybar` holds the adjoints of the y rows (it is used as an accumulator
/// and left modified), `zbar` receives the adjoints of the z rows, `sbar` (`[R]`) is scratch.
pub(crate) fn backward(
    sh: Shape,
    c: &[f64],
    y: &[f64],
    st: &[f64],
    ybar: &mut [f64],
    zbar: &mut [f64],
    sbar: &mut [f64],
) {
    let (n, k) = (sh.n, sh.k);
    let nf = n as f64;
    let r_all = 1 + k + sh.pairs.len();
    let s = st[0];
    sbar[..r_all].fill(0.0);
    // zbar accumulates the adjoints of the centered rows c until each row is complete; centering
    // is an orthogonal projection, so its adjoint is the same centering applied at the end.
    zbar[..r_all * n].fill(0.0);

    for (p, &(a, b)) in sh.pairs.iter().enumerate() {
        let (r, ra, rb) = (1 + k + p, 1 + a, 1 + b);
        let (sa, sb, sdd) = (st[ra], st[rb], st[r]);
        // ÿ = (c̈ − ẏ_a ṡ_b − ẏ_b ṡ_a − y s̈)/s
        let (mut uya, mut uyb, mut uy0, mut yy) = (0.0, 0.0, 0.0, 0.0);
        for i in 0..n {
            let yb = ybar[r * n + i];
            let u = yb / s;
            zbar[r * n + i] += u;
            uya += u * y[ra * n + i];
            uyb += u * y[rb * n + i];
            uy0 += u * y[i];
            yy += yb * y[r * n + i];
            ybar[ra * n + i] -= u * sb;
            ybar[rb * n + i] -= u * sa;
            ybar[i] -= u * sdd;
        }
        sbar[rb] -= uya;
        sbar[ra] -= uyb;
        sbar[r] -= uy0;
        sbar[0] -= yy / s;
        // s̈ = (mean(ċ_a ċ_b + c c̈) − ṡ_a ṡ_b)/s
        let w = sbar[r] / s;
        let wn = w / nf;
        for i in 0..n {
            zbar[ra * n + i] += wn * c[rb * n + i];
            zbar[rb * n + i] += wn * c[ra * n + i];
            zbar[i] += wn * c[r * n + i];
            zbar[r * n + i] += wn * c[i];
        }
        sbar[ra] -= w * sb;
        sbar[rb] -= w * sa;
        sbar[0] -= sbar[r] * sdd / s;
        center_in_place(&mut zbar[r * n..(r + 1) * n]);
    }

    for r in 1..=k {
        let sd = st[r];
        // ẏ = (ċ − y ṡ)/s
        let (mut uy0, mut yy) = (0.0, 0.0);
        for i in 0..n {
            let yb = ybar[r * n + i];
            let u = yb / s;
            zbar[r * n + i] += u;
            ybar[i] -= u * sd;
            uy0 += u * y[i];
            yy += yb * y[r * n + i];
        }
        sbar[r] -= uy0;
        sbar[0] -= yy / s;
        // ṡ = mean(y ċ)
        let wn = sbar[r] / nf;
        for i in 0..n {
            ybar[i] += wn * c[r * n + i];
            zbar[r * n + i] += wn * y[i];
        }
        center_in_place(&mut zbar[r * n..(r + 1) * n]);
    }

    // y = c/s, s = √(mean(c²) + ε) with ∂s/∂c = c/(n s) = y/n.
    let mut yy = 0.0;
    for i in 0..n {
        zbar[i] += ybar[i] / s;
        yy += ybar[i] * y[i];
    }
    sbar[0] -= yy / s;
    let wn = sbar[0] / nf;
    for i in 0..n {
        zbar[i] += wn * y[i];
    }
    center_in_place(&mut zbar[..n]);
}
