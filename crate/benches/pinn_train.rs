//! `make bench` for the pinn lab: training steps per second on the FTE problem (the same network,
//! loss and batch as crate/benches/pinn_peer.py), and time-to-accuracy runs for the issue's
//! targets. One JSON object per line (tests/bench/pinn-summary.mjs writes target/bench/pinn.json).
//! Alone: `cargo bench -p deltaf --bench pinn_train` (PINN_BENCH=speed or =accuracy for one part).

use deltaf::nn::{Activation, Schedule};
use deltaf::pinn::{Fde, FdeKind, Problem, TEST_POINTS, TestSet, TrainConfig, Trainer};
use std::time::Instant;

fn config(width: usize, depth: usize, lr: f64, batch: usize, total: u64) -> TrainConfig {
    TrainConfig {
        width,
        depth,
        activation: Activation::Tanh,
        layer_norm: false,
        schedule: Schedule::WarmupCosine {
            lr,
            min_lr: lr / 100.0,
            warmup: (total / 20).min(500),
            total,
        },
        batch,
        exact_bc: true,
    }
}

/// Steps per second, best of several windows (the machine is shared).
fn speed() {
    let problem = Problem::Fde(Fde::new(FdeKind::FteLinear, 10));
    let mut t = Trainer::new(problem, config(64, 3, 1e-3, 256, 1_000_000), 1);
    for _ in 0..20 {
        t.step().unwrap();
    }
    let mut best = 0f64;
    for _ in 0..6 {
        let t0 = Instant::now();
        let mut n = 0;
        while t0.elapsed().as_secs_f64() < 0.5 {
            t.step().unwrap();
            n += 1;
        }
        best = best.max(n as f64 / t0.elapsed().as_secs_f64());
    }
    println!(
        "{{\"kind\":\"speed\",\"impl\":\"rust-native\",\"case\":\"fte-linear D=10, tanh 3x64, B=256, exact J0 + tN\",\"precision\":\"f64\",\"steps_per_s\":{best:.1}}}"
    );
}

/// Trains until the error measure reaches `target` or `budget_s` seconds of training pass
/// (evaluations every `every` steps are not counted), and reports where it got.
fn accuracy(
    name: &str,
    problem: Problem,
    cfg: TrainConfig,
    target: f64,
    budget_s: f64,
    every: u64,
) {
    let burgers = matches!(problem, Problem::Burgers);
    let test = TestSet::new(&problem, TEST_POINTS, 1);
    let total = match cfg.schedule {
        Schedule::WarmupCosine { total, .. } => total,
        _ => u64::MAX,
    };
    let mut t = Trainer::new(problem, cfg, 1);
    let (mut train_s, mut err, mut reached) = (0.0, f64::NAN, None);
    while train_s < budget_s && t.steps() < total {
        let t0 = Instant::now();
        for _ in 0..every {
            t.step().unwrap();
        }
        train_s += t0.elapsed().as_secs_f64();
        let e = t.evaluate(&test);
        err = if burgers { e.rel_l2 } else { e.rel_l1 };
        if reached.is_none() && err <= target {
            reached = Some((train_s, t.steps()));
            if !burgers {
                break;
            }
        }
    }
    let measure = if burgers { "rel_l2" } else { "rel_l1" };
    let (secs, steps) = reached.map_or((f64::NAN, 0), |(s, n)| (s, n));
    println!(
        "{{\"kind\":\"accuracy\",\"case\":\"{name}\",\"measure\":\"{measure}\",\"target\":{target},\"reached\":{},\"seconds_to_target\":{},\"steps_to_target\":{steps},\"final_error\":{err:.3e},\"final_steps\":{},\"train_seconds\":{train_s:.1}}}",
        reached.is_some(),
        if secs.is_nan() {
            "null".to_string()
        } else {
            format!("{secs:.1}")
        },
        t.steps()
    );
}

fn main() {
    let part = std::env::var("PINN_BENCH").unwrap_or_default();
    if part.is_empty() || part == "speed" {
        speed();
    }
    if part.is_empty() || part == "accuracy" {
        let fte = Problem::Fde(Fde::new(FdeKind::FteLinear, 10));
        accuracy(
            "fte-linear D=10 (tanh 3x32, B=256)",
            fte,
            config(32, 3, 3e-3, 256, 20_000),
            1e-3,
            120.0,
            250,
        );
        let bhe = Problem::Fde(Fde::new(FdeKind::BheDelta, 20));
        accuracy(
            "bhe-delta D=20 (tanh 3x32, B=256)",
            bhe,
            config(32, 3, 3e-3, 256, 20_000),
            1e-3,
            120.0,
            250,
        );
        accuracy(
            "burgers nu=0.01/pi (tanh 4x32, B=512, 100k cosine steps)",
            Problem::Burgers,
            config(32, 4, 3e-3, 512, 100_000),
            1e-2,
            600.0,
            5000,
        );
    }
}
