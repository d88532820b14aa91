//! The particle lab on the GPU follows its CPU runs; lost devices and CPU-only algorithms.

use std::rc::Rc;

use deltaf::lab::Device;

use super::particles_common::{array, runner, text};

#[test]
fn svgd_and_kde_wgd_on_the_gpu_follow_the_cpu_runs() {
    let ctx = Rc::new(super::context());
    let pairs = [
        ("algorithm", "svgd"),
        ("compare", "kde-wgd"),
        ("n", "300"),
        ("metrics_every", "5"),
    ];
    let (mut gpu_run, mut cpu_run) = (runner(&pairs, 11), runner(&pairs, 11));
    assert!(pollster::block_on(gpu_run.use_gpu(Rc::clone(&ctx))).unwrap());
    pollster::block_on(gpu_run.step_async(20)).unwrap();
    cpu_run.step(20).unwrap();
    assert_eq!(gpu_run.metrics().1, "gpu");
    for name in ["points", "points_b"] {
        let worst = super::max_abs_diff(
            &array(&gpu_run.snapshot(), name).0,
            &array(&cpu_run.snapshot(), name).0,
        );
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
    let compute = text(&gpu_run, "compute");
    assert!(
        compute.contains("WGSL") && compute.contains("MMD on the GPU"),
        "{compute}"
    );
}

#[test]
fn langevin_algorithms_stay_on_the_cpu_and_say_why() {
    let ctx = Rc::new(super::context());
    let mut r = runner(&[("algorithm", "mala")], 11);
    assert!(!pollster::block_on(r.use_gpu(Rc::clone(&ctx))).unwrap());
    assert!(
        matches!(r.device(), Device::Cpu { reason } if reason.contains("MALA has no O(N²) GPU kernel")),
        "{:?}",
        r.device()
    );
    let mut r = runner(&[("algorithm", "svgd"), ("device", "cpu")], 11);
    assert!(!pollster::block_on(r.use_gpu(ctx)).unwrap());
    assert!(matches!(r.device(), Device::Cpu { reason } if reason.contains("CPU chosen")));
}

#[test]
fn a_lost_device_mid_run_restores_the_state_and_finishes_on_the_cpu() {
    let ctx = Rc::new(super::context());
    let pairs = [("algorithm", "svgd"), ("n", "128")];
    let (mut r, mut cpu) = (runner(&pairs, 11), runner(&pairs, 11));
    assert!(pollster::block_on(r.use_gpu(Rc::clone(&ctx))).unwrap());
    pollster::block_on(r.step_async(3)).unwrap();
    cpu.step(3).unwrap();
    ctx.destroy();
    pollster::block_on(r.step_async(4)).unwrap();
    cpu.step(4).unwrap();
    assert_eq!(r.steps(), 7);
    assert_eq!(r.snapshot().step, 7);
    assert!(matches!(r.device(), Device::Cpu { .. }));
    let worst = array(&r.snapshot(), "points")
        .0
        .iter()
        .zip(array(&cpu.snapshot(), "points").0)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f32::max);
    assert!(worst < 1e-3, "{worst}");
}
