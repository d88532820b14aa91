//! LaTeX for KaTeX: fractions for quotients, `\sqrt{}`, `e^{…}`, `\ln u`, subscripts from
//! underscores (`u_xx` → `u_{xx}`), `\left(…\right)` only where grouping needs it.
//! Unlike `to_text`, this output is for reading only, so it may regroup signs and quotients.

use super::ast::{Constant, Expr, ExprKind, Func};
use super::number::Number;
use super::print::format_number;

impl Expr {
    pub fn to_latex(&self) -> String {
        let mut s = String::new();
        tex(&mut s, self, false);
        s
    }
}

/// Writes `e`; with `strip` the leading minus sign is left out (the caller wrote " - " already;
/// only valid when `leads_minus(e)`). Everything goes into one buffer: building strings per
/// level would copy the output once per nesting level.
fn tex(s: &mut String, e: &Expr, strip: bool) {
    match &e.kind {
        ExprKind::Num(v) => s.push_str(&tex_number(if strip { -v } else { *v })),
        ExprKind::Const(Constant::Pi) => s.push_str("\\pi"),
        ExprKind::Const(Constant::E) => s.push('e'),
        ExprKind::Var(name) => s.push_str(&tex_var(name)),
        ExprKind::Neg(a) => {
            if !strip {
                s.push('-');
            }
            wrap(s, is_sum(a) || leads_minus(a), |s| tex(s, a, false));
        }
        ExprKind::Add(ts) if ts.is_empty() => s.push('0'),
        ExprKind::Add(ts) => {
            tex_term(s, &ts[0], strip);
            for t in &ts[1..] {
                let minus = !is_sum(t) && leads_minus(t);
                s.push_str(if minus { " - " } else { " + " });
                tex_term(s, t, minus);
            }
        }
        ExprKind::Mul(_) | ExprKind::Inv(_) => tex_product(s, e, strip),
        ExprKind::Pow(b, x) => tex_pow(s, b, x),
        ExprKind::Call(f, a) => tex_call(s, *f, a),
    }
}

fn wrap(s: &mut String, yes: bool, body: impl FnOnce(&mut String)) {
    if yes {
        s.push_str("\\left(");
    }
    body(s);
    if yes {
        s.push_str("\\right)");
    }
}

fn tex_term(s: &mut String, t: &Expr, strip: bool) {
    wrap(s, is_sum(t), |s| tex(s, t, strip));
}

fn is_sum(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Add(ts) if ts.len() > 1)
}

/// Whether `tex(e)` starts with a minus sign, decided from the structure.
fn leads_minus(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Num(v) => *v < 0.0,
        ExprKind::Neg(_) => true,
        ExprKind::Mul(_) | ExprKind::Inv(_) => product_is_negative(e),
        ExprKind::Add(ts) => ts.first().is_some_and(|t| !is_sum(t) && leads_minus(t)),
        _ => false,
    }
}

fn product_is_negative(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Mul(fs) => fs.iter().fold(false, |neg, f| neg ^ product_is_negative(f)),
        ExprKind::Inv(a) => product_is_negative(a),
        ExprKind::Neg(a) => !product_is_negative(a),
        ExprKind::Num(v) => *v < 0.0,
        _ => false,
    }
}

fn tex_number(v: f64) -> String {
    let s = format_number(v);
    match s.split_once('e') {
        Some(("1", exp)) => format!("10^{{{exp}}}"),
        Some((m, exp)) => format!("{m} \\cdot 10^{{{exp}}}"),
        None => s,
    }
}

const GREEK: [&str; 24] = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi",
    "omega", "varphi",
];

/// `u_xx` → `u_{xx}`, `theta` → `\theta`, `rho_0` → `\rho_{0}`, `mass` → `\mathrm{mass}`.
fn tex_var(name: &str) -> String {
    let (base, sub) = name.split_once('_').unwrap_or((name, ""));
    let base = match base {
        "" => "\\_".to_string(),
        b if b.chars().count() == 1 => b.to_string(),
        b if GREEK.contains(&b) => format!("\\{b}"),
        b => format!("\\mathrm{{{b}}}"),
    };
    if sub.is_empty() {
        base
    } else {
        format!("{base}_{{{sub}}}")
    }
}

/// Factors of a product, flattened into numerator and denominator (signs are accounted for
/// by `product_is_negative`; numbers among the factors are printed without their sign).
fn split_product<'a>(
    e: &'a Expr,
    inverted: bool,
    num: &mut Vec<&'a Expr>,
    den: &mut Vec<&'a Expr>,
) {
    match &e.kind {
        ExprKind::Mul(fs) => fs.iter().for_each(|f| split_product(f, inverted, num, den)),
        ExprKind::Inv(a) => split_product(a, !inverted, num, den),
        ExprKind::Neg(a) => split_product(a, inverted, num, den),
        _ if inverted => den.push(e),
        _ => num.push(e),
    }
}

fn tex_product(s: &mut String, e: &Expr, strip: bool) {
    let (mut num, mut den) = (Vec::new(), Vec::new());
    split_product(e, false, &mut num, &mut den);
    if product_is_negative(e) && !strip {
        s.push('-');
    }
    if den.is_empty() {
        return juxtapose(s, &num);
    }
    s.push_str("\\frac{");
    if num.is_empty() {
        s.push('1');
    } else {
        juxtapose(s, &num);
    }
    s.push_str("}{");
    juxtapose(s, &den);
    s.push('}');
}

