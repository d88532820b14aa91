//! GPU vs CPU parity on the native Vulkan backend (lavapipe in CI). Built only with
//! `--features gpu-tests` (`make test` does): finding no adapter there is a FAILURE, never a skip.

#![cfg(not(target_arch = "wasm32"))]

use deltaf::gpu::rbf_pair_sum::{self, RbfPairSum, normwise_rel_error};
use deltaf::gpu::{GpuContext, GpuError};
use deltaf::rng::Rng;
use proptest::prelude::*;

fn context() -> GpuContext {
    match pollster::block_on(GpuContext::new()) {
        Ok(ctx) => ctx,
        Err(e) => panic!(
            "GPU parity tests need a Vulkan adapter (lavapipe: apt install mesa-vulkan-drivers): {e}"
        ),
    }
}

fn random_points(n: usize, dim: usize, seed: u64, spread: f64) -> Vec<f32> {
    let mut rng = Rng::new(seed);
    (0..n * dim)
        .map(|_| (spread * rng.normal()) as f32)
        .collect()
}

/// The largest |a_i − b_i| (NaN pairs ignored).
fn max_abs_diff(a: &[f32], b: &[f32]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f32::max)
}

fn assert_parity(ctx: &GpuContext, kernel: &mut RbfPairSum, points: &[f32], dim: usize, h: f32) {
    let gpu = pollster::block_on(kernel.run(ctx, points, dim, h)).expect("GPU run");
    let (sums, grads) = rbf_pair_sum::reference(points, dim, h as f64);
    let n = points.len() / dim;
    let e_sum = normwise_rel_error(&gpu.sums, &sums);
    let e_grad = normwise_rel_error(&gpu.grads, &grads);
    // f32 accumulation of n terms: error grows like n·eps in the worst case, ~sqrt(n)·eps typically.
    let tol = 1e-5 * (n as f64).sqrt().max(4.0);
    assert!(
        e_sum < tol && e_grad < tol,
        "n={n} dim={dim} h={h}: sums {e_sum:e}, grads {e_grad:e}, tol {tol:e}"
    );
}

#[test]
fn adapter_is_found_and_described() {
    let ctx = context();
    let s = ctx.summary();
    assert!(
        s.available && !s.adapter.is_empty() && s.reason.is_empty(),
        "{s:?}"
    );
    assert_eq!(s.backend, "vulkan");
    eprintln!("adapter: {} (fallback: {})", s.adapter, s.fallback);
}

#[test]
fn parity_at_tile_boundaries_and_all_dimensions() {
    let ctx = context();
    let mut kernel = pollster::block_on(RbfPairSum::new(&ctx)).unwrap();
    for &n in &[1usize, 2, 63, 64, 65, 127, 300] {
        for dim in 1..=8 {
            let points = random_points(n, dim, (n * 10 + dim) as u64, 1.0);
            assert_parity(&ctx, &mut kernel, &points, dim, 0.5 * dim as f32);
        }
    }
}

#[test]
fn parity_at_device_page_size() {
    let ctx = context();
    let mut kernel = pollster::block_on(RbfPairSum::new(&ctx)).unwrap();
    let points = random_points(4096, 2, 42, 1.0);
    assert_parity(&ctx, &mut kernel, &points, 2, 0.1);
    // The CPU fallback agrees with the same oracle.
    let cpu = rbf_pair_sum::cpu(&points, 2, 0.1).unwrap();
    let (sums, grads) = rbf_pair_sum::reference(&points, 2, 0.1);
    assert!(normwise_rel_error(&cpu.sums, &sums) < 1e-5);
    assert!(normwise_rel_error(&cpu.grads, &grads) < 1e-5);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn parity_on_random_inputs(n in 1usize..400, dim in 1usize..=8, seed in any::<u64>(),
                               spread in 0.01f64..10.0, h in 0.01f32..20.0) {
        let ctx = context();
        let mut kernel = pollster::block_on(RbfPairSum::new(&ctx)).unwrap();
        let points = random_points(n, dim, seed, spread);
        assert_parity(&ctx, &mut kernel, &points, dim, h);
    }
}

