use crate::expr::{parse, total_derivative};

const VARS: [&str; 6] = ["x", "u", "u_x", "u_xx", "u_xxx", "u_xxxx"];
const CHAIN: [(&str, &str); 4] = [
    ("u", "u_x"),
    ("u_x", "u_xx"),
    ("u_xx", "u_xxx"),
    ("u_xxx", "u_xxxx"),
];

fn d(text: &str, var: &str) -> String {
    parse(text, &VARS).unwrap().diff(var).to_text()
}

#[test]
fn readable_derivatives_from_the_brief() {
    assert_eq!(d("u^2/2", "u"), "u");
    assert_eq!(d("0.5*u_x^2", "u_x"), "u_x");
    assert_eq!(d("(1-u^2)^2/4", "u"), "-u*(1 - u^2)");
    assert_eq!(d("u^(5/3)", "u"), "5*u^(2/3)/3");
    assert_eq!(d("sqrt(1+u_x^2)", "u_x"), "u_x/sqrt(1 + u_x^2)");
}

#[test]
fn every_function() {
    assert_eq!(d("sin(u)", "u"), "cos(u)");
    assert_eq!(d("cos(u)", "u"), "-sin(u)");
    assert_eq!(d("tan(u)", "u"), "1/cos(u)^2");
    assert_eq!(d("exp(2*u)", "u"), "2*exp(2*u)");
    assert_eq!(d("ln(u)", "u"), "1/u");
    assert_eq!(d("log(x)", "u"), "0");
    assert_eq!(d("sqrt(u)", "u"), "1/(2*sqrt(u))");
    assert_eq!(d("abs(u)", "u"), "sign(u)");
    assert_eq!(d("tanh(u)", "u"), "1 - tanh(u)^2");
    assert_eq!(d("sinh(u)", "u"), "cosh(u)");
    assert_eq!(d("cosh(u)", "u"), "sinh(u)");
    assert_eq!(d("atan(u)", "u"), "1/(1 + u^2)");
    assert_eq!(d("sign(u)", "u"), "0");
}

#[test]
fn powers_with_variable_exponents() {
    assert_eq!(d("2^u", "u"), "2^u*ln(2)");
    assert_eq!(d("e^u", "u"), "e^u");
    assert_eq!(d("u^x", "x"), "u^x*ln(u)");
    // f^g with both depending: f^g (g' ln f + g f'/f)
    assert_eq!(d("u^u", "u"), "u^u*(ln(u) + 1)");
}

#[test]
fn chain_and_quotient_rules() {
    assert_eq!(d("sin(u^2)", "u"), "2*u*cos(u^2)");
    assert_eq!(d("1/u", "u"), "-1/u^2");
    assert_eq!(d("x/u", "u"), "-x/u^2");
}

#[test]
fn total_derivative_along_the_jet() {
    let e = parse("u*u_x", &VARS).unwrap();
    assert_eq!(
        total_derivative(&e, &CHAIN, "x").unwrap().to_text(),
        "u_x^2 + u*u_xx"
    );
    let e = parse("x*u", &VARS).unwrap();
    assert_eq!(
        total_derivative(&e, &CHAIN, "x").unwrap().to_text(),
        "u + x*u_x"
    );
    // Euler–Lagrange of 0.5*u_x^2: L_u - D_x L_{u_x} = -u_xx
    let l = parse("0.5*u_x^2", &VARS).unwrap();
    let el = crate::expr::Expr::add(vec![
        l.diff("u"),
        crate::expr::Expr::neg(total_derivative(&l.diff("u_x"), &CHAIN, "x").unwrap()),
    ]);
    assert_eq!(el.simplify().to_text(), "-u_xx");
}

#[test]
fn total_derivative_needs_a_name_for_every_derivative() {
    let e = parse("u_xxxx", &VARS).unwrap();
    let err = total_derivative(&e, &CHAIN, "x").unwrap_err();
    assert_eq!(err.span.start, 0);
    assert!(err.message.contains("u_xxxx"), "{err}");
}

#[test]
fn derivative_spans_point_at_the_source() {
    // d/du ln(u) = 1/u: the reciprocal comes from the `ln(u)` at 4..9
    let e = parse("x + ln(u)", &VARS).unwrap().diff("u");
    assert_eq!(e.span.start, 4);
    assert_eq!(e.span.end, 9);
}
