//! Mean-field Langevin's typed interaction: the generated WGSL kernel against the CPU's exact
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
