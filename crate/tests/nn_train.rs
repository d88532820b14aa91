//! End-to-end examples: supervised regression and a small PINN trained with the jets and
//! the reverse pass, with Adam and a cosine schedule. Both must converge in a few seconds.

#![cfg(not(target_arch = "wasm32"))]

use deltaf::nn::*;
use deltaf::rng::Rng;
use std::f64::consts::PI;

fn grid(n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| -1.0 + 2.0 * i as f64 / (n - 1) as f64)
        .collect()
}

#[test]
fn fits_sin_pi_x() {
    let mut net = Mlp::new(
        MlpConfig::new(1, 32, 2, 1, Activation::Tanh),
        &mut Rng::new(1),
    );
    let x = grid(128);
    let (mut tape, mut jet) = (Tape::new(), Jet::default());
    let mut opt = Adam::new(net.num_params(), AdamConfig::default());
    let steps = 3000;
    let sched = Schedule::WarmupCosine {
        lr: 1e-2,
        min_lr: 1e-4,
        warmup: 50,
        total: steps,
    };
    let mut grad = vec![0.0; net.num_params()];
    for step in 0..steps {
        net.forward(&mut tape, &x, &mut jet);
        let mut seed = jet.zeros_like();
        for (b, &xb) in x.iter().enumerate() {
            seed.value[b] = 2.0 * (jet.value[b] - (PI * xb).sin()) / x.len() as f64;
        }
        grad.fill(0.0);
        net.jet_backward(&mut tape, &seed, &mut grad, None);
        opt.step(net.params_mut(), &grad, sched.lr(step));
    }
    let xt = grid(257);
    net.forward(&mut tape, &xt, &mut jet);
    let mse = xt
        .iter()
        .zip(&jet.value)
        .map(|(x, u)| (u - (PI * x).sin()).powi(2))
        .sum::<f64>()
        / xt.len() as f64;
    eprintln!("MSE {mse}");
    assert!(mse < 1e-4, "MSE {mse}");
}

/// u'' = −π² sin(πx) on [−1, 1], u(±1) = 0, whose solution is sin(πx). The residual uses the
/// second-order jet; the loss gradient goes through its reverse pass.
#[test]
fn pinn_solves_poisson_1d() {
    let mut rng = Rng::new(2);
    let mut net = Mlp::new(MlpConfig::new(1, 32, 2, 1, Activation::Tanh), &mut rng);
    let (mut tape, mut jet, mut seed) = (Tape::new(), Jet::default(), Jet::default());
    let mut opt = Adam::new(net.num_params(), AdamConfig::default());
    let steps = 3000;
    let sched = Schedule::WarmupCosine {
        lr: 1e-2,
        min_lr: 1e-4,
        warmup: 50,
        total: steps,
    };
    let mut grad = vec![0.0; net.num_params()];
    let n_col = 64;
    let mut x = vec![0.0; n_col];
    let pairs = [(0, 0)];
    let spec = JetSpec::axes(&[0]).with_pairs(&pairs);
    for step in 0..steps {
        // Fresh stratified collocation points every step: one uniform draw per cell.
        for (i, xi) in x.iter_mut().enumerate() {
            *xi = -1.0 + 2.0 * (i as f64 + rng.uniform()) / n_col as f64;
        }
        grad.fill(0.0);
        net.jet(&mut tape, &x, spec, &mut jet);
        seed.reshape_like(&jet);
        // Residual scaled by 1/π² so both loss terms are O(1).
        for (b, &xb) in x.iter().enumerate() {
            let r = (jet.second(b, 0)[0] + PI * PI * (PI * xb).sin()) / (PI * PI);
            seed.second_mut(b, 0)[0] = 2.0 * r / (PI * PI) / n_col as f64;
        }
        net.jet_backward(&mut tape, &seed, &mut grad, None);
        // Boundary term with a value-only pass, accumulated into the same gradient.
        net.forward(&mut tape, &[-1.0, 1.0], &mut jet);
        seed.reshape_like(&jet);
        for b in 0..2 {
            seed.value[b] = 2.0 * jet.value[b];
        }
        net.jet_backward(&mut tape, &seed, &mut grad, None);
        opt.step(net.params_mut(), &grad, sched.lr(step));
    }
    let xt = grid(401);
    net.forward(&mut tape, &xt, &mut jet);
    let (mut num, mut den) = (0.0, 0.0);
    for (x, u) in xt.iter().zip(&jet.value) {
        num += (u - (PI * x).sin()).powi(2);
        den += (PI * x).sin().powi(2);
    }
    let rel = (num / den).sqrt();
    eprintln!("rel {rel}");
    assert!(rel < 1e-2, "relative L2 error {rel}");
}
