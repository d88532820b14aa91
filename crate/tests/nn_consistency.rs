//! Finite-difference sanity check of the reverse pass, plus tape reuse and determinism: a tape
//! recycled across batch sizes and jet shapes must give bit-identical results to a fresh one.

#![cfg(not(target_arch = "wasm32"))]
// Index loops mirror the formulas (samples b, outputs o, inputs i).
#![allow(clippy::needless_range_loop)]

mod nn_common;

use deltaf::nn::*;
use deltaf::rng::Rng;
use nn_common::*;
use proptest::prelude::*;

/// L(θ) = Σ (f + ∂_0 f − 0.3 ∂²_01 f + 0.1 ∂²_11 f)² over the batch, via jets.
fn jet_loss(
    net: &Mlp,
    tape: &mut Tape,
    x: &[f64],
    dirs: &[f64],
    seed: Option<(&mut Jet, &mut [f64])>,
) -> f64 {
    let pairs = [(0, 1), (1, 1)];
    let spec = JetSpec {
        dirs: Dirs::Shared(dirs),
        pairs: &pairs,
    };
    let mut jet = Jet::default();
    net.jet(tape, x, spec, &mut jet);
    let mut loss = 0.0;
    let mut s = jet.zeros_like();
    for b in 0..jet.batch {
        for o in 0..jet.n_out {
            let r = jet.value(b)[o] + jet.first(b, 0)[o] - 0.3 * jet.second(b, 0)[o]
                + 0.1 * jet.second(b, 1)[o];
            loss += r * r;
            s.value_mut(b)[o] = 2.0 * r;
            s.first_mut(b, 0)[o] = 2.0 * r;
            s.second_mut(b, 0)[o] = -0.6 * r;
            s.second_mut(b, 1)[o] = 0.2 * r;
        }
    }
    if let Some((seed, grad)) = seed {
        net.jet_backward(tape, &s, grad, None);
        *seed = s;
    }
    loss
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(32), ..ProptestConfig::default() })]

    #[test]
    fn reverse_pass_matches_central_differences(seed in any::<u64>(), a in 0..ACTS, ln in any::<bool>(), width in 3usize..=6, depth in 1usize..=3) {
        let act = activation(a, 0, ln);
        let mut sizes = vec![2];
        sizes.extend(std::iter::repeat_n(width, depth));
        sizes.push(1);
        let (mut net, mut rng) = random_net(seed, sizes, act, ln);
        let x = normals(&mut rng, 3 * 2);
        let dirs = normals(&mut rng, 2 * 2);
        let mut tape = Tape::new();
        let mut grad = vec![0.0; net.num_params()];
        let mut scratch = Jet::default();
        jet_loss(&net, &mut tape, &x, &dirs, Some((&mut scratch, &mut grad)));
        let scale = grad.iter().fold(1f64, |m, g| m.max(g.abs()));
        for j in 0..net.num_params() {
            let p0 = net.params()[j];
            let h = 1e-5 * p0.abs().max(1.0);
            net.params_mut()[j] = p0 + h;
            let lp = jet_loss(&net, &mut tape, &x, &dirs, None);
            net.params_mut()[j] = p0 - h;
            let lm = jet_loss(&net, &mut tape, &x, &dirs, None);
            net.params_mut()[j] = p0;
            let fd = (lp - lm) / (2.0 * h);
            prop_assert!((fd - grad[j]).abs() <= 1e-5 * scale, "param {j}: fd {fd} vs {}", grad[j]);
        }
    }
}

