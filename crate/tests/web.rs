//! Tests in headless Chromium (`wasm-pack test --headless --chrome crate --test web`), run twice by
//! `make test`: with WebGPU (`--enable-unsafe-webgpu`, SwiftShader) and without (the CPU path).
//! The build says which run it is through DELTAF_EXPECT_WEBGPU=1|0; a run that expects an adapter
//! and finds none FAILS.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use deltaf::gpu::rbf_pair_sum::{self, RbfPairSum, normwise_rel_error};
use deltaf::gpu::{GpuContext, GpuError};
use deltaf::lab::{Device, RawValue, Runner};
use deltaf::rng::Rng;
use deltaf::web::LabRunner;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn expect_webgpu() -> bool {
    match option_env!("DELTAF_EXPECT_WEBGPU") {
        Some("1") => true,
        Some("0") => false,
        _ => panic!(
            "build the browser tests with DELTAF_EXPECT_WEBGPU=1 (WebGPU run) or 0 (CPU run)"
        ),
    }
}

async fn context_if_expected() -> Option<GpuContext> {
    let result = GpuContext::new().await;
    if expect_webgpu() {
        match result {
            Ok(ctx) => Some(ctx),
            Err(e) => panic!(
                "this run expects a WebGPU adapter (--enable-unsafe-webgpu) but found none: {e}"
            ),
        }
    } else {
        match result {
            Err(GpuError::Unavailable(reason)) => {
                assert!(!reason.is_empty());
                None
            }
            Err(other) => panic!("expected 'unavailable', got {other}"),
            Ok(ctx) => panic!(
                "this run expects no WebGPU adapter, found {:?}",
                ctx.summary()
            ),
        }
    }
}

fn random_points(n: usize, dim: usize, seed: u64) -> Vec<f32> {
    let mut rng = Rng::new(seed);
    (0..n * dim).map(|_| rng.normal() as f32).collect()
}

