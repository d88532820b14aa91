//! Property tests of the expression engine on random trees over `x` and `u`:
//! (a) symbolic derivatives agree with forward-mode dual numbers (tightly) and with central
//!     finite differences (loosely); (b) printing round-trips through the parser, exactly and
//!     idempotently; (c) simplification preserves values; (d) the compiled tape equals the tree.
//! Generated trees stay where every function is defined (ln(1+a²), sqrt(1+a²), 1/(1+b²), …)
//! so that comparisons are meaningful rather than NaN = NaN.

#![cfg(not(target_arch = "wasm32"))]

use deltaf::expr::{Constant, Expr, ExprKind, Func, parse};
use proptest::prelude::*;

const VARS: [&str; 2] = ["x", "u"];

// ---------- generator ----------

fn positive(a: Expr) -> Expr {
    Expr::add(vec![Expr::num(1.0), Expr::pow(a, Expr::num(2.0))])
}

fn guarded_call(f: Func, a: Expr) -> Expr {
    let inner = match f {
        Func::Ln | Func::Sqrt => positive(a),
        // keep exp/sinh/cosh from overflowing and tan away from its poles
        Func::Exp | Func::Sinh | Func::Cosh | Func::Tan => Expr::call(Func::Sin, a),
        _ => a,
    };
    Expr::call(f, inner)
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        3 => Just(Expr::var("x")),
        3 => Just(Expr::var("u")),
        2 => (-3.0..3.0f64).prop_map(Expr::num),
        2 => (0i32..5).prop_map(|i| Expr::num(i as f64)),
        1 => prop::sample::select(vec![0.5, 1e-7, 1.5e-6, 0.001, 123456.0]).prop_map(Expr::num),
        1 => Just(Expr::constant(Constant::Pi)),
        1 => Just(Expr::constant(Constant::E)),
    ]
}

fn tree() -> impl Strategy<Value = Expr> {
    let funcs = prop::sample::select(Func::ALL.to_vec());
    leaf().prop_recursive(4, 32, 3, move |inner| {
        let pair = (inner.clone(), inner.clone());
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(Expr::add),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Expr::mul),
            inner.clone().prop_map(Expr::neg),
            pair.clone()
                .prop_map(|(a, b)| Expr::add(vec![a, Expr::neg(b)])),
            pair.clone()
                .prop_map(|(a, b)| Expr::mul(vec![a, Expr::inv(positive(b))])),
            inner.clone().prop_map(|a| Expr::inv(positive(a))),
            inner
                .clone()
                .prop_map(|a| Expr::inv(Expr::neg(positive(a)))),
            (inner.clone(), -2i32..5).prop_map(|(a, n)| Expr::pow(a, Expr::num(n as f64))),
            (
                inner.clone(),
                prop::sample::select(vec![0.5, 1.5, -0.5, 5.0 / 3.0])
            )
                .prop_map(|(a, c)| Expr::pow(positive(a), Expr::num(c))),
            inner.clone().prop_map(|a| {
                let five_thirds = Expr::mul(vec![Expr::num(5.0), Expr::inv(Expr::num(3.0))]);
                Expr::pow(positive(a), five_thirds)
            }),
            pair.prop_map(|(a, b)| Expr::pow(positive(a), Expr::call(Func::Sin, b))),
            (funcs.clone(), inner).prop_map(|(f, a)| guarded_call(f, a)),
        ]
    })
}

/// A generated tree whose `Debug` (what proptest prints for a failing case) is its text.
#[derive(Clone)]
struct Tree(Expr);

impl std::fmt::Debug for Tree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

fn trees() -> impl Strategy<Value = Tree> {
    tree().prop_map(Tree)
}

fn point() -> impl Strategy<Value = (f64, f64)> {
    (-2.0..2.0f64, -2.0..2.0f64)
}

// ---------- dual numbers (forward mode), a reference independent of `diff` ----------

#[derive(Clone, Copy, Debug)]
struct Dual {
    v: f64,
    d: f64,
}

