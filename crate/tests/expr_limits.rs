//! The limits that keep hostile or accidental input from crashing the page: inputs at the
//! length and nesting limits go through every operation on a 1 MiB stack (the debug-wasm
//! default; the project raises it, this test does not count on that).

#![cfg(not(target_arch = "wasm32"))]

use deltaf::expr::{MAX_DEPTH, MAX_LEN, parse, total_derivative};

const VARS: [&str; 4] = ["x", "u", "u_x", "u_xx"];

fn nested(open: &str, leaf: &str, close: &str, levels: usize) -> String {
    open.repeat(levels) + leaf + &close.repeat(levels)
}

/// Inputs at (or one level under) the depth limit, each shaped to build a deep tree.
fn deep_inputs() -> Vec<String> {
    let d = MAX_DEPTH - 1;
    vec![
        nested("sin(", "u", ")", d),
        nested("sqrt(1+", "u", ")", d),
        nested("(1+", "u", ")", d),
        nested("1/(1+", "u", ")", d),
        nested("-(", "u", ")", d / 2),
        nested("exp(-", "u", ")", d / 2),
        nested("(u*", "x", ")^2", d / 2),
        "u^".repeat(d) + "x",
        "-".repeat(d) + "u",
        nested("ln(1+u^2*", "x", ")", d / 2),
    ]
}

fn exercise(text: &str) {
    assert!(
        text.chars().count() <= MAX_LEN,
        "test input too long: {}",
        text.len()
    );
    let e = parse(text, &VARS).unwrap_or_else(|err| panic!("{}…: {err}", &text[..40]));
    let d = e.diff("u");
    for f in [&e, &d] {
        let s = f.simplify();
        let _ = s.to_latex();
        let printed = f.to_text();
        if let Ok(back) = parse(&printed, &VARS) {
            assert_eq!(back.to_text(), printed);
        }
        let c = f.compile(&VARS).unwrap();
        let mut out = [0.0; 3];
        let col = [0.5, 1.0, 2.0];
        c.eval_batch(&[&col, &col, &col, &col], &mut out);
        let _ = c.check_batch(&[&col, &col, &col, &col], &mut out);
        assert_eq!(out[0].to_bits(), f.eval(&VARS, &[0.5; 4]).to_bits());
    }
    let chain = [("u", "u_x"), ("u_x", "u_xx")];
    let _ = total_derivative(&e, &chain, "x");
}

fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn deep_inputs_survive_every_operation() {
    on_small_stack(|| deep_inputs().iter().for_each(|t| exercise(t)));
}

#[test]
fn over_deep_inputs_are_refused_without_recursing() {
    on_small_stack(|| {
        for t in [
            nested("(", "u", ")", MAX_DEPTH + 1),
            nested("sin(", "u", ")", MAX_DEPTH + 1),
            "-".repeat(1999) + "u",
            "u^".repeat(999) + "u",
            "(".repeat(2000),
        ] {
            let err = parse(&t, &VARS).unwrap_err();
            assert!(err.message.contains("nested"), "{err}");
        }
    });
}

#[test]
fn long_flat_inputs_are_fine() {
    on_small_stack(|| {
        let sum = "u*x+".repeat(MAX_LEN / 4 - 1) + "u";
        exercise(&sum);
        let product = "u*".repeat(MAX_LEN / 2 - 1) + "x";
        exercise(&product);
    });
}

#[test]
fn total_derivative_refuses_huge_expressions() {
    let e = parse(&nested("sin(", "u_x", ")", 190), &VARS)
        .unwrap()
        .diff("u_x");
    let err = total_derivative(&e, &[("u", "u_x"), ("u_x", "u_xx")], "x").unwrap_err();
    assert!(err.message.contains("too large"), "{err}");
}