#[wasm_bindgen_test]
async fn adapter_presence_matches_the_run() {
    if let Some(ctx) = context_if_expected().await {
        let s = ctx.summary();
        assert!(
            s.available && s.backend == "webgpu" && !s.adapter.is_empty(),
            "{s:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn webgpu_kernel_matches_the_reference() {
    let Some(ctx) = context_if_expected().await else {
        return;
    };
    let mut kernel = RbfPairSum::new(&ctx).await.unwrap();
    for (n, dim, h) in [(1, 2, 1.0), (65, 3, 0.5), (1000, 2, 0.2), (257, 8, 4.0)] {
        let points = random_points(n, dim, n as u64);
        let gpu = kernel.run(&ctx, &points, dim, h).await.unwrap();
        let (sums, grads) = rbf_pair_sum::reference(&points, dim, h as f64);
        let tol = 1e-5 * (n as f64).sqrt().max(4.0);
        assert!(
            normwise_rel_error(&gpu.sums, &sums) < tol,
            "n={n} dim={dim}"
        );
        assert!(
            normwise_rel_error(&gpu.grads, &grads) < tol,
            "n={n} dim={dim}"
        );
    }
}

#[wasm_bindgen_test]
async fn lab_runs_on_the_gpu_and_falls_back_when_the_device_is_lost() {
    let Some(ctx) = context_if_expected().await else {
        return;
    };
    let ctx = Rc::new(ctx);
    let raw = [("n".to_string(), RawValue::Number(128.0))];
    let mut gpu_run = Runner::new("repulsion", &raw, 3).unwrap();
    let mut cpu_run = Runner::new("repulsion", &raw, 3).unwrap();
    assert!(gpu_run.use_gpu(Rc::clone(&ctx)).await.unwrap());
    gpu_run.step_async(5).await.unwrap();
    cpu_run.step(5).unwrap();
    let e_gpu = gpu_run.metrics().0.get("energy").unwrap();
    let e_cpu = cpu_run.metrics().0.get("energy").unwrap();
    assert!(
        (e_gpu - e_cpu).abs() < 1e-5 * e_cpu.abs(),
        "{e_gpu} vs {e_cpu}"
    );
    ctx.destroy();
    gpu_run.step_async(2).await.unwrap();
    assert!(matches!(gpu_run.device(), Device::Cpu { .. }));
    assert!(
        gpu_run
            .warnings()
            .iter()
            .any(|w| w.contains("continuing on the CPU"))
    );
}

#[wasm_bindgen_test]
async fn mlp_train_kernel_matches_the_f64_core_in_the_browser() {
    use deltaf::gpu::mlp_train::{MlpTrain, Rows, reference};
    use deltaf::nn::{Activation, Mlp, MlpConfig};
    let Some(ctx) = context_if_expected().await else {
        return;
    };
    let mut rng = Rng::new(2);
    let net = Mlp::new(MlpConfig::new(7, 32, 3, 1, Activation::Tanh), &mut rng);
    let mut rows = Rows::default();
    rows.clear(7);
    for _ in 0..100 {
        let x: Vec<f64> = (0..7).map(|_| rng.uniform_in(-1.0, 1.0)).collect();
        let v: Vec<f64> = (0..7).map(|_| rng.normal()).collect();
        rows.push(&x, &v, [rng.normal(), rng.normal(), rng.normal(), 0.01]);
    }
    let mut kernel = MlpTrain::new(&ctx).await.unwrap();
    let (grad, resid) = kernel.run(&ctx, &net, &rows).await.unwrap();
    let (g64, r64) = reference(&net, &rows);
    let g32: Vec<f32> = grad.to_vec();
    let r32: Vec<f32> = resid.to_vec();
    assert!(normwise_rel_error(&g32, &g64) < 1e-4);
    assert!(normwise_rel_error(&r32, &r64) < 1e-5);
    // The lab trains on the GPU and agrees with its CPU twin.
    let raw = [
        ("equation".to_string(), RawValue::Text("bhe-delta".into())),
        ("degree".to_string(), RawValue::Number(4.0)),
        ("width".to_string(), RawValue::Number(16.0)),
        ("batch".to_string(), RawValue::Number(32.0)),
        ("eval_every".to_string(), RawValue::Number(10.0)),
    ];
    let mut gpu_run = Runner::new("pinn", &raw, 4).unwrap();
    let mut cpu_run = Runner::new("pinn", &raw, 4).unwrap();
    assert!(gpu_run.use_gpu(Rc::new(ctx)).await.unwrap());
    gpu_run.step_async(10).await.unwrap();
    cpu_run.step(10).unwrap();
    let (a, b) = (
        gpu_run.metrics().0.get("rel_l1").unwrap(),
        cpu_run.metrics().0.get("rel_l1").unwrap(),
    );
    assert!((a - b).abs() < 1e-3 * b, "rel_l1 gpu {a} vs cpu {b}");
}

fn params(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn message(e: JsValue) -> String {
    Reflect::get(&e, &"message".into())
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn js_api_validates_parameters_and_steps() {
    let err = LabRunner::new(
        "repulsion",
        params(&[("nn", 5.into()), ("zz", true.into())]),
        1.into(),
    )
    .err()
    .unwrap();
    let text = message(err);
    assert!(
        text.contains("'nn'") && text.contains("'zz'") && text.contains("known parameters"),
        "{text}"
    );

    let runner = LabRunner::new(
        "repulsion",
        params(&[("n", 1e9.into()), ("dt", "0.01".into())]),
        7.into(),
    )
    .unwrap();
    assert_eq!(runner.warnings().unwrap().length(), 1);
    assert!(runner.step(-1.0).is_err());
    assert!(runner.step(1e10).is_err());
    assert!(runner.step(0.5).is_err());
    assert!(LabRunner::new("repulsion", JsValue::NULL, (-3).into()).is_err());
    assert!(LabRunner::new("repulsion", JsValue::NULL, "12345678901234567890".into()).is_ok());
    assert!(LabRunner::new("nope", JsValue::NULL, 1.into()).is_err());
}

#[wasm_bindgen_test]
fn js_api_runs_a_lab_on_the_cpu() {
    let runner = LabRunner::new("repulsion", params(&[("n", 64.into())]), 5.into()).unwrap();
    runner.step(3.0).unwrap();
    let metrics = runner.metrics().unwrap();
    assert_eq!(
        Reflect::get(&metrics, &"steps".into()).unwrap().as_f64(),
        Some(3.0)
    );
    assert_eq!(
        Reflect::get(&metrics, &"device".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("cpu")
    );
    let snap = runner.snapshot().unwrap();
    let points = Reflect::get(
        &Reflect::get(&snap, &"arrays".into()).unwrap(),
        &"points".into(),
    )
    .unwrap();
    let data: js_sys::Float32Array = Reflect::get(&points, &"data".into()).unwrap().into();
    assert_eq!(data.length(), 128);
    // The copy is independent of wasm memory, so it can be transferred to another thread.
    let wasm_buffer = Reflect::get(&wasm_bindgen::memory(), &"buffer".into()).unwrap();
    assert_ne!(JsValue::from(data.buffer()), wasm_buffer);
}

fn particles_runner(pairs: &[(&str, &str)], seed: u64) -> Runner {
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
    Runner::new("particles", &raw, seed).unwrap()
}

#[wasm_bindgen_test]
async fn particle_kernels_match_their_references_in_the_browser() {
    use deltaf::gpu::{RbfCrossSum, SvgdDirection, rbf_cross_sum, svgd_direction};
    let Some(ctx) = context_if_expected().await else {
        return;
    };
    let mut svgd = SvgdDirection::new(&ctx).await.unwrap();
    let mut cross = RbfCrossSum::new(&ctx).await.unwrap();
    for n in [1, 65, 700] {
        let points = random_points(n, 2, n as u64);
        let scores = random_points(n, 2, n as u64 + 1);
        let tol = 1e-5 * (n as f64).sqrt().max(4.0);
        let gpu = svgd.run(&ctx, &points, &scores, 0.3).await.unwrap();
        let exact = svgd_direction::reference(&points, &scores, 0.3);
        assert!(normwise_rel_error(&gpu, &exact) < tol, "svgd n={n}");
        let gpu = cross.run(&ctx, &points, &scores, 0.5).await.unwrap();
        let exact = rbf_cross_sum::reference(&points, &scores, 0.5);
        assert!(normwise_rel_error(&gpu, &exact) < tol, "cross n={n}");
    }
}

#[wasm_bindgen_test]
async fn particles_lab_runs_svgd_on_the_gpu_or_says_why_not() {
    let pairs = [("algorithm", "svgd"), ("n", "256"), ("metrics_every", "4")];
    let mut gpu_run = particles_runner(&pairs, 4);
    let mut cpu_run = particles_runner(&pairs, 4);
    cpu_run.step(8).unwrap();
    match context_if_expected().await {
        Some(ctx) => {
            assert!(gpu_run.use_gpu(Rc::new(ctx)).await.unwrap());
            gpu_run.step_async(8).await.unwrap();
            assert_eq!(gpu_run.metrics().1, "gpu");
            let (g, c) = (
                gpu_run.metrics().0.get("mmd").unwrap(),
                cpu_run.metrics().0.get("mmd").unwrap(),
            );
            assert!((g - c).abs() < 1e-3 * c.max(1e-2), "GPU {g} vs CPU {c}");
        }
        None => {
            // No adapter: the JS-facing runner stays on the CPU and its steps run there.
            gpu_run.step_async(8).await.unwrap();
            assert_eq!(gpu_run.metrics().1, "cpu");
            assert_eq!(
                gpu_run.metrics().0.get("mmd"),
                cpu_run.metrics().0.get("mmd")
            );
        }
    }
}

#[wasm_bindgen_test]
fn particle_pair_kernels_in_wasm_are_bit_identical_to_native() {
    // particles/simd.rs promises the same bits on every path; the hash below was computed by the
    // native test `pair_kernel_hash_is_the_one_the_browser_checks` (AVX2 and SSE2 builds agree).
    let (xs, ys, wx, wy) = deltaf::particles::pair_kernel::hash_inputs();
    let p = deltaf::particles::pair_kernel::Points::new(&xs, &ys).with_weights(&wx, &wy);
    let got = deltaf::particles::pair_kernel::pair_sums(&p, 0.3);
    assert_eq!(
        deltaf::particles::pair_kernel::hash(&got),
        deltaf::particles::pair_kernel::NATIVE_HASH
    );
}