#[test]
fn recycled_tape_matches_fresh_tape_bit_for_bit() {
    let cfg = MlpConfig::new(3, 8, 2, 2, Activation::Gelu).with_layer_norm(true);
    let net = Mlp::new(cfg, &mut Rng::new(11));
    let mut rng = Rng::new(12);
    let x5 = normals(&mut rng, 5 * 3);
    let x2 = normals(&mut rng, 2 * 3);
    let pairs = [(0, 0), (0, 1)];
    let spec = JetSpec::axes(&[0, 2]).with_pairs(&pairs);

    let run = |tape: &mut Tape, x: &[f64], spec: JetSpec| {
        let mut jet = Jet::default();
        net.jet(tape, x, spec, &mut jet);
        let mut seed = jet.clone();
        seed.value.iter_mut().for_each(|v| *v *= 0.5);
        let mut grad = vec![0.0; net.num_params()];
        let mut dx = vec![0.0; x.len()];
        net.jet_backward(tape, &seed, &mut grad, Some(&mut dx));
        (jet, grad, dx)
    };
    let fresh = run(&mut Tape::new(), &x2, spec);
    let mut tape = Tape::new();
    run(&mut tape, &x5, JetSpec::VALUE);
    let mut ig = InputGrad::default();
    net.input_grad(&mut tape, &x5, &mut ig);
    // Same x and parameters as the previous pass: the value rows are reused, bit-identically.
    assert_eq!(run(&mut tape, &x5, spec), run(&mut Tape::new(), &x5, spec));
    assert_eq!(run(&mut tape, &x2, spec), fresh);
    let shared = [0.3, -1.0, 2.0];
    let per_sample: Vec<f64> = shared.iter().chain(&shared).copied().collect();
    let (a, b) = (
        JetSpec {
            dirs: Dirs::Shared(&shared),
            pairs: &pairs[..1],
        },
        JetSpec {
            dirs: Dirs::PerSample(&per_sample),
            pairs: &pairs[..1],
        },
    );
    let (ja, jb) = (run(&mut tape, &x2, a), run(&mut tape, &x2, b));
    assert_eq!(ja.0, jb.0);
    for (ga, gb) in ja.1.iter().zip(&jb.1) {
        // Shared directions sum over the batch before the outer product: same value, other rounding.
        assert!((ga - gb).abs() <= 1e-14 * (1.0 + gb.abs()));
    }

    // The gradient mode agrees with jets along every axis.
    net.input_grad(&mut tape, &x2, &mut ig);
    let mut jet = Jet::default();
    net.jet(&mut tape, &x2, JetSpec::axes(&[0, 1, 2]), &mut jet);
    for b in 0..2 {
        for o in 0..2 {
            for i in 0..3 {
                assert!((ig.grad_of(b, o)[i] - jet.first(b, i)[o]).abs() < 1e-13);
            }
        }
    }
}

#[test]
fn same_seed_same_network_and_outputs() {
    for act in [
        Activation::Tanh,
        Activation::siren(),
        Activation::Softplus,
        Activation::Gelu,
    ] {
        let cfg = MlpConfig::new(2, 16, 3, 1, act);
        let (a, b) = (
            Mlp::new(cfg.clone(), &mut Rng::new(3)),
            Mlp::new(cfg.clone(), &mut Rng::new(3)),
        );
        assert_eq!(a.params(), b.params());
        assert_ne!(a.params(), Mlp::new(cfg, &mut Rng::new(4)).params());
    }
}

#[test]
fn siren_and_glorot_ranges() {
    let net = Mlp::new(
        MlpConfig::new(4, 64, 2, 1, Activation::siren()),
        &mut Rng::new(1),
    );
    let l = net.layers();
    let first = &net.params()[l[0].w..l[0].w + 4 * 64];
    assert!(first.iter().all(|w| w.abs() <= 0.25) && first.iter().any(|w| w.abs() > 0.2));
    let hidden = &net.params()[l[1].w..l[1].w + 64 * 64];
    let bound = (6.0f64 / 64.0).sqrt() / 30.0;
    assert!(
        hidden.iter().all(|w| w.abs() <= bound) && hidden.iter().any(|w| w.abs() > 0.9 * bound)
    );

    let net = Mlp::new(
        MlpConfig::new(64, 64, 1, 64, Activation::Tanh).with_init(Init::GlorotNormal),
        &mut Rng::new(2),
    );
    let w = &net.params()[..64 * 64];
    let var = w.iter().map(|v| v * v).sum::<f64>() / w.len() as f64;
    assert!(
        (var - 2.0 / 128.0).abs() < 0.1 * 2.0 / 128.0,
        "Glorot normal variance {var}"
    );
    assert!(net.params()[64 * 64..64 * 65].iter().all(|&b| b == 0.0));
}
