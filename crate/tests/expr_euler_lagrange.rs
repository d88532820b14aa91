//! Euler–Lagrange sanity checks, the use the functional-derivative lab makes of the engine:
//! δF/δu = L_u − D_x L_{u_x} + D_x² L_{u_xx}, built from `diff` and `total_derivative`.

#![cfg(not(target_arch = "wasm32"))]

use deltaf::expr::{Expr, parse, total_derivative};
use deltaf::rng::Rng;

const VARS: [&str; 7] = ["x", "u", "u_x", "u_xx", "u_xxx", "u_xxxx", "u_xxxxx"];
const CHAIN: [(&str, &str); 5] = [
    ("u", "u_x"),
    ("u_x", "u_xx"),
    ("u_xx", "u_xxx"),
    ("u_xxx", "u_xxxx"),
    ("u_xxxx", "u_xxxxx"),
];

fn dx(e: &Expr) -> Expr {
    total_derivative(e, &CHAIN, "x").unwrap()
}

/// L_u − D_x L_{u_x} + D_x² L_{u_xx}, simplified.
fn euler_lagrange(l: &str) -> Expr {
    let l = parse(l, &VARS).unwrap();
    let terms = vec![
        l.diff("u"),
        Expr::neg(dx(&l.diff("u_x"))),
        dx(&dx(&l.diff("u_xx"))),
    ];
    Expr::add(terms).simplify()
}

/// Compares `got` and `want` at random jet values (u_x kept moderate, as in a real profile).
fn agree_at_random_points(got: &Expr, want: &str) {
    let want = parse(want, &VARS).unwrap();
    let mut rng = Rng::new(7);
    for _ in 0..200 {
        let p: Vec<f64> = VARS.iter().map(|_| rng.uniform_in(-2.0, 2.0)).collect();
        let (a, b) = (got.eval(&VARS, &p), want.eval(&VARS, &p));
        assert!(
            (a - b).abs() <= 1e-12 * (1.0 + b.abs()),
            "{got} = {a} but expected {want} = {b} at {p:?}"
        );
    }
}

#[test]
fn dirichlet_energy_gives_minus_laplacian() {
    assert_eq!(euler_lagrange("0.5*u_x^2").to_text(), "-u_xx");
}

#[test]
fn arc_length_gives_curvature() {
    let el = euler_lagrange("sqrt(1+u_x^2)");
    agree_at_random_points(&el, "-u_xx/(1+u_x^2)^(3/2)");
    // the single D_x term from the brief, evaluated directly
    let flux = parse("u_x/sqrt(1+u_x^2)", &VARS).unwrap();
    agree_at_random_points(&Expr::neg(dx(&flux)), "-u_xx/(1+u_x^2)^(3/2)");
}

#[test]
fn ginzburg_landau_gives_allen_cahn() {
    let el = euler_lagrange("0.5*u_x^2 + (1-u^2)^2/4");
    agree_at_random_points(&el, "-u*(1-u^2) - u_xx");
    assert_eq!(el.to_text(), "-u*(1 - u^2) - u_xx");
}

#[test]
fn second_order_lagrangian_gives_biharmonic() {
    assert_eq!(euler_lagrange("0.5*u_xx^2").to_text(), "u_xxxx");
}

#[test]
fn explicit_x_dependence() {
    // L = x*u_x^2/2: δF/δu = -D_x(x u_x) = -(u_x + x u_xx)
    let el = euler_lagrange("x*u_x^2/2");
    agree_at_random_points(&el, "-(u_x + x*u_xx)");
}
