//! Property tests of the jets and reverse passes against nested dual numbers (num-dual) on random
//! networks: widths 2..8, depths 1..4, every activation, with and without layer norm.
//! Input derivatives must agree to 1e-12, parameter gradients to 1e-9 (relative/absolute mix).

#![cfg(not(target_arch = "wasm32"))]
// Index loops mirror the formulas (samples b, outputs o, inputs i).
#![allow(clippy::needless_range_loop)]

mod nn_common;

use deltaf::nn::*;
use deltaf::rng::Rng;
use nn_common::*;
use num_dual::{Dual64, HyperDual};
use proptest::prelude::*;

type HD = HyperDual<Dual64>;

#[derive(Clone, Debug)]
struct Case {
    seed: u64,
    sizes: Vec<usize>,
    act: Activation,
    ln: bool,
    batch: usize,
    n_dirs: usize,
    /// 0 axes, 1 shared vectors, 2 per-sample vectors.
    dir_kind: usize,
}

fn case() -> impl Strategy<Value = Case> {
    (
        any::<u64>(),
        1usize..=4,
        2usize..=8,
        1usize..=4,
        1usize..=2,
        0..ACTS,
        any::<bool>(),
        1usize..=3,
        1usize..=3,
        0usize..3,
    )
        .prop_map(
            |(seed, d_in, width, depth, d_out, a, ln, batch, n_dirs, dir_kind)| {
                let mut sizes = vec![d_in];
                sizes.extend(std::iter::repeat_n(width, depth));
                sizes.push(d_out);
                Case {
                    seed,
                    sizes,
                    act: activation(a, seed, ln),
                    ln,
                    batch,
                    n_dirs,
                    dir_kind,
                }
            },
        )
}

/// Inputs, directions (as explicit per-sample vectors `[B × K × d_in]`) and the spec's storage.
struct Inputs {
    x: Vec<f64>,
    dirs: Vec<f64>,
    axes: Vec<usize>,
    shared: Vec<f64>,
}

fn inputs(c: &Case, rng: &mut Rng) -> Inputs {
    let (d_in, b, k) = (c.sizes[0], c.batch, c.n_dirs);
    let x = normals(rng, b * d_in);
    let axes: Vec<usize> = (0..k).map(|_| rng.below(d_in as u64) as usize).collect();
    let shared = normals(rng, k * d_in);
    let per = normals(rng, b * k * d_in);
    let dirs = match c.dir_kind {
        0 => (0..b * k * d_in)
            .map(|t| {
                if t % d_in == axes[(t / d_in) % k] {
                    1.0
                } else {
                    0.0
                }
            })
            .collect(),
        1 => (0..b * k * d_in).map(|t| shared[t % (k * d_in)]).collect(),
        _ => per.clone(),
    };
    Inputs {
        x,
        dirs,
        axes,
        shared: if c.dir_kind == 2 { per } else { shared },
    }
}

fn spec<'a>(c: &Case, inp: &'a Inputs, pairs: &'a [(usize, usize)]) -> JetSpec<'a> {
    let dirs = match c.dir_kind {
        0 => Dirs::Axes(&inp.axes),
        1 => Dirs::Shared(&inp.shared),
        _ => Dirs::PerSample(&inp.shared),
    };
    JetSpec { dirs, pairs }
}

fn all_pairs(k: usize) -> Vec<(usize, usize)> {
    (0..k).flat_map(|a| (0..k).map(move |b| (a, b))).collect()
}

