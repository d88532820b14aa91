//! The `particles` lab through the runner: every algorithm on every target, the snapshot and
//! metrics contract (README, www/src/core/api.ts), determinism, side-by-side comparison, bad
//! input (parse errors with spans, non-finite values rejected with particles and step, limits).

#![cfg(not(target_arch = "wasm32"))]

mod particles_common;
use deltaf::lab::{ErrorKind, RawValue, Runner};
use particles_common::{array, metric, runner};

const ALGORITHMS: [&str; 7] = [
    "ula", "mala", "svgd", "kde-wgd", "sge-wgd", "ssge-wgd", "mfld",
];
const TARGETS: [&str; 6] = ["gaussian", "banana", "donut", "funnel", "mixture", "typed"];

#[test]
fn every_algorithm_runs_on_every_target_and_fills_the_snapshot() {
    for target in TARGETS {
        for algorithm in ALGORITHMS {
            let mut r = runner(
                &[
                    ("target", target),
                    ("algorithm", algorithm),
                    ("n", "64"),
                    ("step", "0.01"),
                    ("metrics_every", "2"),
                ],
                9,
            );
            r.step(4)
                .unwrap_or_else(|e| panic!("{algorithm} on {target}: {e}"));
            let s = r.snapshot();
            assert_eq!(array(&s, "points").1, vec![64, 2]);
            assert_eq!(array(&s, "velocity").1, vec![64, 2]);
            assert_eq!(array(&s, "density").1, vec![128, 128]);
            for name in [
                "marginal_x",
                "marginal_y",
                "target_marginal_x",
                "target_marginal_y",
            ] {
                assert_eq!(array(&s, name).1, vec![64], "{name}");
            }
            let (d, _) = array(&s, "density");
            assert!(d.iter().all(|v| (0.0..=1.0).contains(v)) && d.contains(&1.0));
            for name in ["mmd", "ksd", "mean_error", "cov_error", "free_energy"] {
                let c = &s
                    .curves
                    .iter()
                    .find(|(n, _)| n == name)
                    .unwrap_or_else(|| panic!("curve {name}"))
                    .1;
                assert_eq!(c.x, vec![0.0, 2.0, 4.0], "{name}");
                assert!(
                    c.y.iter().all(|v| v.is_finite()),
                    "{algorithm} on {target}: {name} = {:?}",
                    c.y
                );
            }
            let v = |k: &str| {
                s.values
                    .iter()
                    .find(|(n, _)| n == k)
                    .unwrap_or_else(|| panic!("value {k}"))
                    .1
            };
            assert!(v("x0") < v("x1") && v("y0") < v("y1") && v("extent") > 0.0);
            assert_eq!(v("metrics_every"), 2.0);
            let t = |k: &str| {
                s.texts
                    .iter()
                    .find(|(n, _)| n == k)
                    .unwrap_or_else(|| panic!("text {k}"))
                    .1
                    .clone()
            };
            assert!(
                !t("algorithm").is_empty() && !t("target").is_empty() && !t("compute").is_empty()
            );
            let (m, device) = r.metrics();
            assert_eq!(device, "cpu");
            for name in [
                "mmd",
                "ksd",
                "mean_error",
                "cov_error",
                "steps_per_second",
                "free_energy",
            ] {
                assert!(
                    m.get(name).is_some_and(f64::is_finite),
                    "{algorithm} on {target}: {name}"
                );
            }
        }
    }
}

#[test]
fn same_seed_same_run_and_chunking_does_not_matter() {
    let pairs = [("algorithm", "mala"), ("n", "100"), ("compare", "svgd")];
    let (mut a, mut b, mut c) = (runner(&pairs, 5), runner(&pairs, 5), runner(&pairs, 6));
    a.step(12).unwrap();
    for _ in 0..12 {
        b.step(1).unwrap();
    }
    c.step(12).unwrap();
    for name in ["points", "points_b"] {
        assert_eq!(
            array(&a.snapshot(), name).0,
            array(&b.snapshot(), name).0,
            "{name}"
        );
        assert_ne!(
            array(&a.snapshot(), name).0,
            array(&c.snapshot(), name).0,
            "{name}"
        );
    }
}

#[test]
fn a_comparison_starts_from_the_same_particles_and_reports_both() {
    let r = runner(&[("algorithm", "svgd"), ("compare", "ula"), ("n", "80")], 7);
    let s = r.snapshot();
    assert_eq!(array(&s, "points").0, array(&s, "points_b").0);
    for name in [
        "mmd_b",
        "ksd_b",
        "mean_error_b",
        "cov_error_b",
        "free_energy_b",
    ] {
        assert!(s.curves.iter().any(|(n, _)| n == name), "{name}");
        assert!(r.metrics().0.get(name).is_some(), "{name}");
    }
    assert!(
        s.texts
            .iter()
            .any(|(n, t)| n == "algorithm_b" && t == "ULA")
    );
}

