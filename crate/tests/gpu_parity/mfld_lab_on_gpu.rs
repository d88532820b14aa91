//! Mean-field Langevin on the GPU follows the exact CPU run; forces the GPU cannot evaluate.

use std::rc::Rc;

use deltaf::lab::Runner;

use super::particles_common::{array, runner, text};

/// mfld with the typed interaction W on n particles (seed 13).
fn mfld(n: usize, interaction: &str) -> Runner {
    let n = n.to_string();
    let pairs = [
        ("algorithm", "mfld"),
        ("n", n.as_str()),
        ("interaction", interaction),
        ("metrics_every", "5"),
    ];
    runner(&pairs, 13)
}

#[test]
fn mfld_on_the_gpu_follows_the_exact_cpu_run() {
    let ctx = Rc::new(super::context());
    for w in ["(x^2 + y^2)/2", "-exp(-(x^2 + y^2))"] {
        let (mut gpu_run, mut cpu_run) = (mfld(300, w), mfld(300, w));
        assert!(pollster::block_on(gpu_run.use_gpu(Rc::clone(&ctx))).unwrap());
        pollster::block_on(gpu_run.step_async(10)).unwrap();
        cpu_run.step(10).unwrap();
        assert_eq!(gpu_run.metrics().1, "gpu");
        let worst = super::max_abs_diff(
            &array(&gpu_run.snapshot(), "points").0,
            &array(&cpu_run.snapshot(), "points").0,
        );
        assert!(worst < 1e-4, "{w}: trajectories differ by {worst}");
        let shown = text(&gpu_run, "compute");
        assert!(shown.contains("exact over all pairs at every N"), "{shown}");
        assert!(text(&cpu_run, "compute").contains("random batches of 64"));
    }
}

#[test]
fn a_force_the_gpu_cannot_evaluate_is_redone_on_the_cpu() {
    // ∂W/∂x = 30 e^(30x) overflows f32 for pair differences x > 2.96 (64 standard normal
    // particles span ~4.5) but not f64: the GPU flags those pairs and the step is the CPU's,
    // bit for bit.
    let ctx = Rc::new(super::context());
    let w = "exp(30*x)";
    let (mut gpu_run, mut cpu_run) = (mfld(64, w), mfld(64, w));
    assert!(pollster::block_on(gpu_run.use_gpu(Rc::clone(&ctx))).unwrap());
    let g = pollster::block_on(gpu_run.step_async(1));
    let c = cpu_run.step(1);
    match (g, c) {
        (Ok(()), Ok(())) => {
            let bits = |r: &Runner| {
                array(&r.snapshot(), "points")
                    .0
                    .iter()
                    .map(|v| v.to_bits())
                    .collect::<Vec<_>>()
            };
            assert_eq!(bits(&gpu_run), bits(&cpu_run));
            // and the page says so
            let shown = text(&gpu_run, "compute");
            assert!(shown.contains("1 step redone on the CPU"), "{shown}");
        }
        (Err(g), Err(c)) => assert_eq!(g.message, c.message),
        (g, c) => panic!("GPU {g:?} vs CPU {c:?}"),
    }
    // Undefined on both: the CPU rejects the step and names the pair and the operation.
    let w = "(x - 100)^1.5";
    let mut r = mfld(64, w);
    assert!(pollster::block_on(r.use_gpu(Rc::clone(&ctx))).unwrap());
    let err = pollster::block_on(r.step_async(1)).unwrap_err();
    assert!(
        err.message.contains("between particles") && err.message.contains("step 1"),
        "{}",
        err.message
    );
}
