//! Training-step throughput: forward, seeds, reverse pass and an Adam update (so the parameters
//! change every step, as in training). Part of `make bench`; alone:
//! `cargo bench -p deltaf --bench nn_train_step`.

use deltaf::nn::*;
use deltaf::rng::Rng;
use std::time::Instant;

/// Best rate over several windows: the machine is shared, so the best window is the least
/// disturbed one.
fn rate(name: &str, mut f: impl FnMut(), min_secs: f64) -> f64 {
    if !wanted(name) {
        return f64::NAN;
    }
    f();
    let mut best = 0f64;
    for _ in 0..8 {
        let t0 = Instant::now();
        let mut n = 0u64;
        while t0.elapsed().as_secs_f64() < min_secs / 8.0 {
            f();
            n += 1;
        }
        best = best.max(n as f64 / t0.elapsed().as_secs_f64());
    }
    best
}

/// `NN_BENCH=substring` runs only the matching cases (for profiling one of them).
fn wanted(name: &str) -> bool {
    std::env::var("NN_BENCH").map_or(true, |f| name.contains(&f))
}

fn report(name: &str, per_s: f64, macs: f64) {
    if !wanted(name) {
        return;
    }
    println!(
        "{name:<58} {per_s:>9.1} /s  {:>6.2} ms  {:>5.2} GFLOP/s",
        1e3 / per_s,
        2.0 * macs * per_s / 1e9
    );
}

fn main() {
    let secs = 2.0;
    let mut rng = Rng::new(1);
    let batch = 256;

    // Functional PINN shape: inputs (t, a_0..a_19), 3 hidden tanh layers of 64, full gradient.
    let d_in = 21;
    let mut net = Mlp::new(MlpConfig::new(d_in, 64, 3, 1, Activation::Tanh), &mut rng);
    let mut opt = Adam::new(net.num_params(), AdamConfig::default());
    let x: Vec<f64> = (0..batch * d_in)
        .map(|_| rng.uniform_in(-1.0, 1.0))
        .collect();
    let axes: Vec<usize> = (0..d_in).collect();
    let mut grad = vec![0.0; net.num_params()];
    let (mut tape, mut jet) = (Tape::new(), Jet::default());
    let dense_macs = (d_in * 64 + 2 * 64 * 64 + 64) as f64 * batch as f64;

    let r = rate(
        "jet K=21 fwd+bwd (21-in, 3x64 tanh, B=256)",
        || {
            net.jet(&mut tape, &x, JetSpec::axes(&axes), &mut jet);
            let seed = jet.clone();
            grad.fill(0.0);
            net.jet_backward(&mut tape, &seed, &mut grad, None);
            opt.step(net.params_mut(), &grad, 1e-9);
        },
        secs,
    );
    // Forward (1+K rows) + two backward products per layer.
    report(
        "jet K=21 fwd+bwd (21-in, 3x64 tanh, B=256)",
        r,
        3.0 * 22.0 * dense_macs,
    );

    let mut ig = InputGrad::default();
    let r = rate(
        "gradient mode value+grad fwd+bwd (same net)",
        || {
            net.input_grad(&mut tape, &x, &mut ig);
            let vseed = ig.value.clone();
            let gseed = ig.grad.clone();
            grad.fill(0.0);
            net.input_grad_backward(&mut tape, &x, &vseed, &gseed, &mut grad);
            opt.step(net.params_mut(), &grad, 1e-9);
        },
        secs,
    );
    report(
        "gradient mode value+grad fwd+bwd (same net)",
        r,
        (2.0 + 2.0 + 2.0 * 2.0) * dense_macs,
    );

    let r = rate(
        "value only fwd+bwd (same net)",
        || {
            net.forward(&mut tape, &x, &mut jet);
            let seed = jet.clone();
            grad.fill(0.0);
            net.jet_backward(&mut tape, &seed, &mut grad, None);
            opt.step(net.params_mut(), &grad, 1e-9);
        },
        secs,
    );
    report("value only fwd+bwd (same net)", r, 3.0 * dense_macs);

    // Burgers PINN shape: (t, x) → u with u_t, u_x, u_xx.
    let mut net = Mlp::new(MlpConfig::new(2, 64, 3, 1, Activation::Tanh), &mut rng);
    let mut opt = Adam::new(net.num_params(), AdamConfig::default());
    let x: Vec<f64> = (0..batch * 2).map(|_| rng.uniform_in(-1.0, 1.0)).collect();
    let mut grad = vec![0.0; net.num_params()];
    let pairs = [(1, 1)];
    let r = rate(
        "Burgers jet u,u_t,u_x,u_xx fwd+bwd (2-in, 3x64 tanh)",
        || {
            net.jet(
                &mut tape,
                &x,
                JetSpec::axes(&[0, 1]).with_pairs(&pairs),
                &mut jet,
            );
            let seed = jet.clone();
            grad.fill(0.0);
            net.jet_backward(&mut tape, &seed, &mut grad, None);
            opt.step(net.params_mut(), &grad, 1e-9);
        },
        secs,
    );
    report(
        "Burgers jet u,u_t,u_x,u_xx fwd+bwd (2-in, 3x64 tanh)",
        r,
        3.0 * 4.0 * (2.0 * 64.0 * 64.0 + 192.0) * batch as f64,
    );

    // Raw product at the hidden-layer shape of the K=21 jet.
    let (m, n, k) = (22 * batch, 64, 64);
    let a: Vec<f64> = (0..m * k).map(|_| rng.normal()).collect();
    let w: Vec<f64> = (0..n * k).map(|_| rng.normal()).collect();
    let mut c = vec![0.0; m * n];
    let mut s = GemmScratch::default();
    let r = rate(
        "gemm 5632x64x64 (H·Wᵀ)",
        || {
            gemm(
                &mut s,
                [m, n, k],
                View::rows(&a, k),
                View::cols(&w, k),
                &mut c,
                n,
                false,
            )
        },
        secs,
    );
    report("gemm 5632x64x64 (H·Wᵀ)", r, (m * n * k) as f64);
    let mut gw = vec![0.0; n * k];
    let r = rate(
        "gemm 64x64x5632 (Z̄ᵀ·H)",
        || {
            gemm(
                &mut s,
                [n, k, m],
                View::cols(&c, n),
                View::rows(&a, k),
                &mut gw,
                k,
                true,
            )
        },
        secs,
    );
    report("gemm 64x64x5632 (Z̄ᵀ·H)", r, (m * n * k) as f64);
}
