//! δF/δu three ways against hand-derived derivatives, reference values from science.md, and the
//! convergence orders each method promises.

#![cfg(not(target_arch = "wasm32"))]

use deltaf::functional::methods::{discrete, discrete_value, symbolic};
use deltaf::functional::value::value;
use deltaf::functional::{BasisKind, Lagrangian, Problem, Profile, cylindrical};
use deltaf::pde::grid::{Boundary, Grid};
use std::f64::consts::PI;

fn problem(l: &str, u: &str, a: f64, b: f64, boundary: Boundary) -> Problem {
    Problem {
        lagrangian: Lagrangian::parse(l).unwrap(),
        profile: Profile::typed(u).unwrap(),
        a,
        b,
        boundary,
    }
}

fn rel_max(approx: &[f64], exact: &[f64], keep: impl Fn(usize) -> bool) -> f64 {
    let (mut e, mut s) = (0.0f64, 0.0f64);
    for i in (0..exact.len()).filter(|&i| keep(i)) {
        e = e.max((approx[i] - exact[i]).abs());
        s = s.max(exact[i].abs());
    }
    e / s.max(1e-300)
}

/// (Lagrangian, u, domain, boundary, hand-derived δF/δu as a function of x).
type Case = (
    &'static str,
    &'static str,
    f64,
    f64,
    Boundary,
    fn(f64) -> f64,
);

fn cases() -> Vec<Case> {
    // u = sin(2πx) + 0.5 cos(4πx) and its derivatives, for the periodic cases.
    fn u(x: f64) -> f64 {
        (2.0 * PI * x).sin() + 0.5 * (4.0 * PI * x).cos()
    }
    fn ux(x: f64) -> f64 {
        2.0 * PI * (2.0 * PI * x).cos() - 2.0 * PI * (4.0 * PI * x).sin()
    }
    fn uxx(x: f64) -> f64 {
        -4.0 * PI * PI * (2.0 * PI * x).sin() - 8.0 * PI * PI * (4.0 * PI * x).cos()
    }
    fn uxxxx(x: f64) -> f64 {
        16.0 * PI.powi(4) * (2.0 * PI * x).sin() + 128.0 * PI.powi(4) * (4.0 * PI * x).cos()
    }
    vec![
        (
            "0.5*u_x^2",
            "sin(2*pi*x) + 0.5*cos(4*pi*x)",
            0.0,
            1.0,
            Boundary::Periodic,
            |x| -uxx(x),
        ),
        (
            "(1-u^2)^2/4",
            "sin(2*pi*x) + 0.5*cos(4*pi*x)",
            0.0,
            1.0,
            Boundary::Periodic,
            |x| -u(x) * (1.0 - u(x).powi(2)),
        ),
        (
            "u*ln(u)",
            "2 + sin(2*pi*x) + 0.5*cos(4*pi*x)",
            0.0,
            1.0,
            Boundary::Periodic,
            |x| 1.0 + (2.0 + u(x)).ln(),
        ),
        (
            "sqrt(1+u_x^2)",
            "sin(2*pi*x) + 0.5*cos(4*pi*x)",
            0.0,
            1.0,
            Boundary::Periodic,
            |x| -uxx(x) / (1.0 + ux(x).powi(2)).powf(1.5),
        ),
        (
            "0.5*u_xx^2",
            "sin(2*pi*x) + 0.5*cos(4*pi*x)",
            0.0,
            1.0,
            Boundary::Periodic,
            uxxxx,
        ),
        (
            "-u^3/6 + 0.5*u_x^2",
            "sin(2*pi*x) + 0.5*cos(4*pi*x)",
            0.0,
            1.0,
            Boundary::Periodic,
            |x| -u(x).powi(2) / 2.0 - uxx(x),
        ),
        (
            "u^(5/3)",
            "2 + sin(2*pi*x) + 0.5*cos(4*pi*x)",
            0.0,
            1.0,
            Boundary::Periodic,
            |x| 5.0 / 3.0 * (2.0 + u(x)).powf(2.0 / 3.0),
        ),
        (
            "x^2*u",
            "0.3*x^2 - 0.7*x + 0.5",
            -1.0,
            1.0,
            Boundary::Free,
            |x| x * x,
        ),
        (
            "u^3",
            "0.3*x^2 - 0.7*x + 0.5",
            -1.0,
            1.0,
            Boundary::Free,
            |x| 3.0 * (0.3 * x * x - 0.7 * x + 0.5).powi(2),
        ),
    ]
}