/// Evaluate the reference on sample b with x + d_ka ε1 + d_kb ε2; `param`/`xi` put the inner
/// dual's ε on one parameter or one input coordinate.
#[allow(clippy::too_many_arguments)]
fn eval_hd(
    net: &Mlp,
    inp: &Inputs,
    d_in: usize,
    k: usize,
    b: usize,
    (ka, kb): (usize, usize),
    param: Option<usize>,
    xi: Option<usize>,
) -> Vec<HD> {
    let p: Vec<HD> = net
        .params()
        .iter()
        .enumerate()
        .map(|(j, &v)| HD::from_re(Dual64::new(v, if Some(j) == param { 1.0 } else { 0.0 })))
        .collect();
    let x: Vec<HD> = (0..d_in)
        .map(|i| {
            let re = Dual64::new(inp.x[b * d_in + i], if Some(i) == xi { 1.0 } else { 0.0 });
            let da = inp.dirs[(b * k + ka) * d_in + i];
            let db = inp.dirs[(b * k + kb) * d_in + i];
            HD::new(re, Dual64::from(da), Dual64::from(db), Dual64::from(0.0))
        })
        .collect();
    net_ref(net, &p, &x)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(128), ..ProptestConfig::default() })]

    /// Value, every first derivative and every pair's second derivative against hyper-duals.
    #[test]
    fn jets_match_hyperduals(c in case()) {
        let (net, mut rng) = random_net(c.seed, c.sizes.clone(), c.act, c.ln);
        let inp = inputs(&c, &mut rng);
        let (d_in, k) = (c.sizes[0], c.n_dirs);
        let pairs = all_pairs(k);
        let mut tape = Tape::new();
        let mut jet = Jet::default();
        net.jet(&mut tape, &inp.x, spec(&c, &inp, &pairs), &mut jet);
        let mut want = jet.zeros_like();
        for b in 0..c.batch {
            for (p, &(ka, kb)) in pairs.iter().enumerate() {
                let f = eval_hd(&net, &inp, d_in, k, b, (ka, kb), None, None);
                for o in 0..net.d_out() {
                    want.value_mut(b)[o] = f[o].re.re;
                    want.first_mut(b, ka)[o] = f[o].eps1.re;
                    want.first_mut(b, kb)[o] = f[o].eps2.re;
                    want.second_mut(b, p)[o] = f[o].eps1eps2.re;
                }
            }
        }
        check("value", &jet.value, &want.value, 1e-12).map_err(TestCaseError::fail)?;
        check("first", &jet.first, &want.first, 1e-12).map_err(TestCaseError::fail)?;
        check("second", &jet.second, &want.second, 1e-12).map_err(TestCaseError::fail)?;
    }

    /// ∂/∂θ and ∂/∂x of L = Σ_b Σ_o (c1 f + c2 ∂_a f + c3 ∂²_ab f)² against hyper-duals over an inner dual.
    #[test]
    fn parameter_and_input_gradients_match_nested_duals(c in case(), coef in prop::array::uniform3(-2.0f64..2.0)) {
        let (net, mut rng) = random_net(c.seed, c.sizes.clone(), c.act, c.ln);
        let inp = inputs(&c, &mut rng);
        let (d_in, k) = (c.sizes[0], c.n_dirs);
        let pair = (rng.below(k as u64) as usize, rng.below(k as u64) as usize);
        let pairs = [pair];
        let mut tape = Tape::new();
        let mut jet = Jet::default();
        net.jet(&mut tape, &inp.x, spec(&c, &inp, &pairs), &mut jet);
        let mut seed = jet.zeros_like();
        for b in 0..c.batch {
            for o in 0..net.d_out() {
                let r = coef[0] * jet.value(b)[o] + coef[1] * jet.first(b, pair.0)[o] + coef[2] * jet.second(b, 0)[o];
                seed.value_mut(b)[o] = 2.0 * r * coef[0];
                seed.first_mut(b, pair.0)[o] += 2.0 * r * coef[1];
                seed.second_mut(b, 0)[o] = 2.0 * r * coef[2];
            }
        }
        let mut grad = vec![0.0; net.num_params()];
        let mut dx = vec![0.0; c.batch * d_in];
        net.jet_backward(&mut tape, &seed, &mut grad, Some(&mut dx));

        let loss_eps = |param: Option<usize>, xi: Option<(usize, usize)>| -> f64 {
            let mut l = Dual64::from(0.0);
            for b in 0..c.batch {
                let xi_b = xi.and_then(|(bb, i)| (bb == b).then_some(i));
                let f = eval_hd(&net, &inp, d_in, k, b, pair, param, xi_b);
                for fo in f {
                    let r = fo.re * coef[0] + fo.eps1 * coef[1] + fo.eps1eps2 * coef[2];
                    l += r * r;
                }
            }
            l.eps
        };
        let want: Vec<f64> = (0..net.num_params()).map(|j| loss_eps(Some(j), None)).collect();
        check("dL/dθ", &grad, &want, 1e-9).map_err(TestCaseError::fail)?;
        let want_x: Vec<f64> = (0..c.batch * d_in).map(|t| loss_eps(None, Some((t / d_in, t % d_in)))).collect();
        check("dL/dx", &dx, &want_x, 1e-9).map_err(TestCaseError::fail)?;
    }

    /// Reverse-mode input gradients and the parameter gradient of
    /// L = Σ_b Σ_o (c1 f_o + w·∇f_o)² + c2 |∇f_o|² through the tangent identity.
    #[test]
    fn gradient_mode_matches_nested_duals(c in case(), coef in prop::array::uniform2(-2.0f64..2.0)) {
        let (net, mut rng) = random_net(c.seed, c.sizes.clone(), c.act, c.ln);
        let inp = inputs(&Case { dir_kind: 0, n_dirs: c.sizes[0], ..c.clone() }, &mut rng);
        let (d_in, d_out) = (c.sizes[0], net.d_out());
        let wv = normals(&mut rng, d_in);
        let mut tape = Tape::new();
        let mut ig = InputGrad::default();
        net.input_grad(&mut tape, &inp.x, &mut ig);
        // Per sample and input i, the reference ∂_i f via a hyper-dual with direction e_i.
        let unit = Inputs { x: inp.x.clone(), dirs: (0..c.batch * d_in * d_in).map(|t| if t % d_in == (t / d_in) % d_in { 1.0 } else { 0.0 }).collect(), axes: vec![], shared: vec![] };
        let (mut want_v, mut want_g) = (vec![0.0; c.batch * d_out], vec![0.0; c.batch * d_out * d_in]);
        for b in 0..c.batch {
            for i in 0..d_in {
                let f = eval_hd(&net, &unit, d_in, d_in, b, (i, i), None, None);
                for o in 0..d_out {
                    want_v[b * d_out + o] = f[o].re.re;
                    want_g[(b * d_out + o) * d_in + i] = f[o].eps1.re;
                }
            }
        }
        check("value", &ig.value, &want_v, 1e-12).map_err(TestCaseError::fail)?;
        check("∇f", &ig.grad, &want_g, 1e-12).map_err(TestCaseError::fail)?;
        let mut vseed = vec![0.0; c.batch * d_out];
        let mut gseed = vec![0.0; c.batch * d_out * d_in];
        for b in 0..c.batch {
            for o in 0..d_out {
                let g = ig.grad_of(b, o);
                let r = coef[0] * ig.value[b * d_out + o] + g.iter().zip(&wv).map(|(a, w)| a * w).sum::<f64>();
                vseed[b * d_out + o] = 2.0 * r * coef[0];
                for i in 0..d_in {
                    gseed[(b * d_out + o) * d_in + i] = 2.0 * r * wv[i] + 2.0 * coef[1] * g[i];
                }
            }
        }
        let mut grad = vec![0.0; net.num_params()];
        net.input_grad_backward(&mut tape, &inp.x, &vseed, &gseed, &mut grad);
        let want: Vec<f64> = (0..net.num_params()).map(|j| {
            let mut l = Dual64::from(0.0);
            for b in 0..c.batch {
                let fs: Vec<Vec<HD>> = (0..d_in).map(|i| eval_hd(&net, &unit, d_in, d_in, b, (i, i), Some(j), None)).collect();
                for o in 0..d_out {
                    let mut r = fs[0][o].re * coef[0];
                    let mut n2 = Dual64::from(0.0);
                    for i in 0..d_in {
                        r += fs[i][o].eps1 * wv[i];
                        n2 += fs[i][o].eps1 * fs[i][o].eps1;
                    }
                    l += r * r + n2 * coef[1];
                }
            }
            l.eps
        }).collect();
        check("dL/dθ", &grad, &want, 1e-9).map_err(TestCaseError::fail)?;
    }
}

