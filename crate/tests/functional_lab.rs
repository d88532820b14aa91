//! The `functional` lab through the runner: every preset builds and its three derivatives agree
//! in the interior; flows advance; bad input names the parameter and the place.

#![cfg(not(target_arch = "wasm32"))]

use deltaf::functional::presets::PRESETS;
use deltaf::lab::{ArrayData, ErrorKind, ParamValue, RawValue, Runner};

fn raw(pairs: Vec<(&'static str, ParamValue)>) -> Vec<(String, RawValue)> {
    pairs
        .into_iter()
        .map(|(n, v)| {
            let v = match v {
                ParamValue::Number(x) => RawValue::Number(x),
                ParamValue::Int(x) => RawValue::Number(x as f64),
                ParamValue::Bool(b) => RawValue::Bool(b),
                ParamValue::Text(t) => RawValue::Text(t),
            };
            (n.to_string(), v)
        })
        .collect()
}

fn array(r: &Runner, name: &str) -> Vec<f64> {
    let snap = r.snapshot();
    match &snap.arrays.iter().find(|(n, _)| n == name).unwrap().1.data {
        ArrayData::F64(v) => v.clone(),
        ArrayData::F32(v) => v.iter().map(|x| *x as f64).collect(),
    }
}

#[test]
fn every_preset_builds_and_the_three_methods_agree() {
    for p in PRESETS {
        let r = Runner::new("functional", &raw(p.params()), 1)
            .unwrap_or_else(|e| panic!("{}: {e}", p.id));
        let (m, _) = r.metrics();
        let get = |k: &str| m.get(k).unwrap();
        assert!(get("value").is_finite(), "{}", p.id);
        assert!(
            get("discrete_error") < 1e-2,
            "{}: discrete error {}",
            p.id,
            get("discrete_error")
        );
        assert!(
            get("cylindrical_error") < 1e-6,
            "{}: cylindrical error {}",
            p.id,
            get("cylindrical_error")
        );
        // A linear F (∫x²u) has no second-order remainder: r(ε) stays at round-off, no slope is fitted.
        let snap = r.snapshot();
        let taylor = &snap.curves.iter().find(|(n, _)| n == "taylor").unwrap().1;
        let at_round_off = taylor.y.iter().all(|r| *r < 1e-12);
        let slope = get("taylor_slope");
        assert!(
            (slope - 2.0).abs() < 0.15 || (at_round_off && slope.is_nan()),
            "{}: Taylor slope {slope} from {:?}",
            p.id,
            taylor.y
        );
        let order = get("discrete_order");
        assert!(
            order.is_nan() || (1.8..2.3).contains(&order) || get("discrete_error") < 1e-10,
            "{}: order {order}",
            p.id
        );
        let snap = r.snapshot();
        assert!(
            !snap
                .texts
                .iter()
                .find(|(n, _)| n == "derivative_latex")
                .unwrap()
                .1
                .is_empty()
        );
    }
}

#[test]
fn kdv_preset_flows_and_keeps_its_hamiltonian() {
    let kdv = PRESETS.iter().find(|p| p.id == "kdv").unwrap();
    let mut r = Runner::new("functional", &raw(kdv.params()), 1).unwrap();
    let u0 = array(&r, "u");
    r.step(200).unwrap();
    let (m, _) = r.metrics();
    assert!((m.get("time").unwrap() - 2.0).abs() < 1e-9);
    assert!(
        m.get("energy_drift").unwrap() < 1e-6,
        "drift {}",
        m.get("energy_drift").unwrap()
    );
    assert_ne!(array(&r, "u"), u0);
    // The derivative of the evolved (sampled) state is still consistent three ways.
    let (cyl, disc) = (
        m.get("cylindrical_error").unwrap(),
        m.get("discrete_error").unwrap(),
    );
    assert!(
        cyl < 1e-6 && disc < 1e-2,
        "cylindrical {cyl}, discrete {disc}"
    );
}

#[test]
fn flows_round_the_grid_to_a_power_of_two_with_a_notice() {
    let mut p = PRESETS
        .iter()
        .find(|p| p.id == "dirichlet")
        .unwrap()
        .params();
    p.retain(|(n, _)| *n != "points");
    p.push(("points", ParamValue::Int(300)));
    let r = Runner::new("functional", &raw(p), 1).unwrap();
    assert!(
        r.warnings()
            .iter()
            .any(|w| w.contains("N = 300 became 256")),
        "{:?}",
        r.warnings()
    );
    assert_eq!(array(&r, "x").len(), 256);
}

#[test]
fn bad_input_names_the_parameter_and_the_place() {
    let bad = |pairs: Vec<(&'static str, ParamValue)>| {
        Runner::new("functional", &raw(pairs), 1).err().unwrap()
    };
    let e = bad(vec![(
        "lagrangian",
        ParamValue::Text("0.5*u_x^2 + sinn(u)".into()),
    )]);
    assert_eq!(
        (e.kind, e.param.as_deref(), e.span),
        (ErrorKind::Input, Some("lagrangian"), Some((12, 16)))
    );
    assert!(
        e.message.contains("unknown function 'sinn'"),
        "{}",
        e.message
    );
    let e = bad(vec![("lagrangian", ParamValue::Text("0.5*u_x^2 +".into()))]);
    assert_eq!(e.param.as_deref(), Some("lagrangian"));
    let e = bad(vec![
        ("lagrangian", ParamValue::Text("u*ln(u)".into())),
        ("u", ParamValue::Text("sin(2*pi*x)".into())),
    ]);
    assert_eq!(e.kind, ErrorKind::Numeric);
    assert!(
        e.message.contains("ln") && e.message.contains("at x ="),
        "{}",
        e.message
    );
    let e = bad(vec![
        ("a", ParamValue::Number(2.0)),
        ("b", ParamValue::Number(1.0)),
    ]);
    assert_eq!(e.param.as_deref(), Some("b"));
    let e = bad(vec![
        ("boundary", ParamValue::Text("free".into())),
        ("basis", ParamValue::Text("fourier".into())),
    ]);
    assert_eq!(e.param.as_deref(), Some("basis"));
    let e = bad(vec![
        ("boundary", ParamValue::Text("free".into())),
        ("flow", ParamValue::Text("gradient".into())),
        ("basis", ParamValue::Text("legendre".into())),
    ]);
    assert_eq!(e.param.as_deref(), Some("flow"));
    let long = "u+".repeat(1001) + "u";
    let e = bad(vec![("lagrangian", ParamValue::Text(long))]);
    assert!(e.message.contains("limit is 2000"), "{}", e.message);
}

#[test]
fn a_blow_up_pauses_the_flow_with_the_step_and_keeps_the_state() {
    // u_t = u³ blows up in finite time, t = 1/(2 u0²) at the maximum of u0.
    let mut p = PRESETS
        .iter()
        .find(|p| p.id == "dirichlet")
        .unwrap()
        .params();
    p.retain(|(n, _)| *n != "lagrangian" && *n != "dt");
    p.push(("lagrangian", ParamValue::Text("-u^4/4".into())));
    p.push(("dt", ParamValue::Number(0.01)));
    let mut r = Runner::new("functional", &raw(p), 1).unwrap();
    let err = (0..1000)
        .find_map(|_| r.step(1).err())
        .expect("u_t = u³ must blow up");
    assert_eq!(err.kind, ErrorKind::Numeric);
    assert!(
        err.message.contains("step") && err.message.contains("dt"),
        "{}",
        err.message
    );
    assert!(array(&r, "u").iter().all(|v| v.is_finite()));
}

#[test]
fn gradient_flows_also_run_with_fixed_ends() {
    let pairs = vec![
        ("lagrangian", ParamValue::Text("0.5*u_x^2".into())),
        ("u", ParamValue::Text("sin(pi*x)".into())),
        ("boundary", ParamValue::Text("dirichlet".into())),
        ("basis", ParamValue::Text("legendre".into())),
        ("points", ParamValue::Int(101)),
        ("flow", ParamValue::Text("gradient".into())),
        ("dt", ParamValue::Number(1e-3)),
    ];
    let mut r = Runner::new("functional", &raw(pairs), 1).unwrap();
    r.step(100).unwrap();
    let (x, u) = (array(&r, "x"), array(&r, "u"));
    let decay = (-std::f64::consts::PI.powi(2) * 0.1).exp();
    for (x, u) in x.iter().zip(&u) {
        assert!((u - decay * (std::f64::consts::PI * x).sin()).abs() < 1e-3);
    }
    let hamiltonian = vec![
        ("boundary", ParamValue::Text("dirichlet".into())),
        ("basis", ParamValue::Text("legendre".into())),
        ("flow", ParamValue::Text("hamiltonian".into())),
    ];
    assert!(
        Runner::new("functional", &raw(hamiltonian), 1)
            .err()
            .unwrap()
            .message
            .contains("periodic")
    );
}
