//! One SVGD step of the `particles` lab on the reference Gaussian, natively on the CPU: what a
//! user's step costs (scores, the amortized median heuristic, the SIMD pair kernel, the update),
//! with the metrics switched off (`metrics_every` = 100 000). Prints one JSON object per line for
//! tests/run-benches.sh, which sets it beside wasm, NumPy and WebGPU (tests/bench/).

use std::time::Instant;

use deltaf::lab::{RawValue, Runner};
use deltaf::particles::simd::simd_path;

/// Median milliseconds per step over at least 5 steps and ~1 s.
fn time_ms(r: &mut Runner) -> f64 {
    r.step(1).unwrap();
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 5 || (start.elapsed().as_secs_f64() < 1.0 && times.len() < 200) {
        let t = Instant::now();
        r.step(1).unwrap();
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
    for &n in &sizes {
        let raw: Vec<(String, RawValue)> = [
            ("algorithm", RawValue::Text("svgd".into())),
            ("target", RawValue::Text("gaussian".into())),
            ("n", RawValue::Number(n as f64)),
            ("step", RawValue::Number(0.05)),
            ("metrics_every", RawValue::Number(100_000.0)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let mut r = Runner::new("particles", &raw, 1).unwrap();
        let ms = time_ms(&mut r);
        println!(
            r#"{{"impl":"rust-native","simd":"{}","n":{n},"ms":{ms:.4}}}"#,
            simd_path()
        );
    }
}