#[test]
fn symbolic_matches_hand_derived_derivatives_to_1e_10() {
    for (l, u, a, b, boundary, exact) in cases() {
        let p = problem(l, u, a, b, boundary);
        let g = Grid::new(a, b, 101, boundary);
        let got = symbolic(&p, &g).unwrap();
        let want: Vec<f64> = g.x.iter().map(|&x| exact(x)).collect();
        let e = rel_max(&got, &want, |_| true);
        assert!(e < 1e-10, "{l}: relative error {e:e}");
    }
}

#[test]
fn values_match_science_md_references() {
    // Hamiltonian neural solvers' toy: u = 0.3x² − 0.7x + 0.5 on [−1, 1].
    let fl = problem("x^2*u", "0.3*x^2 - 0.7*x + 0.5", -1.0, 1.0, Boundary::Free);
    let fnl = problem("u^3", "0.3*x^2 - 0.7*x + 0.5", -1.0, 1.0, Boundary::Free);
    let g = Grid::new(-1.0, 1.0, 100, Boundary::Free);
    let vl = value(&fl, &g).unwrap();
    let vnl = value(&fnl, &g).unwrap();
    assert!((vl - 0.453_333_333_333_333_3).abs() < 1e-12, "{vl}");
    assert!((vnl - 1.128_114_3).abs() < 1e-7, "{vnl}");
    // The trapezoid rule on linspace(−1, 1, 100) gives the paper's "trapezoid" values.
    assert!((discrete_value(&fl, &g).unwrap() - 0.453_483_0).abs() < 1e-7);
    assert!((discrete_value(&fnl, &g).unwrap() - 1.128_412_6).abs() < 1e-7);
}

#[test]
fn value_is_grid_independent_and_accurate_to_1e_8() {
    // ∫_0^1 ½ u_x² with u = sin(2πx) + 0.5 cos(4πx): ½·((2π)²/2 + (2π)²/2) = 2π².
    let p = problem(
        "0.5*u_x^2",
        "sin(2*pi*x) + 0.5*cos(4*pi*x)",
        0.0,
        1.0,
        Boundary::Periodic,
    );
    for n in [8, 64, 1000] {
        let v = value(&p, &Grid::new(0.0, 1.0, n, Boundary::Periodic)).unwrap();
        assert!(
            ((v - 2.0 * PI * PI) / (2.0 * PI * PI)).abs() < 1e-12,
            "n = {n}: {v}"
        );
    }
    // Arc length of y = x² on [0, 1]: (2√5 + asinh 2)/4.
    let arc = problem("sqrt(1+u_x^2)", "x^2", 0.0, 1.0, Boundary::Dirichlet);
    let v = value(&arc, &Grid::new(0.0, 1.0, 16, Boundary::Dirichlet)).unwrap();
    let exact = (2.0 * 5f64.sqrt() + 2f64.asinh()) / 4.0;
    assert!(((v - exact) / exact).abs() < 1e-12, "{v} vs {exact}");
}

/// Max relative error over x ∈ [a + 0.1L, b − 0.1L] (the interior, away from boundary terms).
fn interior_error(approx: &[f64], exact: &[f64], g: &Grid) -> f64 {
    let (lo, hi) = (g.a + 0.1 * (g.b - g.a), g.b - 0.1 * (g.b - g.a));
    rel_max(approx, exact, |i| g.x[i] >= lo && g.x[i] <= hi)
}