#[test]
fn buffers_are_rebuilt_when_the_size_changes() {
    let ctx = context();
    let mut kernel = pollster::block_on(RbfPairSum::new(&ctx)).unwrap();
    for (n, dim) in [(100, 2), (50, 3), (100, 2), (7, 8)] {
        let points = random_points(n, dim, n as u64, 1.0);
        assert_parity(&ctx, &mut kernel, &points, dim, 1.0);
    }
}

#[test]
fn a_destroyed_device_reports_loss_instead_of_panicking() {
    let ctx = context();
    let mut kernel = pollster::block_on(RbfPairSum::new(&ctx)).unwrap();
    let points = random_points(64, 2, 1, 1.0);
    ctx.destroy();
    match pollster::block_on(kernel.run(&ctx, &points, 2, 1.0)) {
        Err(GpuError::Lost(_)) => {}
        other => panic!("expected a lost-device error, got {other:?}"),
    }
}

#[test]
fn unsupported_requests_are_errors() {
    let ctx = context();
    let mut kernel = pollster::block_on(RbfPairSum::new(&ctx)).unwrap();
    assert!(matches!(
        pollster::block_on(kernel.run(&ctx, &[0.0; 18], 9, 1.0)),
        Err(GpuError::Unsupported(_))
    ));
    assert!(matches!(
        pollster::block_on(kernel.run(&ctx, &[0.0; 4], 2, -1.0)),
        Err(GpuError::Unsupported(_))
    ));
}

mod lab_on_gpu {
    use std::rc::Rc;

    use deltaf::lab::{ArrayData, Device, RawValue, Runner};

    fn points(r: &Runner) -> Vec<f32> {
        match &r.snapshot().arrays[0].1.data {
            ArrayData::F32(v) => v.clone(),
            _ => unreachable!(),
        }
    }

    fn runner() -> Runner {
        Runner::new("repulsion", &[("n".into(), RawValue::Number(300.0))], 7).unwrap()
    }

    #[test]
    fn gpu_and_cpu_runs_of_the_repulsion_lab_agree() {
        let ctx = Rc::new(super::context());
        let mut gpu_run = runner();
        let mut cpu_run = runner();
        assert!(pollster::block_on(gpu_run.use_gpu(Rc::clone(&ctx))).unwrap());
        assert!(matches!(gpu_run.device(), Device::Gpu { .. }));
        pollster::block_on(gpu_run.step_async(20)).unwrap();
        cpu_run.step(20).unwrap();
        assert_eq!(gpu_run.metrics().1, "gpu");
        let worst = super::max_abs_diff(&points(&gpu_run), &points(&cpu_run));
        assert!(worst < 1e-4, "trajectories differ by {worst}");
    }

    #[test]
    fn a_lost_device_falls_back_to_the_cpu_with_a_notice() {
        let ctx = Rc::new(super::context());
        let mut r = runner();
        assert!(pollster::block_on(r.use_gpu(Rc::clone(&ctx))).unwrap());
        pollster::block_on(r.step_async(2)).unwrap();
        ctx.destroy();
        pollster::block_on(r.step_async(3)).unwrap();
        assert_eq!(r.steps(), 5);
        assert!(
            matches!(r.device(), Device::Cpu { reason } if reason.contains("lost")),
            "{:?}",
            r.device()
        );
        assert!(
            r.warnings()
                .iter()
                .any(|w| w.contains("continuing on the CPU")),
            "{:?}",
            r.warnings()
        );
        // A lost context is refused up front on the next attach.
        assert!(!pollster::block_on(r.use_gpu(ctx)).unwrap());
    }
}

#[test]
fn far_apart_points_underflow_to_zero_without_failing() {
    // Regression found by proptest: kernel values of ~1e-67 are 0 in f32; that is not an error.
    let ctx = context();
    let mut kernel = pollster::block_on(RbfPairSum::new(&ctx)).unwrap();
    let points = random_points(3, 3, 11975430877977004488, 7.300554459509805);
    assert_parity(&ctx, &mut kernel, &points, 3, 0.22225575);
}

