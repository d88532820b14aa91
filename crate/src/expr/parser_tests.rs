use super::*;

const VARS: [&str; 4] = ["x", "u", "u_x", "u_xx"];

fn p(s: &str) -> Expr {
    parse(s, &VARS).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn err(s: &str) -> String {
    parse(s, &VARS).unwrap_err().to_string()
}

fn num(v: f64) -> Expr {
    Expr::num(v)
}

#[test]
fn numbers_and_whitespace() {
    assert_eq!(p(" 2.5 "), num(2.5));
    assert_eq!(p(".5"), num(0.5));
    assert_eq!(p("1e-3"), num(1e-3));
    assert_eq!(p("1.5E+4"), num(1.5e4));
}

#[test]
fn precedence_and_associativity() {
    let (x, u) = (Expr::var("x"), Expr::var("u"));
    // -x^2 = -(x^2)
    assert_eq!(p("-x^2"), Expr::neg(Expr::pow(x.clone(), num(2.0))));
    // ^ and ** are right-associative
    assert_eq!(
        p("x^u^2"),
        Expr::pow(x.clone(), Expr::pow(u.clone(), num(2.0)))
    );
    assert_eq!(p("x**u**2"), p("x^u^2"));
    // 2^-1 is allowed
    assert_eq!(p("2^-1"), Expr::pow(num(2.0), Expr::neg(num(1.0))));
    // a - b / c: n-ary sum with a subtraction term, n-ary product with a division factor
    assert_eq!(
        p("x - u/2*x"),
        Expr::add(vec![
            x.clone(),
            Expr::neg(Expr::mul(vec![u.clone(), Expr::inv(num(2.0)), x.clone()]))
        ])
    );
    assert_eq!(p("x+u+x"), Expr::add(vec![x.clone(), u.clone(), x.clone()]));
    assert_eq!(p("+x"), x);
    assert_eq!(p("-(-(u))"), Expr::neg(Expr::neg(u)));
}

#[test]
fn names_constants_and_functions() {
    assert_eq!(p("pi"), Expr::constant(Constant::Pi));
    assert_eq!(p("e"), Expr::constant(Constant::E));
    assert_eq!(p("log(u)"), Expr::call(Func::Ln, Expr::var("u")));
    for f in [
        "sin", "cos", "tan", "exp", "ln", "log", "sqrt", "abs", "tanh", "sinh", "cosh", "atan",
        "sign",
    ] {
        assert!(parse(&format!("{f}(u_x)"), &VARS).is_ok(), "{f}");
    }
    // a variable named like a constant wins
    assert_eq!(parse("e", &["e"]).unwrap(), Expr::var("e"));
}

#[test]
fn spans_are_character_offsets() {
    let e = p("ln(u) + x");
    assert_eq!(e.span, Span::new(0, 9));
    let ExprKind::Add(ts) = &e.kind else { panic!() };
    assert_eq!(ts[0].span, Span::new(0, 5));
    assert_eq!(ts[1].span, Span::new(8, 9));
    // non-ASCII before the error must not shift it by bytes
    let e = parse("x + é", &VARS).unwrap_err();
    assert_eq!(e.span, Span::new(4, 5));
    // a division's span covers the quotient
    let e = p("u*x/(u-1)");
    let ExprKind::Mul(fs) = &e.kind else { panic!() };
    assert_eq!(fs[2].span, Span::new(0, 9));
}

#[test]
fn error_messages() {
    assert_eq!(err("2x"), "missing operator between '2' and 'x' at 1..2");
    assert_eq!(
        err("(x+1)(x-1)"),
        "missing operator between ')' and '(' at 5..6"
    );
    assert_eq!(err("sinn(x)"), "unknown function 'sinn' at 0..4");
    assert_eq!(
        err("u + v"),
        "unknown variable 'v' (allowed: x, u, u_x, u_xx) at 4..5"
    );
    assert_eq!(err("(u + x * 2) * (3"), "expected ')' at 16..16");
    assert_eq!(err("sin(x) + "), "unexpected end of input at 9..9");
    assert_eq!(err(""), "empty expression");
    assert_eq!(err("   "), "empty expression");
    assert_eq!(err("x + * u"), "unexpected '*' at 4..5");
    assert_eq!(err("x)"), "unexpected ')' at 1..2");
    assert_eq!(err("sin x"), "expected '(' after 'sin' at 4..5");
    assert_eq!(err("atan2(u, x)"), "unknown function 'atan2' at 0..5");
    assert_eq!(err("sin(u, x)"), "expected ')' but found ',' at 5..6");
    assert_eq!(err("x # 2"), "unexpected character '#' at 2..3");
    assert_eq!(
        parse("x", &[]).unwrap_err().to_string(),
        "unknown variable 'x' (no variables allowed) at 0..1"
    );
}

#[test]
fn length_limit() {
    let long = "x+".repeat(1000) + "x";
    assert_eq!(err(&long), "expression longer than 2000 characters");
    let ok = "x+".repeat(999) + "x";
    assert!(parse(&ok, &VARS).is_ok());
}

#[test]
fn depth_limit_reports_the_offending_parenthesis() {
    let ok = "(".repeat(MAX_DEPTH) + "x" + &")".repeat(MAX_DEPTH);
    assert!(parse(&ok, &VARS).is_ok());
    let deep = "(".repeat(MAX_DEPTH + 1) + "x" + &")".repeat(MAX_DEPTH + 1);
    let e = parse(&deep, &VARS).unwrap_err();
    assert_eq!(e.span, Span::new(MAX_DEPTH, MAX_DEPTH + 1));
    assert!(e.message.contains("nested"), "{e}");
    // unary signs, powers and calls count too; none of these may overflow the stack
    for s in [
        "-".repeat(1500) + "x",
        "x^".repeat(900) + "x",
        "sin(".repeat(300) + "x" + &")".repeat(300),
    ] {
        assert!(parse(&s, &VARS).unwrap_err().message.contains("nested"));
    }
}