#[test]
fn discrete_gradient_converges_at_second_order_in_the_interior() {
    for (l, u, a, b, boundary) in [
        (
            "sqrt(1+u_x^2)",
            "sin(pi*x) + x^3",
            0.0,
            1.0,
            Boundary::Dirichlet,
        ),
        (
            "0.5*u_x^2 + u^4/4",
            "exp(x)*cos(3*x)",
            -1.0,
            1.0,
            Boundary::Free,
        ),
        (
            "0.5*u_xx^2 + x*u",
            "sin(2*pi*x) + 0.5*cos(4*pi*x)",
            0.0,
            1.0,
            Boundary::Periodic,
        ),
    ] {
        let p = problem(l, u, a, b, boundary);
        let errors: Vec<f64> = [64usize, 128, 256, 512]
            .iter()
            .map(|&n| {
                let g = Grid::new(a, b, n, boundary);
                interior_error(&discrete(&p, &g).unwrap(), &symbolic(&p, &g).unwrap(), &g)
            })
            .collect();
        for w in errors.windows(2) {
            let order = (w[0] / w[1]).log2();
            assert!(
                (1.8..2.3).contains(&order),
                "{l}: order {order:.2} from {errors:?}"
            );
        }
    }
}

#[test]
fn cylindrical_error_decays_faster_than_any_power_for_analytic_u() {
    for (l, u, a, b, boundary, kind) in [
        (
            "0.5*u_x^2 + u^4/4",
            "exp(x)*cos(3*x)",
            -1.0,
            1.0,
            Boundary::Free,
            BasisKind::Legendre,
        ),
        (
            "sqrt(1+u_x^2)",
            "sin(pi*x) + x^3",
            0.0,
            1.0,
            Boundary::Dirichlet,
            BasisKind::Legendre,
        ),
        (
            "-u^3/6 + 0.5*u_x^2",
            "1/(2 + cos(2*pi*x))",
            0.0,
            1.0,
            Boundary::Periodic,
            BasisKind::Fourier,
        ),
    ] {
        let p = problem(l, u, a, b, boundary);
        let g = Grid::new(a, b, 201, boundary);
        let exact = symbolic(&p, &g).unwrap();
        let errors: Vec<f64> = [6usize, 12, 18, 24]
            .iter()
            .map(|&m| interior_error(&cylindrical(&p, kind, m, &g).unwrap().corrected, &exact, &g))
            .collect();
        // Algebraic decay m^-p gains the same factor 2^p from m = 6 to 12 as from 12 to 24;
        // geometric decay ρ^m gains the square of it. Require clearly more than the same factor
        // (or the round-off floor), i.e. faster than any power of m.
        let (early, late) = ((errors[0] / errors[1]).ln(), (errors[1] / errors[3]).ln());
        assert!(errors[3] < 1e-11 || late > 1.5 * early, "{l}: {errors:?}");
        assert!(
            errors.windows(2).all(|w| w[1] < w[0] || w[1] < 1e-11),
            "{l}: {errors:?}"
        );
    }
}

#[test]
fn raw_cylindrical_gradient_carries_the_boundary_terms() {
    // With L depending on u_x and a Legendre basis, Σ ∂f/∂a_k φ_k differs from the corrected sum by
    // the projection of the point masses [L_{u_x} φ]_a^b: it does not converge to δF/δu as m grows,
    // while the corrected sum does.
    let p = problem("0.5*u_x^2", "sin(pi*x) + x^3", 0.0, 1.0, Boundary::Free);
    let g = Grid::new(0.0, 1.0, 101, Boundary::Free);
    let exact = symbolic(&p, &g).unwrap();
    let err = |m: usize| {
        let c = cylindrical(&p, BasisKind::Legendre, m, &g).unwrap();
        (
            interior_error(&c.raw, &exact, &g),
            interior_error(&c.corrected, &exact, &g),
        )
    };
    let ((raw8, cor8), (raw24, cor24)) = (err(8), err(24));
    assert!(
        raw24 > 0.1 && raw24 >= 0.5 * raw8,
        "raw errors {raw8} -> {raw24}"
    );
    assert!(
        cor24 < 1e-8 && cor24 < cor8,
        "corrected errors {cor8} -> {cor24}"
    );
    // A Lagrangian without derivatives has no boundary terms: raw = corrected.
    let q = problem("x^2*u", "0.3*x^2 - 0.7*x + 0.5", -1.0, 1.0, Boundary::Free);
    let c = cylindrical(
        &q,
        BasisKind::Legendre,
        8,
        &Grid::new(-1.0, 1.0, 50, Boundary::Free),
    )
    .unwrap();
    assert_eq!(c.raw, c.corrected);
}

