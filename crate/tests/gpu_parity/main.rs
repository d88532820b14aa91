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

#[path = "../particles_common/mod.rs"]
mod particles_common;

mod mfld_lab_on_gpu;
mod mlp_train;
mod pair_force;
mod particle_kernels;
mod particles_lab_on_gpu;
