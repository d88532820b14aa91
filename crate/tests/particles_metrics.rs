//! The metrics against their definitions: the unbiased MMD² from the SIMD kernels equals a direct
//! O(N²) f64 evaluation; the biased MMD² between two sample sets of the same law shrinks like 1/N;
//! the KSD equals its direct double sum and vanishes on the target's own samples as N grows.

#![cfg(not(target_arch = "wasm32"))]

use deltaf::measure::ksd::{ksd, ksd_direct};
use deltaf::measure::mmd::{MMD_BANDWIDTH, MmdReference, mmd2_unbiased_direct};
use deltaf::measure::targets::Target;
use deltaf::particles::pair_kernel::Points;
use deltaf::rng::Rng;

fn samples(t: &Target, n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    t.sample(n, &mut Rng::new(seed)).unwrap()
}

#[test]
fn unbiased_mmd_matches_a_direct_evaluation() {
    for (t, u, n, m) in [
        (Target::Gaussian, Target::Banana, 300, 1000),
        (Target::Donut, Target::Donut, 513, 257),
        (Target::Mixture(3), Target::Funnel, 40, 1000),
    ] {
        let (ax, ay) = samples(&t, n, 1);
        let (bx, by) = samples(&u, m, 2);
        let reference = MmdReference::new(&bx, &by);
        let fast = reference.unbiased(&reference.sums_cpu(&Points::new(&ax, &ay)));
        let direct = mmd2_unbiased_direct((&ax, &ay), (&bx, &by), MMD_BANDWIDTH);
        // f32 kernel sums of ~10⁵ terms: ~1e-6 relative to the sums, which are O(1) per pair.
        assert!(
            (fast - direct).abs() < 2e-5,
            "{} vs {}: {fast} vs {direct}",
            t.id(),
            u.id()
        );
    }
}

#[test]
fn biased_mmd_between_samples_of_one_law_shrinks_like_one_over_n() {
    // E[MMD²_b] = (1/n + 1/m)(E k(x,x) − E k(x,y)) for independent sets of one law: with n = m
    // it is c/n. Its estimate fluctuates by about as much as its mean, so average 32 pairs of
    // sets per n and fit the log-log slope over n = 64 … 2048: it must be −1 (±0.15).
    let t = Target::Banana;
    let sizes = [64usize, 128, 256, 512, 1024, 2048];
    let seeds = 32;
    let logs: Vec<(f64, f64)> = sizes
        .iter()
        .map(|&n| {
            let mean = (0..seeds)
                .map(|s| {
                    let (ax, ay) = samples(&t, n, 1000 * n as u64 + s);
                    let (bx, by) = samples(&t, n, 2000 * n as u64 + s);
                    let r = MmdReference::new(&bx, &by);
                    r.biased(&r.sums_cpu(&Points::new(&ax, &ay)))
                })
                .sum::<f64>()
                / seeds as f64;
            ((n as f64).ln(), mean.ln())
        })
        .collect();
    let k = logs.len() as f64;
    let (mx, my) = (
        logs.iter().map(|p| p.0).sum::<f64>() / k,
        logs.iter().map(|p| p.1).sum::<f64>() / k,
    );
    let slope = logs.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>()
        / logs.iter().map(|p| (p.0 - mx).powi(2)).sum::<f64>();
    assert!((slope + 1.0).abs() < 0.15, "slope {slope}, points {logs:?}");
}

#[test]
fn ksd_matches_its_direct_sum_and_vanishes_on_target_samples() {
    let t = Target::Gaussian;
    let score = |xs: &[f64], ys: &[f64]| {
        let n = xs.len();
        let (mut l, mut gx, mut gy) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        t.eval(xs, ys, &mut l, &mut gx, &mut gy).unwrap();
        (gx, gy)
    };
    let (xs, ys) = samples(&t, 333, 5);
    let (gx, gy) = score(&xs, &ys);
    let fast = ksd(&xs, &ys, &gx, &gy);
    let direct = ksd_direct(&xs, &ys, &gx, &gy, MMD_BANDWIDTH);
    assert!(
        (fast - direct).abs() < 1e-4 * direct.max(1e-3),
        "{fast} vs {direct}"
    );
    // On samples of another law it is large; on the target's own it falls like N^{-1/2}.
    let (bx, by) = samples(&Target::Banana, 333, 6);
    let (sx, sy) = score(&bx, &by);
    let off = ksd(&bx, &by, &sx, &sy);
    let (big_x, big_y) = samples(&t, 2000, 7);
    let (bgx, bgy) = score(&big_x, &big_y);
    let on = ksd(&big_x, &big_y, &bgx, &bgy);
    assert!(
        off > 3.0 * fast && on < fast,
        "off {off}, n=333 {fast}, n=2000 {on}"
    );
}
