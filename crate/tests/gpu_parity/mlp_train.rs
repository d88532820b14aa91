//! The PINN training kernels (forward + backward in WGSL) against the f64 neural core, and the pinn lab on the GPU.

use std::rc::Rc;

use deltaf::gpu::mlp_train::{MlpTrain, Rows, reference};
use deltaf::lab::{Device, RawValue, Runner};
use deltaf::nn::{Activation, Mlp, MlpConfig};
use deltaf::rng::Rng;

fn rows(n: usize, d_in: usize, rng: &mut Rng) -> Rows {
    let mut r = Rows::default();
    r.clear(d_in);
    for i in 0..n {
        let x: Vec<f64> = (0..d_in).map(|_| rng.uniform_in(-1.0, 1.0)).collect();
        // Some rows without a direction, as the FDE's initial-condition rows.
        let v: Vec<f64> = (0..d_in)
            .map(|_| if i % 5 == 4 { 0.0 } else { rng.normal() })
            .collect();
        let coef = [rng.normal(), rng.normal(), rng.normal(), 1.0 / n as f64];
        r.push(&x, &v, coef);
    }
    r
}

fn normwise(a: &[f32], b: &[f64]) -> f64 {
    let scale = b.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-30);
    a.iter()
        .zip(b)
        .fold(0.0f64, |m, (x, y)| m.max((*x as f64 - y).abs()))
        / scale
}

#[test]
fn gradient_and_residuals_match_the_f64_neural_core() {
    let ctx = super::context();
    let mut kernel = pollster::block_on(MlpTrain::new(&ctx)).unwrap();
    let mut rng = Rng::new(3);
    for &(d_in, width, depth, n) in &[
        (2, 8, 1, 1),
        (5, 16, 2, 63),
        (11, 32, 3, 65),
        (21, 64, 3, 300),
        (3, 100, 4, 130),
    ] {
        let net = Mlp::new(
            MlpConfig::new(d_in, width, depth, 1, Activation::Tanh),
            &mut rng,
        );
        let r = rows(n, d_in, &mut rng);
        let (grad, resid) = pollster::block_on(kernel.run(&ctx, &net, &r)).expect("GPU run");
        let (g64, r64) = reference(&net, &r);
        let (eg, er) = (normwise(&grad, &g64), normwise(&resid, &r64));
        assert!(
            eg < 1e-4 && er < 1e-5,
            "{d_in}-{width}x{depth}, {n} rows: grad {eg:e}, residuals {er:e}"
        );
    }
}

#[test]
fn unsupported_networks_are_errors() {
    let ctx = super::context();
    let mut kernel = pollster::block_on(MlpTrain::new(&ctx)).unwrap();
    let mut rng = Rng::new(1);
    let net = Mlp::new(MlpConfig::new(3, 8, 2, 1, Activation::Softplus), &mut rng);
    let r = rows(4, 3, &mut rng);
    assert!(pollster::block_on(kernel.run(&ctx, &net, &r)).is_err());
}

fn runner(equation: &str, exact_bc: bool) -> Runner {
    let raw = [
        ("equation".to_string(), RawValue::Text(equation.into())),
        ("degree".to_string(), RawValue::Number(6.0)),
        ("width".to_string(), RawValue::Number(16.0)),
        ("batch".to_string(), RawValue::Number(64.0)),
        ("eval_every".to_string(), RawValue::Number(25.0)),
        ("exact_bc".to_string(), RawValue::Bool(exact_bc)),
    ];
    Runner::new("pinn", &raw, 9).unwrap()
}

#[test]
fn gpu_and_cpu_training_of_the_pinn_lab_agree() {
    let ctx = Rc::new(super::context());
    for (eq, exact_bc) in [("fte-linear", false), ("bhe-delta", true)] {
        let (mut gpu_run, mut cpu_run) = (runner(eq, exact_bc), runner(eq, exact_bc));
        assert!(pollster::block_on(gpu_run.use_gpu(Rc::clone(&ctx))).unwrap());
        pollster::block_on(gpu_run.step_async(50)).unwrap();
        cpu_run.step(50).unwrap();
        assert_eq!(gpu_run.metrics().1, "gpu");
        let get = |r: &Runner, n: &str| r.metrics().0.get(n).unwrap();
        let (a, b) = (get(&gpu_run, "rel_l1"), get(&cpu_run, "rel_l1"));
        assert!((a - b).abs() < 1e-3 * b, "{eq}: rel_l1 gpu {a} vs cpu {b}");
        let (a, b) = (get(&gpu_run, "loss"), get(&cpu_run, "loss"));
        assert!((a - b).abs() < 1e-3 * b, "{eq}: loss gpu {a} vs cpu {b}");
    }
}

#[test]
fn burgers_stays_on_the_cpu_and_says_why() {
    let ctx = Rc::new(super::context());
    let mut r = runner("burgers", true);
    assert!(!pollster::block_on(r.use_gpu(ctx)).unwrap());
    assert!(
        matches!(r.device(), Device::Cpu { reason } if reason.contains("Burgers")),
        "{:?}",
        r.device()
    );
}
