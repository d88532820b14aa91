//! Training in the pinn lab: a short run lowers the error by a clear factor, the blow-up guard
//! restores the last good parameters, output forms impose their conditions exactly, the degree
//! study produces its curve, and the lab keeps its snapshot contract (crate/src/pinn/lab.rs).

#![cfg(not(target_arch = "wasm32"))]

use deltaf::lab::{ArrayData, ErrorKind, RawValue, Runner};
use deltaf::nn::{Activation, Schedule};
use deltaf::pinn::{DegreeStudy, Fde, FdeKind, Problem, TestSet, TrainConfig, Trainer};

fn config(lr: f64, exact_bc: bool) -> TrainConfig {
    TrainConfig {
        width: 16,
        depth: 2,
        activation: Activation::Tanh,
        layer_norm: false,
        schedule: Schedule::Constant { lr },
        batch: 64,
        exact_bc,
    }
}

#[test]
fn a_short_run_lowers_the_error_by_a_clear_factor() {
    for (kind, exact_bc) in [
        (FdeKind::FteLinear, true),
        (FdeKind::FteLinear, false),
        (FdeKind::BheDelta, true),
    ] {
        let problem = Problem::Fde(Fde::new(kind, 4));
        let test = TestSet::new(&problem, 2000, 1);
        let mut t = Trainer::new(problem, config(3e-3, exact_bc), 7);
        let before = t.evaluate(&test).rel_l1;
        for _ in 0..400 {
            t.step().unwrap();
        }
        let after = t.evaluate(&test).rel_l1;
        assert!(
            after < before / 5.0,
            "{kind:?} exact_bc={exact_bc}: {before:e} → {after:e}"
        );
    }
}

#[test]
fn burgers_trains_and_its_output_form_is_exact_on_the_boundary() {
    let mut t = Trainer::new(Problem::Burgers, config(3e-3, true), 3);
    let test = TestSet::new(&Problem::Burgers, 1000, 2);
    let before = t.evaluate(&test).rel_l2;
    let first = t.step().unwrap().total;
    for _ in 0..300 {
        t.step().unwrap();
    }
    assert!(t.last_loss().total < first / 2.0);
    assert!(t.evaluate(&test).rel_l2 < before);
    let pts = [0.0, 0.3, 0.0, -0.8, 0.7, 1.0, 0.4, -1.0];
    let mut out = Vec::new();
    t.predict(&pts, 2, &mut out);
    assert!((out[0] - -(std::f64::consts::PI * 0.3).sin()).abs() < 1e-14);
    assert!((out[1] - -(std::f64::consts::PI * -0.8).sin()).abs() < 1e-14);
    assert!(out[2].abs() < 1e-14 && out[3].abs() < 1e-14);
}

#[test]
fn a_huge_learning_rate_pauses_and_restores_the_last_good_parameters() {
    let problem = Problem::Fde(Fde::new(FdeKind::FteLinear, 4));
    let mut t = Trainer::new(problem, config(1e-3, false), 1);
    for _ in 0..100 {
        t.step().unwrap();
    }
    let good = t.net().params().to_vec();
    for _ in 0..20 {
        t.step().unwrap();
    }
    t.config.schedule = Schedule::Constant { lr: 1e8 };
    let err = (0..10).find_map(|_| t.step().err()).expect("no blow-up");
    assert_eq!(err.kind, ErrorKind::Numeric);
    assert!(
        err.message.contains("restored") && err.message.contains("step 100"),
        "{}",
        err.message
    );
    assert_eq!(t.net().params(), &good[..]);
    assert_eq!(t.steps(), 100);
    // A NaN in the parameters is caught the same way.
    t.config.schedule = Schedule::Constant { lr: 1e-3 };
    t.params_mut()[3] = f64::NAN;
    assert_eq!(t.step().unwrap_err().kind, ErrorKind::Numeric);
    assert_eq!(t.net().params(), &good[..]);
    t.step().unwrap();
}

#[test]
fn degree_study_measures_each_degree_against_the_full_solution() {
    let mut s = DegreeStudy::with_degrees(
        FdeKind::FteSpectrum15,
        config(1e-2, true),
        vec![2, 16],
        500,
        1,
    );
    assert_eq!(s.current_degree(), None);
    s.advance(100);
    assert_eq!(s.current_degree(), Some(2));
    s.advance(2000);
    assert!(s.done());
    assert_eq!(s.curve.x, [2.0, 16.0]);
    // D = 2 misses 13 of the 15 modes of a': a truncation error no training removes.
    assert!(s.curve.y[0] > 0.5, "{:?}", s.curve.y);
    assert!(s.curve.y[1] < s.curve.y[0] / 3.0, "{:?}", s.curve.y);
}