fn dual_call(f: Func, a: Dual) -> Dual {
    let v = f.apply(a.v);
    let slope = match f {
        Func::Sin => a.v.cos(),
        Func::Cos => -a.v.sin(),
        Func::Tan => 1.0 / (a.v.cos() * a.v.cos()),
        Func::Exp => v,
        Func::Ln => 1.0 / a.v,
        Func::Sqrt => 0.5 / v,
        Func::Abs => Func::Sign.apply(a.v),
        Func::Tanh => 1.0 - v * v,
        Func::Sinh => a.v.cosh(),
        Func::Cosh => a.v.sinh(),
        Func::Atan => 1.0 / (1.0 + a.v * a.v),
        Func::Sign => 0.0,
    };
    Dual { v, d: slope * a.d }
}

/// Value and d/d(`wrt`) at (x, u); `scale` collects the largest magnitude seen, the yardstick
/// for rounding differences between two ways of computing the same number.
fn dual_eval(e: &Expr, x: f64, u: f64, wrt: &str, scale: &mut f64) -> Dual {
    let r = match &e.kind {
        ExprKind::Num(v) => Dual { v: *v, d: 0.0 },
        ExprKind::Const(c) => Dual {
            v: c.value(),
            d: 0.0,
        },
        ExprKind::Var(n) => Dual {
            v: if n == "x" { x } else { u },
            d: if n == wrt { 1.0 } else { 0.0 },
        },
        ExprKind::Neg(a) => {
            let a = dual_eval(a, x, u, wrt, scale);
            Dual { v: -a.v, d: -a.d }
        }
        ExprKind::Inv(a) => {
            let a = dual_eval(a, x, u, wrt, scale);
            Dual {
                v: 1.0 / a.v,
                d: -a.d / (a.v * a.v),
            }
        }
        ExprKind::Add(ts) => ts.iter().fold(Dual { v: 0.0, d: 0.0 }, |acc, t| {
            let t = dual_eval(t, x, u, wrt, scale);
            Dual {
                v: acc.v + t.v,
                d: acc.d + t.d,
            }
        }),
        ExprKind::Mul(fs) => fs.iter().fold(Dual { v: 1.0, d: 0.0 }, |acc, f| {
            let f = dual_eval(f, x, u, wrt, scale);
            Dual {
                v: acc.v * f.v,
                d: acc.d * f.v + acc.v * f.d,
            }
        }),
        ExprKind::Pow(b, p) => {
            let b = dual_eval(b, x, u, wrt, scale);
            let p = dual_eval(p, x, u, wrt, scale);
            let v = b.v.powf(p.v);
            let d = if p.d == 0.0 {
                if p.v == 0.0 {
                    0.0
                } else {
                    p.v * b.v.powf(p.v - 1.0) * b.d
                }
            } else {
                v * (p.d * b.v.ln() + p.v * b.d / b.v)
            };
            Dual { v, d }
        }
        ExprKind::Call(f, a) => dual_call(*f, dual_eval(a, x, u, wrt, scale)),
    };
    *scale = scale.max(r.v.abs()).max(r.d.abs());
    r
}

fn eval(e: &Expr, x: f64, u: f64) -> f64 {
    e.eval(&VARS, &[x, u])
}

