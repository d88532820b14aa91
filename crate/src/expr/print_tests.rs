use super::*;
use crate::expr::parse;

const VARS: [&str; 4] = ["x", "u", "u_x", "u_xx"];

fn round(s: &str) -> String {
    parse(s, &VARS)
        .unwrap_or_else(|e| panic!("{s}: {e}"))
        .to_text()
}

#[test]
fn numbers_print_shortest() {
    assert_eq!(format_number(0.5), "0.5");
    assert_eq!(format_number(1e-3), "0.001");
    assert_eq!(format_number(2.0), "2");
    assert_eq!(format_number(1e-7), "1e-7");
    assert_eq!(format_number(1.5e20), "1.5e20");
    assert_eq!(format_number(0.1 + 0.2), "0.30000000000000004");
}

#[test]
fn minimal_parentheses() {
    for s in [
        "0.5*u_x^2 + (1 - u^2)^2/4",
        "-x^2",
        "(-x)^2",
        "x^u^2",
        "(x^u)^2",
        "x - (u - 1)",
        "x/(u*x)",
        "x/u*x",
        "1/x",
        "-1/x",
        "x^(-2)",
        "sin(x)^2",
        "exp(-x^2/2)",
        "-u*(1 - u^2)",
        "x*(-u)",
        "2^(1/2)",
        "(x + 1)*(x - 1)",
        "x - -u",
    ] {
        let expected = if s == "x - -u" { "x - (-u)" } else { s };
        assert_eq!(round(s), expected, "{s}");
    }
}

#[test]
fn redundant_parentheses_are_dropped_where_structure_allows() {
    assert_eq!(round("((x))"), "x");
    assert_eq!(round("x**2"), "x^2");
    assert_eq!(round("2 * ( x ^ 2 )"), "2*x^2");
    assert_eq!(round("x + (-u)"), "x - u");
    assert_eq!(round("x + -u*2"), "x - u*2");
}

#[test]
fn nested_sums_and_products_keep_their_grouping() {
    // (a*b)*c and a*(b*c) round differently in floating point, so the tree is kept as written
    assert_eq!(round("(x*u)*x"), "(x*u)*x");
    assert_eq!(round("x*(u*x)"), "x*(u*x)");
    assert_eq!(round("x + (u + x)"), "x + (u + x)");
}

#[test]
fn printing_is_idempotent_on_odd_shapes() {
    for s in [
        "-(x*u)*x",
        "-(-x)*u",
        "x - (-x*u)",
        "-(1/x)*u",
        "1/x*u",
        "u - 1/x*u",
        "-(x*u/2)",
        "x*(-(u*x))",
        "-(-(x*x))",
        "-(-(x*u)*x)",
    ] {
        let once = round(s);
        assert_eq!(round(&once), once, "{s} → {once}");
    }
}

#[test]
fn display_is_to_text() {
    let e = parse("u_x^2/2", &VARS).unwrap();
    assert_eq!(format!("{e}"), "u_x^2/2");
}