/// The largest supported shape (width 256, depth 6) with layer norm, every first derivative
/// and a diagonal and a mixed second derivative.
#[test]
fn widest_deepest_network_matches_hyperduals() {
    let c = Case {
        seed: 21,
        sizes: vec![3, 256, 256, 256, 256, 256, 256, 2],
        act: Activation::Gelu,
        ln: true,
        batch: 3,
        n_dirs: 3,
        dir_kind: 0,
    };
    let (net, mut rng) = random_net(c.seed, c.sizes.clone(), c.act, c.ln);
    let mut inp = inputs(&c, &mut rng);
    inp.axes = vec![0, 1, 2];
    inp.dirs = (0..3 * 9)
        .map(|t| if t % 3 == (t / 3) % 3 { 1.0 } else { 0.0 })
        .collect();
    let pairs = [(0, 0), (1, 2)];
    let (mut tape, mut jet) = (Tape::new(), Jet::default());
    net.jet(
        &mut tape,
        &inp.x,
        JetSpec::axes(&inp.axes).with_pairs(&pairs),
        &mut jet,
    );
    let mut want = jet.zeros_like();
    for b in 0..c.batch {
        for (p, &pair) in pairs.iter().enumerate() {
            let f = eval_hd(&net, &inp, 3, 3, b, pair, None, None);
            for o in 0..2 {
                want.value_mut(b)[o] = f[o].re.re;
                want.first_mut(b, pair.0)[o] = f[o].eps1.re;
                want.first_mut(b, pair.1)[o] = f[o].eps2.re;
                want.second_mut(b, p)[o] = f[o].eps1eps2.re;
            }
        }
    }
    check("value", &jet.value, &want.value, 1e-12).unwrap();
    check("first", &jet.first, &want.first, 1e-12).unwrap();
    check("second", &jet.second, &want.second, 1e-12).unwrap();
}