#[test]
fn a_typed_density_that_fails_to_parse_reports_the_span() {
    let raw = [
        ("target".to_string(), RawValue::Text("typed".into())),
        (
            "logdensity".to_string(),
            RawValue::Text("-(x^2 + y^2)/2 + sinn(x)".into()),
        ),
    ];
    let e = Runner::new("particles", &raw, 1).err().unwrap();
    assert_eq!(
        (e.kind, e.param.as_deref(), e.span),
        (ErrorKind::Input, Some("logdensity"), Some((17, 21)))
    );
    let raw = [
        ("algorithm".to_string(), RawValue::Text("mfld".into())),
        (
            "interaction".to_string(),
            RawValue::Text("exp(-(x^2 + y^2)".into()),
        ),
    ];
    let e = Runner::new("particles", &raw, 1).err().unwrap();
    assert_eq!(e.param.as_deref(), Some("interaction"));
    assert!(e.span.is_some());
}

#[test]
fn a_failing_typed_gradient_rejects_the_step_names_particle_and_step_and_keeps_the_state() {
    // ln(x + 3) is undefined left of x = −3; big noisy ULA steps carry particles there.
    let mut r = runner(
        &[
            ("target", "typed"),
            ("logdensity", "-(x^2 + y^2)/2 + ln(x + 3)"),
            ("algorithm", "ula"),
            ("step", "1"),
            ("noise", "2"),
            ("n", "64"),
        ],
        3,
    );
    let mut err = None;
    for _ in 0..50 {
        let before = array(&r.snapshot(), "points").0;
        let steps = r.steps();
        match r.step(1) {
            Ok(()) => {}
            Err(e) => {
                assert_eq!(array(&r.snapshot(), "points").0, before, "state kept");
                assert_eq!(r.steps(), steps);
                err = Some((e, steps + 1));
                break;
            }
        }
    }
    let (e, step) = err.expect("some particle crossed x = −3");
    assert_eq!(e.kind, ErrorKind::Numeric);
    assert_eq!(e.param.as_deref(), Some("logdensity"));
    assert_eq!(e.span, Some((17, 26)));
    assert!(
        e.message.contains("ln of a negative number") && e.message.contains("particle"),
        "{}",
        e.message
    );
    assert!(
        e.message.contains(&format!("at step {step}")),
        "{}",
        e.message
    );
    // The run stays paused at the failing step: trying again fails the same way.
    assert!(r.step(1).is_err());
}

#[test]
fn an_overflowing_step_is_rejected_with_the_particles_named() {
    // Gradient ascent on the banana (ULA without noise, δ = 1) is cubic in x: far particles
    // overshoot to ±inf within a few steps, and the analytic gradient stops being finite.
    let mut r = runner(
        &[
            ("target", "banana"),
            ("algorithm", "ula"),
            ("noise", "0"),
            ("step", "1"),
            ("n", "32"),
        ],
        1,
    );
    let e = (0..40)
        .find_map(|_| r.step(1).err())
        .expect("the ascent blows up");
    assert_eq!(e.kind, ErrorKind::Numeric);
    assert!(
        e.message.contains("non-finite") && e.message.contains("particle"),
        "{}",
        e.message
    );
    assert!(
        e.message.contains(&format!("at step {}", r.steps() + 1)),
        "{}",
        e.message
    );
}

#[test]
fn limits_are_enforced_and_reported() {
    let r = runner(&[("algorithm", "sge-wgd"), ("n", "4096")], 1);
    assert_eq!(array(&r.snapshot(), "points").1, vec![1024, 2]);
    assert!(
        r.warnings().iter().any(|w| w.contains("reduced to 1024")),
        "{:?}",
        r.warnings()
    );
    let r = runner(&[("n", "1000000"), ("step", "5")], 1);
    assert_eq!(r.warnings().len(), 2, "{:?}", r.warnings());
    assert_eq!(array(&r.snapshot(), "points").1, vec![65_536, 2]);
    let r = runner(&[("algorithm", "mfld"), ("target", "banana")], 1);
    assert!(
        r.warnings().iter().any(|w| w.contains("Gibbs")),
        "{:?}",
        r.warnings()
    );
    let e = Runner::new(
        "particles",
        &[("algorithm".into(), RawValue::Text("hmc".into()))],
        1,
    )
    .err()
    .unwrap();
    assert!(
        e.message.contains("must be one of ula, mala, svgd"),
        "{}",
        e.message
    );
}

#[test]
fn metrics_are_evaluated_on_the_announced_schedule() {
    // auto: a Langevin step is O(N), the metrics O(min(N, 2048)²): evaluated rarely.
    let r = runner(&[("algorithm", "ula"), ("n", "256")], 1);
    let every = r
        .snapshot()
        .values
        .iter()
        .find(|(n, _)| n == "metrics_every")
        .unwrap()
        .1;
    assert!(every >= 50.0, "{every}");
    // a kernel flow at large N costs more than its metrics: every step or nearly.
    let r = runner(&[("algorithm", "svgd"), ("n", "8192")], 1);
    let every = r
        .snapshot()
        .values
        .iter()
        .find(|(n, _)| n == "metrics_every")
        .unwrap()
        .1;
    assert!(every <= 4.0, "{every}");
    assert!(metric(&r, "mmd") > 0.0);
}