fn runner(params: &[(&str, RawValue)]) -> Runner {
    let raw: Vec<(String, RawValue)> = params
        .iter()
        .map(|(n, v)| (n.to_string(), v.clone()))
        .collect();
    Runner::new("pinn", &raw, 5).unwrap()
}

fn text(s: &str) -> RawValue {
    RawValue::Text(s.into())
}

#[test]
fn the_lab_keeps_its_metrics_and_snapshot_contract() {
    let mut r = runner(&[
        ("equation", text("bhe-moderate")),
        ("degree", RawValue::Number(6.0)),
        ("width", RawValue::Number(16.0)),
        ("eval_every", RawValue::Number(20.0)),
        ("exact_bc", RawValue::Bool(false)),
    ]);
    r.step(40).unwrap();
    let (m, device) = r.metrics();
    assert_eq!(device, "cpu");
    for name in [
        "loss",
        "loss_residual",
        "loss_initial",
        "rel_l1",
        "rel_l1_max",
        "steps",
        "steps_per_second",
    ] {
        assert!(m.get(name).unwrap().is_finite(), "{name}");
    }
    assert_eq!(m.get("steps"), Some(40.0));
    assert_eq!(m.get("eval_step"), Some(40.0));
    let s = r.snapshot();
    let curve = |n: &str| &s.curves.iter().find(|(k, _)| k == n).unwrap().1;
    assert_eq!(curve("rel_l1").x, [0.0, 20.0, 40.0]);
    assert_eq!(curve("loss").x.len(), 4);
    assert!(curve("loss_initial").y.iter().all(|v| v.is_finite()));
    let arr = |n: &str| &s.arrays.iter().find(|(k, _)| k == n).unwrap().1;
    assert_eq!(arr("slice_pred").shape, [101]);
    assert_eq!(arr("slice_exact").shape, [101]);
    let value = |n: &str| s.values.iter().find(|(k, _)| k == n).unwrap().1;
    assert_eq!(value("d_in"), 7.0);
    assert_eq!(value("max_width"), 256.0);
    assert_eq!(value("test_points"), 10_000.0);
    for t in [
        "equation_latex",
        "exact_latex",
        "condition_note",
        "slice_label",
        "eval_note",
    ] {
        assert!(s.texts.iter().any(|(k, v)| k == t && !v.is_empty()), "{t}");
    }
}

#[test]
fn burgers_snapshot_has_the_field_and_three_slices() {
    let mut r = runner(&[
        ("equation", text("burgers")),
        ("width", RawValue::Number(8.0)),
        ("eval_every", RawValue::Number(10.0)),
    ]);
    r.step(10).unwrap();
    let s = r.snapshot();
    let arr = |n: &str| &s.arrays.iter().find(|(k, _)| k == n).unwrap().1;
    assert_eq!(arr("field_pred").shape, [101, 201]);
    assert_eq!(arr("field_error").shape, [101, 201]);
    assert_eq!(arr("slice_pred").shape, [3, 201]);
    match &arr("field_exact").data {
        // Row t = 0 is the initial condition −sin πx.
        ArrayData::F32(v) => {
            assert!((v[50] - -(std::f64::consts::PI * -0.5).sin() as f32).abs() < 1e-6)
        }
        _ => panic!("field_exact should be f32"),
    }
    assert!(r.metrics().0.get("rel_l2").unwrap() < 2.0);
}

#[test]
fn limits_are_clamped_with_notices() {
    let r = runner(&[
        ("width", RawValue::Number(1000.0)),
        ("depth", RawValue::Number(9.0)),
        ("batch", RawValue::Number(1e6)),
        ("degree", RawValue::Number(1.0)),
        ("slice_axis", RawValue::Number(20.0)),
    ]);
    let w = r.warnings().join("\n");
    for needle in [
        "width = 1000",
        "depth = 9",
        "batch = 1000000",
        "D ≥ 2",
        "slice_axis = 20",
    ] {
        assert!(w.contains(needle), "{needle} missing in {w}");
    }
}