mod mlp_train {
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
}

mod particle_kernels {
    use deltaf::gpu::rbf_pair_sum::normwise_rel_error;
    use deltaf::gpu::{RbfCrossSum, SvgdDirection, rbf_cross_sum, svgd_direction};
    use deltaf::particles::algorithm::Scores;
    use deltaf::particles::cross_kernel::cross_sums;
    use deltaf::particles::pair_kernel::Points;
    use deltaf::particles::svgd;
    use proptest::prelude::*;

    fn cloud(n: usize, seed: u64, spread: f64) -> Vec<f32> {
        super::random_points(n, 2, seed, spread)
    }

    fn split(v: &[f32]) -> (Vec<f64>, Vec<f64>) {
        (
            v.iter().step_by(2).map(|a| *a as f64).collect(),
            v.iter().skip(1).step_by(2).map(|a| *a as f64).collect(),
        )
    }

    /// GPU and the CPU SIMD kernel against the f64 oracle, on the same input.
    fn svgd_parity(
        ctx: &deltaf::gpu::GpuContext,
        k: &mut SvgdDirection,
        n: usize,
        seed: u64,
        spread: f64,
        h: f32,
    ) {
        let points = cloud(n, seed, spread);
        let scores = cloud(n, seed + 1, 3.0);
        let exact = svgd_direction::reference(&points, &scores, h as f64);
        let gpu = pollster::block_on(k.run(ctx, &points, &scores, h)).expect("GPU run");
        let ((xs, ys), (sx, sy)) = (split(&points), split(&scores));
        let s = Scores {
            logp: vec![0.0; n],
            gx: sx,
            gy: sy,
        };
        // The CPU path divides by n; the kernel's raw sums do not.
        let cpu = svgd::direction(&xs, &ys, &s, h as f64);
        let cpu: Vec<f32> = (0..n)
            .flat_map(|i| [(cpu.x[i] * n as f64) as f32, (cpu.y[i] * n as f64) as f32])
            .collect();
        let tol = 1e-5 * (n as f64).sqrt().max(4.0);
        let (eg, ec) = (
            normwise_rel_error(&gpu, &exact),
            normwise_rel_error(&cpu, &exact),
        );
        assert!(
            eg < tol && ec < tol,
            "n={n} h={h}: GPU {eg:e}, CPU {ec:e}, tol {tol:e}"
        );
    }

    #[test]
    fn svgd_direction_matches_the_reference_at_tile_edges() {
        let ctx = super::context();
        let mut k = pollster::block_on(SvgdDirection::new(&ctx)).unwrap();
        for n in [1, 2, 63, 64, 65, 129, 1000] {
            svgd_parity(&ctx, &mut k, n, n as u64, 1.0, 0.4);
        }
    }

    #[test]
    fn rbf_cross_sum_matches_the_reference_and_the_cpu() {
        let ctx = super::context();
        let mut k = pollster::block_on(RbfCrossSum::new(&ctx)).unwrap();
        for (n, m) in [(1, 1), (64, 1000), (65, 63), (700, 129)] {
            let (a, b) = (cloud(n, 1, 1.0), cloud(m, 2, 1.5));
            let exact = rbf_cross_sum::reference(&a, &b, 0.5);
            let gpu = pollster::block_on(k.run(&ctx, &a, &b, 0.5)).unwrap();
            let ((ax, ay), (bx, by)) = (split(&a), split(&b));
            let cpu = cross_sums(&Points::new(&ax, &ay), &Points::new(&bx, &by), 0.5).sums;
            let tol = 1e-5 * (m as f64).sqrt().max(4.0);
            assert!(normwise_rel_error(&gpu, &exact) < tol, "n={n} m={m}");
            assert!(normwise_rel_error(&cpu, &exact) < tol, "n={n} m={m}");
        }
        assert!(pollster::block_on(k.run(&ctx, &[0.0; 3], &[0.0; 2], 0.5)).is_err());
        assert!(pollster::block_on(k.run(&ctx, &[0.0; 2], &[0.0; 2], 0.0)).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]
        #[test]
        fn svgd_direction_parity_on_random_inputs(n in 1usize..300, seed in any::<u64>(),
                                                  spread in 0.05f64..5.0, h in 0.02f32..10.0) {
            let ctx = super::context();
            let mut k = pollster::block_on(SvgdDirection::new(&ctx)).unwrap();
            svgd_parity(&ctx, &mut k, n, seed, spread, h);
        }
    }
}

