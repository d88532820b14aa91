//! Plain-text printing that the parser reads back: `parse(e.to_text())` evaluates exactly like
//! `e`, and printing that again gives the same text. Parentheses appear only where the parser
//! would otherwise build a different tree; signs are moved for readability only in ways that
//! are exact in IEEE arithmetic (`-(a*b)` = `(-a)*b`, `a + (-b)*c` = `a - b*c`).

use std::borrow::Cow;
use std::fmt;

use super::ast::{Expr, ExprKind};

impl Expr {
    /// Plain text with `^` for powers, `*` and `/`, minimal parentheses.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        write_expr(&mut s, self);
        s
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

/// Shortest text that reads back as the same f64: `0.5`, `0.001`, `2`, `1e-7`, `1.5e20`.
pub fn format_number(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-5..1e16).contains(&a) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// What a node looks like to the parser; `Num(-2)` prints like `Neg(2)`, and n-ary nodes with
/// fewer than two children print as their content.
enum View<'a> {
    Atom,
    Neg(Option<&'a Expr>, f64),
    Add(&'a [Expr]),
    Mul(&'a [Expr]),
    Inv(&'a Expr),
    Pow,
}

fn view(e: &Expr) -> View<'_> {
    match &e.kind {
        ExprKind::Num(v) if v.is_sign_negative() => View::Neg(None, -v),
        ExprKind::Neg(a) => View::Neg(Some(a), 0.0),
        ExprKind::Add(ts) if ts.len() >= 2 => View::Add(ts),
        ExprKind::Add(ts) if ts.len() == 1 => view(&ts[0]),
        ExprKind::Mul(fs) if fs.len() >= 2 => View::Mul(fs),
        ExprKind::Mul(fs) if fs.len() == 1 => view(&fs[0]),
        ExprKind::Inv(a) => View::Inv(a),
        ExprKind::Pow(..) => View::Pow,
        _ => View::Atom,
    }
}

/// Writes `e`, in parentheses if `wrap`. Everything goes into one buffer: building a string per
/// level would copy the output once per nesting level.
fn write_wrapped(s: &mut String, e: &Expr, wrap: bool) {
    if wrap {
        s.push('(');
    }
    write_expr(s, e);
    if wrap {
        s.push(')');
    }
}

/// Writes `e`, in parentheses if `wrap` or if its text starts with a minus sign (known only
/// after writing; the rare late insertion costs a copy of this one piece).
fn write_wrapped_if_minus(s: &mut String, e: &Expr, wrap: bool) {
    if wrap {
        return write_wrapped(s, e, true);
    }
    let start = s.len();
    write_expr(s, e);
    if s[start..].starts_with('-') {
        s.insert(start, '(');
        s.push(')');
    }
}

fn write_expr(s: &mut String, e: &Expr) {
    match &e.kind {
        ExprKind::Add(ts) | ExprKind::Mul(ts) if ts.len() == 1 => return write_expr(s, &ts[0]),
        ExprKind::Add(ts) if ts.is_empty() => return s.push('0'),
        ExprKind::Mul(ts) if ts.is_empty() => return s.push('1'),
        ExprKind::Const(c) => return s.push_str(c.name()),
        ExprKind::Var(name) => return s.push_str(name),
        ExprKind::Call(f, a) => {
            s.push_str(f.name());
            return write_wrapped(s, a, true);
        }
        ExprKind::Pow(b, x) => {
            write_wrapped(s, b, !matches!(view(b), View::Atom));
            s.push('^');
            // right-associative: `a^b^c` is `a^(b^c)`, so a power exponent needs no parentheses
            return write_wrapped(s, x, !matches!(view(x), View::Atom | View::Pow));
        }
        _ => {}
    }
    match view(e) {
        View::Atom => {
            if let ExprKind::Num(v) = e.kind {
                s.push_str(&format_number(v));
            }
        }
        View::Neg(Some(inner), _) => write_neg(s, inner),
        View::Neg(None, v) => {
            s.push('-');
            s.push_str(&format_number(v));
        }
        View::Add(ts) => {
            write_term(s, &ts[0], true);
            for t in &ts[1..] {
                write_term(s, t, false);
            }
        }
        View::Mul(fs) => {
            write_factor(s, &fs[0], true);
            for f in &fs[1..] {
                write_factor(s, f, false);
            }
        }
        View::Inv(d) => {
            s.push_str("1/");
            write_wrapped(s, d, divisor_needs_parens(d));
        }
        View::Pow => unreachable!("handled above"),
    }
}

/// `-inner`. The parser reads `-a*b` as `(-a)*b` (the same value), so a negated product is
/// printed as the product with its first factor negated: `-u*(1 - u^2)`, `-1/x`.
fn write_neg(s: &mut String, inner: &Expr) {
    let shaped = negate(inner);
    match &shaped.kind {
        ExprKind::Neg(z) => {
            s.push('-');
            // `-(a + b)`, `-(-a)`
            write_wrapped_if_minus(s, z, matches!(view(z), View::Add(_)));
        }
        _ => write_expr(s, &shaped),
    }
}

/// `-e` in the shape the parser builds for its printed form: the sign moves into the first
/// factor of a product (recursively) and `-(1/d)` becomes `(-1)/d`; otherwise `Neg(e)`.
/// Printing that shape (rather than `e`'s) is what makes printing idempotent.
fn negate(e: &Expr) -> Expr {
    let span = e.span;
    // the printed shape of `e` itself first: `--a` keeps both signs, as `-(-a)` reads back
    let e = match &e.kind {
        ExprKind::Neg(a) => negate(a),
        _ => e.clone(),
    };
    match view(&e) {
        View::Mul(fs) => {
            let mut fs = fs.to_vec();
            fs[0] = negate(&fs[0]);
            Expr::new(ExprKind::Mul(fs), span)
        }
        View::Inv(d) => {
            let one = Expr::new(
                ExprKind::Neg(Box::new(Expr::new(ExprKind::Num(1.0), span))),
                span,
            );
            let inv = Expr::new(ExprKind::Inv(Box::new(d.clone())), span);
            Expr::new(ExprKind::Mul(vec![one, inv]), span)
        }
        _ => Expr::new(ExprKind::Neg(Box::new(e)), span),
    }
}

/// One term of a sum. A later term that is negative (`Neg t`, `-2`, or a product led by a
/// negative factor) is written as a subtraction.
fn write_term(s: &mut String, t: &Expr, first: bool) {
    if first {
        return write_wrapped(s, t, matches!(view(t), View::Add(_)));
    }
    match split_negative(t) {
        Some(body) => {
            s.push_str(" - ");
            // `a - (b + c)`, `a - (-b)`: the parser reads `a - -b` too, but not as readably
            write_wrapped_if_minus(s, &body, matches!(view(&body), View::Add(_)));
        }
        None => {
            s.push_str(" + ");
            write_wrapped(s, t, matches!(view(t), View::Add(_)));
        }
    }
}

/// `Some(p)` with `t = -p` if `t` is written with a leading minus sign.
fn split_negative(t: &Expr) -> Option<Cow<'_, Expr>> {
    match view(t) {
        View::Neg(Some(a), _) => Some(Cow::Borrowed(a)),
        View::Neg(None, v) => Some(Cow::Owned(Expr::new(ExprKind::Num(v), t.span))),
        // a nested product as first factor is parenthesized, so no sign leads
        View::Mul(fs) if matches!(view(&fs[0]), View::Mul(_)) => None,
        View::Mul(fs) => {
            let first = split_negative(&fs[0])?.into_owned();
            let mut fs = fs.to_vec();
            fs[0] = first;
            Some(Cow::Owned(Expr::new(ExprKind::Mul(fs), t.span)))
        }
        _ => None,
    }
}

/// One factor of a product: a later `Inv d` is written `/d`.
fn write_factor(s: &mut String, f: &Expr, first: bool) {
    match (view(f), first) {
        (View::Inv(d), _) => {
            s.push_str(if first { "1/" } else { "/" });
            write_wrapped(s, d, divisor_needs_parens(d));
        }
        (v, true) => write_wrapped(s, f, matches!(v, View::Add(_) | View::Mul(_))),
        (v, false) => {
            s.push('*');
            write_wrapped_if_minus(s, f, matches!(v, View::Add(_) | View::Mul(_)));
        }
    }
}

fn divisor_needs_parens(d: &Expr) -> bool {
    !matches!(view(d), View::Atom | View::Pow)
}

#[cfg(test)]
#[path = "print_tests.rs"]
mod tests;
