//! RBF pair sums with gradients (the O(N²) kernel of the particle labs): the CPU fallback path
//! natively and the WGSL kernel on the native Vulkan adapter (lavapipe here: a CPU emulation, so
//! its numbers say nothing about real GPUs). Prints one JSON object per line for
//! tests/run-benches.sh, which sets them beside NumPy and wasm in one table.

use std::time::Instant;

use deltaf::gpu::GpuContext;
use deltaf::gpu::rbf_pair_sum::{self, RbfPairSum};
use deltaf::rng::Rng;

/// Median milliseconds per call over at least 5 calls and ~0.5 s.
fn time_ms(mut f: impl FnMut()) -> f64 {
    f();
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 5 || (start.elapsed().as_secs_f64() < 0.5 && times.len() < 200) {
        let t = Instant::now();
        f();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|v| v.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![256, 1024, 4096, 16384]);
    let gpu = pollster::block_on(GpuContext::new()).ok();
    let mut kernel = gpu
        .as_ref()
        .and_then(|ctx| pollster::block_on(RbfPairSum::new(ctx)).ok());
    for &n in &sizes {
        let mut rng = Rng::new(1);
        let points: Vec<f32> = (0..2 * n).map(|_| rng.normal() as f32).collect();
        let h = 0.5f32;
        let cpu_ms = time_ms(|| {
            std::hint::black_box(rbf_pair_sum::cpu(&points, 2, h).unwrap());
        });
        println!(r#"{{"impl":"rust-native-cpu","n":{n},"ms":{cpu_ms:.4}}}"#);
        if let (Some(ctx), Some(k)) = (gpu.as_ref(), kernel.as_mut()) {
            let gpu_ms = time_ms(|| {
                std::hint::black_box(pollster::block_on(k.run(ctx, &points, 2, h)).unwrap());
            });
            let label = ctx.summary().adapter.replace('"', "'");
            println!(r#"{{"impl":"wgsl-native","adapter":"{label}","n":{n},"ms":{gpu_ms:.4}}}"#);
        }
    }
}