#[test]
fn cylindrical_gradient_is_the_exact_gradient_of_f() {
    // ∂f/∂a_k by the formula against central differences of f in a_k (same quadrature), and f(a)
    // close to F[u] once the expansion resolves u.
    use deltaf::functional::Expansion;
    let p = problem(
        "0.5*u_x^2 + u^4/4",
        "exp(x)*cos(3*x)",
        -1.0,
        1.0,
        Boundary::Free,
    );
    let g = Grid::new(-1.0, 1.0, 64, Boundary::Free);
    let e = Expansion::new(&p, BasisKind::Legendre, 10, &g).unwrap();
    let a = e.coefficients();
    let (f, grad) = e.value_gradient(&p.lagrangian, &a).unwrap();
    for k in 0..10 {
        let step = 1e-5;
        let mut up = a.clone();
        up[k] += step;
        let mut down = a.clone();
        down[k] -= step;
        let fd = (e.value_gradient(&p.lagrangian, &up).unwrap().0
            - e.value_gradient(&p.lagrangian, &down).unwrap().0)
            / (2.0 * step);
        assert!(
            (fd - grad[k]).abs() < 1e-6 * grad[k].abs().max(1.0),
            "k = {k}: {fd} vs {}",
            grad[k]
        );
    }
    let v = value(&p, &g).unwrap();
    assert!(
        (f - v).abs() < 1e-3 * v.abs(),
        "truncated f(a) {f} vs F {v}"
    );
}

#[test]
fn taylor_tests_show_slope_two_for_both_exact_derivatives() {
    use deltaf::functional::taylor::{taylor_discrete, taylor_symbolic};
    for (l, u, a, b, boundary) in [
        (
            "sqrt(1+u_x^2)",
            "sin(pi*x) + x^3",
            0.0,
            1.0,
            Boundary::Dirichlet,
        ),
        (
            "0.5*u_xx^2 + u^4/4",
            "exp(x)*cos(3*x)",
            -1.0,
            1.0,
            Boundary::Free,
        ),
        (
            "-u^3/6 + 0.5*u_x^2",
            "sin(2*pi*x) + 0.5*cos(4*pi*x)",
            0.0,
            1.0,
            Boundary::Periodic,
        ),
    ] {
        let p = problem(l, u, a, b, boundary);
        let g = Grid::new(a, b, 128, boundary);
        let s = taylor_symbolic(&p, &g).unwrap();
        let d = taylor_discrete(&p, &g).unwrap();
        assert!(
            (s.slope - 2.0).abs() < 0.1,
            "{l}: symbolic slope {} from {:?}",
            s.slope,
            s.curve.y
        );
        assert!(
            (d.slope - 2.0).abs() < 0.1,
            "{l}: discrete slope {} from {:?}",
            d.slope,
            d.curve.y
        );
    }
}

#[test]
fn taylor_test_catches_a_wrong_derivative() {
    // Pair F[u] = ∫ ½u_x² with the derivative of a different functional: the remainder keeps an
    // O(ε) part and the slope drops to 1.
    use deltaf::functional::taylor::taylor_symbolic;
    let right = problem(
        "0.5*u_x^2",
        "sin(pi*x) + x^3",
        0.0,
        1.0,
        Boundary::Dirichlet,
    );
    let mut wrong = problem(
        "0.5*u_x^2",
        "sin(pi*x) + x^3",
        0.0,
        1.0,
        Boundary::Dirichlet,
    );
    wrong.lagrangian.el = Lagrangian::parse("0.5*u_x^2 + u").unwrap().el;
    let g = Grid::new(0.0, 1.0, 64, Boundary::Dirichlet);
    assert!((taylor_symbolic(&right, &g).unwrap().slope - 2.0).abs() < 0.1);
    assert!((taylor_symbolic(&wrong, &g).unwrap().slope - 1.0).abs() < 0.1);
}