mod particles_lab_on_gpu {
    use std::rc::Rc;

    use deltaf::lab::{ArrayData, Device, RawValue, Runner};

    fn runner(pairs: &[(&str, &str)]) -> Runner {
        let raw: Vec<(String, RawValue)> = pairs
            .iter()
            .map(|(k, v)| {
                let value = v
                    .parse::<f64>()
                    .map(RawValue::Number)
                    .unwrap_or_else(|_| RawValue::Text(v.to_string()));
                (k.to_string(), value)
            })
            .collect();
        Runner::new("particles", &raw, 11).unwrap()
    }

    fn points(r: &Runner, name: &str) -> Vec<f32> {
        match &r
            .snapshot()
            .arrays
            .iter()
            .find(|(n, _)| n == name)
            .unwrap()
            .1
            .data
        {
            ArrayData::F32(v) => v.clone(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn svgd_and_kde_wgd_on_the_gpu_follow_the_cpu_runs() {
        let ctx = Rc::new(super::context());
        let pairs = [
            ("algorithm", "svgd"),
            ("compare", "kde-wgd"),
            ("n", "300"),
            ("metrics_every", "5"),
        ];
        let (mut gpu_run, mut cpu_run) = (runner(&pairs), runner(&pairs));
        assert!(pollster::block_on(gpu_run.use_gpu(Rc::clone(&ctx))).unwrap());
        pollster::block_on(gpu_run.step_async(20)).unwrap();
        cpu_run.step(20).unwrap();
        assert_eq!(gpu_run.metrics().1, "gpu");
        for name in ["points", "points_b"] {
            let worst = super::max_abs_diff(&points(&gpu_run, name), &points(&cpu_run, name));
            assert!(worst < 1e-3, "{name}: trajectories differ by {worst}");
        }
        for m in ["mmd", "mmd_b"] {
            let (g, c) = (
                gpu_run.metrics().0.get(m).unwrap(),
                cpu_run.metrics().0.get(m).unwrap(),
            );
            assert!(
                (g - c).abs() < 1e-3 * c.max(1e-2),
                "{m}: GPU {g} vs CPU {c}"
            );
        }
        let compute = gpu_run
            .snapshot()
            .texts
            .iter()
            .find(|(n, _)| n == "compute")
            .unwrap()
            .1
            .clone();
        assert!(
            compute.contains("WGSL") && compute.contains("MMD on the GPU"),
            "{compute}"
        );
    }

    #[test]
    fn langevin_algorithms_stay_on_the_cpu_and_say_why() {
        let ctx = Rc::new(super::context());
        let mut r = runner(&[("algorithm", "mala")]);
        assert!(!pollster::block_on(r.use_gpu(Rc::clone(&ctx))).unwrap());
        assert!(
            matches!(r.device(), Device::Cpu { reason } if reason.contains("MALA has no O(N²) GPU kernel")),
            "{:?}",
            r.device()
        );
        let mut r = runner(&[("algorithm", "svgd"), ("device", "cpu")]);
        assert!(!pollster::block_on(r.use_gpu(ctx)).unwrap());
        assert!(matches!(r.device(), Device::Cpu { reason } if reason.contains("CPU chosen")));
    }

    #[test]
    fn a_lost_device_mid_run_restores_the_state_and_finishes_on_the_cpu() {
        let ctx = Rc::new(super::context());
        let pairs = [("algorithm", "svgd"), ("n", "128")];
        let (mut r, mut cpu) = (runner(&pairs), runner(&pairs));
        assert!(pollster::block_on(r.use_gpu(Rc::clone(&ctx))).unwrap());
        pollster::block_on(r.step_async(3)).unwrap();
        cpu.step(3).unwrap();
        ctx.destroy();
        pollster::block_on(r.step_async(4)).unwrap();
        cpu.step(4).unwrap();
        assert_eq!(r.steps(), 7);
        assert_eq!(r.snapshot().step, 7);
        assert!(matches!(r.device(), Device::Cpu { .. }));
        let worst = points(&r, "points")
            .iter()
            .zip(points(&cpu, "points"))
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f32::max);
        assert!(worst < 1e-3, "{worst}");
    }
}

mod pair_force {
    //! mean-field Langevin's typed interaction: the generated WGSL kernel against the CPU's exact
    //! f64 pair sums (`Interaction::drift` at N ≤ 512).
    use deltaf::gpu::PairForce;
    use deltaf::gpu::rbf_pair_sum::normwise_rel_error;
    use deltaf::particles::mfld::Interaction;
    use deltaf::rng::Rng;

    const INTERACTIONS: [&str; 6] = [
        "(x^2 + y^2)/2",
        "-exp(-(x^2 + y^2))",
        "x^4 - x^2*y + abs(y)^1.5",
        "sqrt(x^2 + y^2 + 1)",
        "ln(1 + x^2 + y^2) + cos(x)*sinh(y/4) - tanh(3*x)*atan(y) + x^-2*0",
        "1/(1 + x^2 + y^2) + (x^2 + 1)^0.5*pi - e^(-y^2)",
    ];

    fn kernel(ctx: &deltaf::gpu::GpuContext, w: &Interaction) -> PairForce {
        let (wx, wy) = w.gradient();
        pollster::block_on(PairForce::new(ctx, &wx, &wy)).unwrap_or_else(|e| {
            panic!(
                "{}: {e}\n{}",
                w.expr.to_text(),
                PairForce::source(&wx, &wy).unwrap()
            )
        })
    }

    #[test]
    fn generated_kernels_match_the_exact_cpu_sums() {
        let ctx = super::context();
        for text in INTERACTIONS {
            let w = Interaction::parse(text).unwrap();
            let mut k = kernel(&ctx, &w);
            for (n, seed) in [
                (2usize, 1u64),
                (63, 2),
                (64, 3),
                (65, 4),
                (300, 5),
                (512, 6),
            ] {
                let points = super::random_points(n, 2, seed, 1.5);
                let xs: Vec<f64> = points.iter().step_by(2).map(|v| *v as f64).collect();
                let ys: Vec<f64> = points
                    .iter()
                    .skip(1)
                    .step_by(2)
                    .map(|v| *v as f64)
                    .collect();
                let cpu = w.drift(&xs, &ys, &mut Rng::new(0), 1).unwrap();
                let gpu = pollster::block_on(k.run(&ctx, &points)).unwrap();
                assert!(gpu.bad.is_empty(), "{text} n={n}: bad {:?}", gpu.bad);
                // drift = −mean ∇W
                let exact: Vec<f64> = cpu.x.iter().chain(&cpu.y).map(|v| -v).collect();
                let approx: Vec<f32> = gpu.fx.iter().chain(&gpu.fy).copied().collect();
                let err = normwise_rel_error(&approx, &exact);
                assert!(err < 1e-4, "{text} n={n}: relative error {err:e}");
            }
        }
    }

    #[test]
    fn every_node_of_the_generated_code_evaluates_like_the_cpu() {
        // With two particles at z and 0 the kernel returns exactly the generated functions at ±z.
        use deltaf::expr::parse;
        let ctx = super::context();
        let vars = ["x", "y"];
        let cases = [
            "sin(x) + cos(y) - tan(x/3)",
            "exp(x) * ln(y^2 + 1) / sqrt(abs(x) + 1)",
            "tanh(5*x) + tanh(y/10) + sinh(x) - cosh(y) + atan(x*y) + sign(x)*2",
            "x^3 - y^-2 + abs(x)^0.7 + (y^2 + 1)^x + pi*e - 2^-3",
            "(x - 5)^(y - y + 3) + (-x*y) / (1 + x^2) - 1/(3 + y)",
        ];
        let zs = [(0.3f32, -0.7f32), (-1.2, 0.4), (2.0, 1.5), (-0.05, -2.5)];
        for text in cases {
            let e = parse(text, &vars).unwrap();
            let other = parse("x*y", &vars).unwrap();
            let mut k = pollster::block_on(PairForce::new(&ctx, &e, &other)).unwrap();
            for (zx, zy) in zs {
                let f = pollster::block_on(k.run(&ctx, &[zx, zy, 0.0, 0.0])).unwrap();
                assert!(f.bad.is_empty(), "{text} at ({zx}, {zy})");
                for (got, (x, y)) in [(f.fx[0], (zx, zy)), (f.fx[1], (-zx, -zy))] {
                    let want = e.eval(&vars, &[x as f64, y as f64]);
                    let err = (got as f64 - want).abs() / want.abs().max(1.0);
                    assert!(err < 2e-5, "{text} at ({x}, {y}): GPU {got}, CPU {want}");
                }
            }
        }
    }

    #[test]
    fn kernels_are_exact_above_the_cpus_batch_threshold() {
        // N = 1500 > EXACT_MAX, where the CPU batches: the oracle is the f64 double sum itself.
        let ctx = super::context();
        let w = Interaction::parse("-exp(-(x^2 + y^2)) + (x^2 + y^2)/8").unwrap();
        let (wx, wy) = w.gradient();
        let mut k = kernel(&ctx, &w);
        let n = 1500;
        let points = super::random_points(n, 2, 9, 2.0);
        let p = |i: usize| (points[2 * i] as f64, points[2 * i + 1] as f64);
        let mut exact = vec![0.0; 2 * n];
        for i in 0..n {
            for j in (0..n).filter(|&j| j != i) {
                let ((xi, yi), (xj, yj)) = (p(i), p(j));
                let z = [xi - xj, yi - yj];
                exact[i] += wx.eval(&["x", "y"], &z) / (n - 1) as f64;
                exact[n + i] += wy.eval(&["x", "y"], &z) / (n - 1) as f64;
            }
        }
        let gpu = pollster::block_on(k.run(&ctx, &points)).unwrap();
        let approx: Vec<f32> = gpu.fx.iter().chain(&gpu.fy).copied().collect();
        let err = normwise_rel_error(&approx, &exact);
        assert!(gpu.bad.is_empty() && err < 1e-4, "relative error {err:e}");
    }

    #[test]
    fn undefined_or_infinite_terms_are_flagged_not_summed() {
        let ctx = super::context();
        // ∂W/∂x = 1/x: infinite for the coincident x of particles 0 and 1 (their y differ).
        let w = Interaction::parse("ln(abs(x))").unwrap();
        let mut k = kernel(&ctx, &w);
        let f = pollster::block_on(k.run(&ctx, &[0.0, 0.0, 0.0, 1.0, 2.0, 0.0])).unwrap();
        assert_eq!(f.bad, vec![0, 1]);
        // A negative base to a non-integer power (undefined in WGSL's pow): flagged.
        let w = Interaction::parse("(x + 10)^2.5").unwrap();
        let mut k = kernel(&ctx, &w);
        // Particle 0 sees z = −20, base −10.
        let f = pollster::block_on(k.run(&ctx, &[0.0, 0.0, 20.0, 0.0])).unwrap();
        assert_eq!(f.bad, vec![0]);
        // exp overflows f32 (not f64): flagged, so the CPU redoes the step.
        let w = Interaction::parse("exp(x)").unwrap();
        let mut k = kernel(&ctx, &w);
        let f = pollster::block_on(k.run(&ctx, &[0.0, 0.0, 100.0, 0.0])).unwrap();
        assert_eq!(f.bad, vec![1]);
    }
}

mod mfld_lab_on_gpu {
    use std::rc::Rc;

    use deltaf::lab::{ArrayData, RawValue, Runner};

    fn runner(n: usize, interaction: &str) -> Runner {
        let raw = [
            ("algorithm".to_string(), RawValue::Text("mfld".into())),
            ("n".to_string(), RawValue::Number(n as f64)),
            (
                "interaction".to_string(),
                RawValue::Text(interaction.into()),
            ),
            ("metrics_every".to_string(), RawValue::Number(5.0)),
        ];
        Runner::new("particles", &raw, 13).unwrap()
    }

    fn points(r: &Runner) -> Vec<f32> {
        match &r
            .snapshot()
            .arrays
            .iter()
            .find(|(n, _)| n == "points")
            .unwrap()
            .1
            .data
        {
            ArrayData::F32(v) => v.clone(),
            _ => unreachable!(),
        }
    }

    fn compute(r: &Runner) -> String {
        r.snapshot()
            .texts
            .iter()
            .find(|(n, _)| n == "compute")
            .unwrap()
            .1
            .clone()
    }

    #[test]
    fn mfld_on_the_gpu_follows_the_exact_cpu_run() {
        let ctx = Rc::new(super::context());
        for w in ["(x^2 + y^2)/2", "-exp(-(x^2 + y^2))"] {
            let (mut gpu_run, mut cpu_run) = (runner(300, w), runner(300, w));
            assert!(pollster::block_on(gpu_run.use_gpu(Rc::clone(&ctx))).unwrap());
            pollster::block_on(gpu_run.step_async(10)).unwrap();
            cpu_run.step(10).unwrap();
            assert_eq!(gpu_run.metrics().1, "gpu");
            let worst = super::max_abs_diff(&points(&gpu_run), &points(&cpu_run));
            assert!(worst < 1e-4, "{w}: trajectories differ by {worst}");
            let text = compute(&gpu_run);
            assert!(text.contains("exact over all pairs at every N"), "{text}");
            assert!(compute(&cpu_run).contains("random batches of 64"));
        }
    }

    #[test]
    fn a_force_the_gpu_cannot_evaluate_is_redone_on_the_cpu() {
        // ∂W/∂x = 30 e^(30x) overflows f32 for pair differences x > 2.96 (64 standard normal
        // particles span ~4.5) but not f64: the GPU flags those pairs and the step is the CPU's,
        // bit for bit.
        let ctx = Rc::new(super::context());
        let w = "exp(30*x)";
        let (mut gpu_run, mut cpu_run) = (runner(64, w), runner(64, w));
        assert!(pollster::block_on(gpu_run.use_gpu(Rc::clone(&ctx))).unwrap());
        let g = pollster::block_on(gpu_run.step_async(1));
        let c = cpu_run.step(1);
        match (g, c) {
            (Ok(()), Ok(())) => {
                let bits = |r: &Runner| points(r).iter().map(|v| v.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&gpu_run), bits(&cpu_run));
                // and the page says so
                let text = compute(&gpu_run);
                assert!(text.contains("1 step redone on the CPU"), "{text}");
            }
            (Err(g), Err(c)) => assert_eq!(g.message, c.message),
            (g, c) => panic!("GPU {g:?} vs CPU {c:?}"),
        }
        // Undefined on both: the CPU rejects the step and names the pair and the operation.
        let w = "(x - 100)^1.5";
        let mut r = runner(64, w);
        assert!(pollster::block_on(r.use_gpu(Rc::clone(&ctx))).unwrap());
        let err = pollster::block_on(r.step_async(1)).unwrap_err();
        assert!(
            err.message.contains("between particles") && err.message.contains("step 1"),
            "{}",
            err.message
        );
    }
}