fn same_bits(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

fn close(a: f64, b: f64, tol: f64, scale: f64) -> bool {
    (a - b).abs() <= tol * scale.max(1.0).max(a.abs()).max(b.abs())
}

/// Points where anything is huge make every comparison about rounding, not correctness:
/// e.g. sin(a) with a ~ 1e7 is only known to ~eps·a, and that error is multiplied by a'.
/// Below 1e5 such rounding (~eps·scale²) stays under the tolerance (1e-9·scale).
fn tame(scale: f64) -> bool {
    scale.is_finite() && scale < 1e5
}

/// 2048 by default (about a second in all); `PROPTEST_CASES=100000` for a long hunt.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2048)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn derivative_matches_dual_numbers(Tree(e) in trees(), (x, u) in point()) {
        for wrt in VARS {
            let mut scale = 0.0;
            let want = dual_eval(&e, x, u, wrt, &mut scale);
            if !tame(scale) || !want.d.is_finite() {
                continue;
            }
            let de = e.diff(wrt);
            let got = eval(&de, x, u);
            prop_assert!(close(got, want.d, 1e-9, scale),
                "d/d{wrt} of {e}\n  = {de}\n  at x={x}, u={u}: symbolic {got}, dual {}", want.d);
        }
    }

    #[test]
    fn derivative_matches_finite_differences(Tree(e) in trees(), (x, u) in point()) {
        let text = e.to_text();
        if text.contains("abs") || text.contains("sign") {
            return Ok(()); // kinks: a difference quotient across one means nothing
        }
        for wrt in VARS {
            let mut scale = 0.0;
            dual_eval(&e, x, u, wrt, &mut scale);
            if !tame(scale) {
                continue;
            }
            // central differences at two steps; where they disagree (fast oscillation, huge
            // curvature) the difference quotient says nothing and the point is skipped
            let at = |t: f64| if wrt == "x" { eval(&e, x + t, u) } else { eval(&e, x, u + t) };
            let fd = |h: f64| (at(h) - at(-h)) / (2.0 * h);
            let (coarse, fine) = (fd(1e-4), fd(1e-5));
            let got = eval(&e.diff(wrt), x, u);
            if fine.is_finite() && got.is_finite() && close(coarse, fine, 1e-5, scale) {
                prop_assert!(close(got, fine, 1e-4, scale), "d/d{wrt} of {e} at ({x}, {u}): {got} vs fd {fine}");
            }
        }
    }

    #[test]
    fn text_round_trips_exactly_and_idempotently(Tree(e) in trees(), (x, u) in point()) {
        for f in [e.clone(), e.simplify(), e.diff("x"), e.diff("u")] {
            let text = f.to_text();
            let back = parse(&text, &VARS).map_err(|err| TestCaseError::fail(format!("{text}: {err}")))?;
            prop_assert_eq!(back.to_text(), text.clone());
            let (a, b) = (eval(&f, x, u), eval(&back, x, u));
            prop_assert!(same_bits(a, b), "{} at ({}, {}): {} vs reparsed {}", text, x, u, a, b);
            prop_assert!(!f.to_latex().is_empty());
        }
    }

    #[test]
    fn simplify_preserves_value(Tree(e) in trees(), (x, u) in point()) {
        let mut scale = 0.0;
        let want = dual_eval(&e, x, u, "x", &mut scale).v;
        if tame(scale) && want.is_finite() {
            let s = e.simplify();
            let got = eval(&s, x, u);
            prop_assert!(close(got, want, 1e-9, scale), "{e}\n  simplified {s}\n  at ({x}, {u}): {got} vs {want}");
        }
    }

    #[test]
    fn compiled_tape_equals_tree(Tree(e) in trees(), xs in prop::collection::vec(-2.0..2.0f64, 300)) {
        let us: Vec<f64> = xs.iter().map(|x| 1.5 - x * x).collect();
        for f in [e.clone(), e.diff("u")] {
            let c = f.compile(&VARS).unwrap();
            let mut out = vec![0.0; xs.len()];
            c.eval_batch(&[&xs, &us], &mut out);
            for i in 0..xs.len() {
                let tree = eval(&f, xs[i], us[i]);
                prop_assert!(same_bits(out[i], tree), "{f} at {i}: tape {} vs tree {tree}", out[i]);
                prop_assert!(same_bits(c.eval(&[xs[i], us[i]]), tree));
            }
            let mut checked = vec![0.0; xs.len()];
            match c.check_batch(&[&xs, &us], &mut checked) {
                Ok(()) => prop_assert!(out.iter().all(|v| v.is_finite())),
                Err(err) => prop_assert!(!out[err.point_index].is_finite()
                    && out[..err.point_index].iter().all(|v| v.is_finite())),
            }
        }
    }
}