/// Factors side by side: `2u_{x}`, `u\,u_{xx}`, `2 \cdot 3`, sums in parentheses.
fn juxtapose(s: &mut String, fs: &[&Expr]) {
    for (i, f) in fs.iter().enumerate() {
        if i > 0 {
            let prev_is_number = matches!(fs[i - 1].kind, ExprKind::Num(_));
            if starts_with_digit(f) {
                s.push_str(" \\cdot ");
            } else if !prev_is_number {
                s.push_str("\\,");
            }
        }
        match f.kind {
            ExprKind::Num(v) => s.push_str(&tex_number(v.abs())),
            _ => wrap(s, is_sum(f) && fs.len() > 1, |s| tex(s, f, false)),
        }
    }
}

fn starts_with_digit(f: &Expr) -> bool {
    match &f.kind {
        ExprKind::Num(_) => true,
        ExprKind::Pow(b, x) => matches!(b.kind, ExprKind::Num(v) if v >= 0.0) && !is_half(x),
        _ => false,
    }
}

fn is_half(x: &Expr) -> bool {
    Number::from_expr(x).is_some_and(|n| n.value() == 0.5)
}

fn tex_pow(s: &mut String, b: &Expr, x: &Expr) {
    if is_half(x) {
        s.push_str("\\sqrt{");
        tex(s, b, false);
        return s.push('}');
    }
    match &b.kind {
        ExprKind::Var(_) | ExprKind::Const(_) => tex(s, b, false),
        ExprKind::Num(v) if *v >= 0.0 => tex(s, b, false),
        ExprKind::Call(Func::Sqrt | Func::Abs, _) => tex(s, b, false),
        ExprKind::Call(f, a) if named(*f).is_some() => {
            // \sin^{2} x
            s.push_str(named(*f).unwrap());
            tex_exponent(s, x);
            return call_arg(s, a);
        }
        _ => wrap(s, true, |s| tex(s, b, false)),
    }
    tex_exponent(s, x);
}

/// `^{…}`; a rational exponent reads better inline: u^{2/3} rather than u^{\frac{2}{3}}.
fn tex_exponent(s: &mut String, x: &Expr) {
    s.push_str("^{");
    match Number::from_expr(x) {
        Some(Number::Rat(p, q)) if q != 1 => s.push_str(&format!("{p}/{q}")),
        _ => tex(s, x, false),
    }
    s.push('}');
}

/// Functions written as an operator name followed by the argument (`\sin x`, `\ln\left(…\right)`).
fn named(f: Func) -> Option<&'static str> {
    Some(match f {
        Func::Sin => "\\sin",
        Func::Cos => "\\cos",
        Func::Tan => "\\tan",
        Func::Ln => "\\ln",
        Func::Tanh => "\\tanh",
        Func::Sinh => "\\sinh",
        Func::Cosh => "\\cosh",
        Func::Atan => "\\arctan",
        Func::Sign => "\\operatorname{sign}",
        Func::Exp | Func::Sqrt | Func::Abs => return None,
    })
}

/// A bare argument after an operator name only when it is a single symbol or number.
fn call_arg(s: &mut String, a: &Expr) {
    let bare = match a.kind {
        ExprKind::Var(_) | ExprKind::Const(_) => true,
        ExprKind::Num(v) => v >= 0.0,
        _ => false,
    };
    if bare {
        s.push(' ');
    }
    wrap(s, !bare, |s| tex(s, a, false));
}

fn tex_call(s: &mut String, f: Func, a: &Expr) {
    let (open, close) = match f {
        Func::Sqrt => ("\\sqrt{", "}"),
        Func::Abs => ("\\left|", "\\right|"),
        Func::Exp => ("e^{", "}"),
        _ => {
            s.push_str(named(f).unwrap());
            return call_arg(s, a);
        }
    };
    s.push_str(open);
    tex(s, a, false);
    s.push_str(close);
}

#[cfg(test)]
mod tests {
    use crate::expr::parse;

    fn tex(s: &str) -> String {
        parse(s, &["x", "u", "u_x", "u_xx", "theta"])
            .unwrap()
            .to_latex()
    }

    #[test]
    fn examples_from_the_brief() {
        assert_eq!(tex("u_x^2/2"), "\\frac{u_{x}^{2}}{2}");
        assert_eq!(tex("sqrt(1+u_x^2)"), "\\sqrt{1 + u_{x}^{2}}");
        assert_eq!(tex("ln(u)"), "\\ln u");
        assert_eq!(tex("exp(u)"), "e^{u}");
        assert_eq!(tex("e^u"), "e^{u}");
        assert_eq!(tex("2*pi*x"), "2\\pi\\,x");
        assert_eq!(tex("u_xx"), "u_{xx}");
    }

    #[test]
    fn signs_fractions_and_grouping() {
        assert_eq!(tex("-u*(1-u^2)"), "-u\\,\\left(1 - u^{2}\\right)");
        assert_eq!(tex("x - 2*u/3"), "x - \\frac{2u}{3}");
        assert_eq!(tex("1/(x+1)"), "\\frac{1}{x + 1}");
        assert_eq!(tex("(x+1)^2"), "\\left(x + 1\\right)^{2}");
        assert_eq!(
            tex("sin(x)^2 + cos(x+1)^2"),
            "\\sin^{2} x + \\cos^{2}\\left(x + 1\\right)"
        );
        assert_eq!(tex("abs(u)"), "\\left|u\\right|");
        assert_eq!(tex("2*3"), "2 \\cdot 3");
        assert_eq!(tex("x^(1/2)"), "\\sqrt{x}");
        assert_eq!(
            tex("(1+u_x^2)^(-3/2)"),
            "\\left(1 + u_{x}^{2}\\right)^{-3/2}"
        );
        assert_eq!(tex("theta"), "\\theta");
        assert_eq!(tex("1.5e-7*x"), "1.5 \\cdot 10^{-7}x");
        assert_eq!(tex("-(x+1)"), "-\\left(x + 1\\right)");
    }
}
