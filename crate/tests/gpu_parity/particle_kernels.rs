//! The particle lab's kernels (SVGD direction, RBF cross sums) against their CPU references.

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
