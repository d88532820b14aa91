use crate::expr::{Span, parse};

const VARS: [&str; 2] = ["x", "u"];

fn check(s: &str, xs: &[f64], us: &[f64]) -> Result<Vec<f64>, String> {
    let c = parse(s, &VARS).unwrap().compile(&VARS).unwrap();
    let mut out = vec![0.0; xs.len()];
    c.check_batch(&[xs, us], &mut out)
        .map(|_| out)
        .map_err(|e| e.to_string())
}

#[test]
fn batch_equals_scalar_equals_tree_across_block_boundaries() {
    let text = "0.5*x^2 + (1-u^2)^2/4 - sin(u)/(2+cos(x)) + abs(u)^1.5 - u^-3";
    let e = parse(text, &VARS).unwrap();
    let c = e.compile(&VARS).unwrap();
    let n = 1000; // several blocks and a partial one
    let xs: Vec<f64> = (0..n).map(|i| -2.0 + 4.0 * i as f64 / n as f64).collect();
    let us: Vec<f64> = (0..n)
        .map(|i| 0.1 + (i as f64 * 0.37).sin().abs())
        .collect();
    let mut out = vec![0.0; n];
    c.eval_batch(&[&xs, &us], &mut out);
    for i in 0..n {
        let tree = e.eval(&VARS, &[xs[i], us[i]]);
        assert_eq!(out[i].to_bits(), tree.to_bits(), "point {i}");
        assert_eq!(c.eval(&[xs[i], us[i]]).to_bits(), tree.to_bits());
    }
}

#[test]
fn errors_name_the_operation_and_point() {
    let xs = [1.0, 2.0, 3.0];
    assert_eq!(
        check("ln(x - 2.5) + u", &xs, &[0.0; 3]).unwrap_err(),
        "ln of a negative number at 0..11 (at point 0)"
    );
    assert_eq!(
        check("u + 1/(x-2)", &xs, &[0.0; 3]).unwrap_err(),
        "division by zero at 4..11 (at point 1)"
    );
    assert_eq!(
        check("sqrt(u - x)", &xs, &[2.0; 3]).unwrap_err(),
        "sqrt of a negative number at 0..11 (at point 2)"
    );
    assert_eq!(
        check("exp(1000*x)", &xs, &[0.0; 3]).unwrap_err(),
        "overflow in exp at 0..11 (at point 0)"
    );
    assert_eq!(
        check("x^(-2) + u", &[1.0, 0.0], &[0.0; 2]).unwrap_err(),
        "zero to a negative power at 0..6 (at point 1)"
    );
    assert_eq!(
        check("(u-1)^0.5", &xs, &[0.0; 3]).unwrap_err(),
        "negative number to a non-integer power at 0..9 (at point 0)"
    );
    assert_eq!(
        check("ln(x-1)", &xs, &[0.0; 3]).unwrap_err(),
        "ln of zero at 0..7 (at point 0)"
    );
    assert_eq!(
        check("x*10^300*10^300", &xs, &[0.0; 3]).unwrap_err(),
        "overflow in multiplication at 0..15 (at point 0)"
    );
    assert_eq!(
        check("x + u", &xs, &[0.0, f64::NAN, 0.0]).unwrap_err(),
        "input 'u' is not finite (NaN) at 4..5 (at point 1)"
    );
    assert_eq!(
        check("u", &xs, &[f64::INFINITY; 3]).unwrap_err(),
        "input 'u' is not finite (inf) at 0..1 (at point 0)"
    );
}

#[test]
fn the_cause_is_on_the_path_to_the_output() {
    // 1/(1/x) is finite at x = 0 although 1/x is not; the NaN comes from the ln
    let err = check("1/(1/x) + ln(u)", &[0.0], &[-1.0]).unwrap_err();
    assert_eq!(err, "ln of a negative number at 10..15 (at point 0)");
}

#[test]
fn finite_outputs_pass() {
    assert_eq!(
        check("x + u", &[1.0, 2.0], &[3.0, 4.0]).unwrap(),
        vec![4.0, 6.0]
    );
    assert_eq!(
        check("2", &[1.0, 2.0], &[3.0, 4.0]).unwrap(),
        vec![2.0, 2.0]
    );
    let c = parse("x", &VARS).unwrap().compile(&VARS).unwrap();
    let mut out: [f64; 0] = [];
    assert!(c.check_batch(&[&[], &[]], &mut out).is_ok());
}

#[test]
fn all_finite_catches_every_position() {
    for n in [1, 7, 8, 9, 300] {
        for bad in [0, n / 2, n - 1] {
            for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                let mut xs = vec![1.0; n];
                xs[bad] = v;
                assert!(!super::all_finite(&xs));
            }
        }
        assert!(super::all_finite(&vec![1e308; n]));
    }
    let _ = Span::NONE;
}
